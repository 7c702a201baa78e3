import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSegments, estimateCost, GSM7_EXTENSION, isGsm7, prepareSmsText, unsign } from '../../src/notify/sms-text.js';

const VI_LOWER = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
const VI_LETTERS = [...new Set([...VI_LOWER, ...VI_LOWER.toUpperCase()])];

describe('unsign', () => {
  it.each([
    ['Nguyễn Thị Hường', 'Nguyen Thi Huong'],
    ['Đặng Đình Đức', 'Dang Dinh Duc'],
    ['đường Trần Phú, phường Đông Hải', 'duong Tran Phu, phuong Dong Hai'],
    ['Hồ sơ đã được tiếp nhận. Hẹn trả kết quả', 'Ho so da duoc tiep nhan. Hen tra ket qua'],
    ['Ủy ban nhân dân xã Suối Kiết', 'Uy ban nhan dan xa Suoi Kiet'],
    ['Nguyễn Thị Hường'.normalize('NFD'), 'Nguyen Thi Huong'],
  ])('%s → %s', (input, out) => {
    expect(unsign(input)).toBe(out);
  });

  it('maps đ/Đ explicitly (NFD leaves them alone)', () => {
    expect('đ'.normalize('NFD')).toBe('đ');
    expect(unsign('đĐ')).toBe('dD');
  });

  it('turns every Vietnamese letter into GSM-7 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VI_LETTERS, ' ', '.', ',', '0', '9'), { maxLength: 200 }), (chars) => {
        const s = unsign(chars.join(''));
        expect(isGsm7(s)).toBe(true);
        expect(/[\u0300-\u036f]/.test(s.normalize('NFD'))).toBe(false);
        expect([...s].length).toBe(chars.length);
      }),
    );
  });
});

describe('countSegments: GSM-7', () => {
  it.each([
    [0, 0],
    [1, 1],
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
    [459, 3],
    [460, 4],
  ])('%i plain characters → %i segments', (n, segments) => {
    const info = countSegments('a'.repeat(n));
    expect(info.encoding).toBe('GSM-7');
    expect(info.segments).toBe(segments);
    expect(info.perSegment).toBe(n > 160 ? 153 : 160);
  });

  it('counts the extension table twice', () => {
    for (const c of GSM7_EXTENSION) {
      expect(countSegments(c).units).toBe(2);
      expect(countSegments(c.repeat(80)).segments).toBe(1);
      expect(countSegments(c.repeat(81)).segments).toBe(2);
    }
    expect(countSegments('Gia 100€ [phi]').units).toBe(17); // 14 characters, 3 of them extended
  });

  it('never splits an escape sequence across segments', () => {
    // 152 + 2 + 152 = 306 septets: a naive ceil(306/153) says 2, the carriers need 3
    const info = countSegments(`${'a'.repeat(152)}{${'a'.repeat(152)}`);
    expect(info.units).toBe(306);
    expect(info.segments).toBe(3);
  });

  it('an unsigned Vietnamese message stays GSM-7', () => {
    const p = prepareSmsText('Trung tâm Phục vụ hành chính công xã Suối Kiết: Hồ sơ đã có kết quả.', { unsigned: true });
    expect(p.text).toBe('Trung tam Phuc vu hanh chinh cong xa Suoi Kiet: Ho so da co ket qua.');
    expect(p.info).toMatchObject({ encoding: 'GSM-7', segments: 1, characters: 68 });
  });
});

describe('countSegments: UCS-2', () => {
  it.each([
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
  ])('%i Vietnamese characters → %i segments', (n, segments) => {
    const info = countSegments('ư'.repeat(n));
    expect(info.encoding).toBe('UCS-2');
    expect(info.segments).toBe(segments);
  });

  it('one "đ" or "ả" switches the whole message', () => {
    expect(countSegments('a'.repeat(100)).segments).toBe(1);
    const d = countSegments(`${'a'.repeat(100)}đ`);
    expect(d).toMatchObject({ encoding: 'UCS-2', segments: 2, nonGsm: ['đ'] });
    expect(countSegments(`${'a'.repeat(69)}ả`)).toMatchObject({ encoding: 'UCS-2', segments: 1 });
  });

  it('normalises to NFC before counting', () => {
    const nfd = 'Hồ sơ đã được tiếp nhận'.normalize('NFD');
    expect(countSegments(nfd).characters).toBe([...'Hồ sơ đã được tiếp nhận'].length);
    expect(countSegments(nfd).units).toBe(23);
  });

  it('a signed Vietnamese sentence costs more segments than its unsigned form', () => {
    const s = 'Trung tâm Phục vụ hành chính công xã Suối Kiết: Hồ sơ 000.00.00.H99-260302-0001 đã được tiếp nhận. Hẹn trả kết quả: 03/03/2026 09:00.';
    const signed = prepareSmsText(s, { unsigned: false });
    const unsigned = prepareSmsText(s, { unsigned: true });
    expect(signed.info).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(unsigned.info).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(estimateCost(signed.info, 850)).toBe(1700);
  });

  it('never splits a surrogate pair', () => {
    expect(countSegments(`${'a'.repeat(68)}😀`)).toMatchObject({ units: 70, segments: 1 });
    expect(countSegments(`${'ư'.repeat(66)}😀${'ư'.repeat(66)}`)).toMatchObject({ units: 134, segments: 3 });
  });
});

describe('segment rules (properties)', () => {
  const gsmBasic = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?()-/+'.split(''));
  it('GSM-7 without extension characters: 160 in one, then 153 each', () => {
    fc.assert(
      fc.property(fc.array(gsmBasic, { maxLength: 1200 }), (chars) => {
        const n = chars.length;
        const expected = n === 0 ? 0 : n <= 160 ? 1 : Math.ceil(n / 153);
        expect(countSegments(chars.join('')).segments).toBe(expected);
      }),
    );
  });

  it('UCS-2 in the BMP: 70 in one, then 67 each', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VI_LETTERS, ' ', 'a'), { minLength: 1, maxLength: 600 }), (chars) => {
        const s = `đ${chars.join('')}`;
        const n = [...s.normalize('NFC')].length;
        expect(countSegments(s).segments).toBe(n <= 70 ? 1 : Math.ceil(n / 67));
      }),
    );
  });

  it('adding a character never lowers the segment count', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ minLength: 1, maxLength: 1 }), (s, c) => {
        expect(countSegments(s + c).segments).toBeGreaterThanOrEqual(countSegments(s).segments);
      }),
    );
  });
});

describe('prepareSmsText', () => {
  it('replaces the characters carriers refuse and typographic characters', () => {
    const p = prepareSmsText('Hồ sơ #12 “Đăng ký” – xã A & xã B…', { unsigned: true });
    expect(p.text).toBe('Ho so so 12 "Dang ky" - xa A va xa B...');
    expect(p.replaced.sort()).toEqual(['#', '&']);
    expect(p.info.encoding).toBe('GSM-7');
  });

  it('keeps diacritics when asked (UCS-2) and uses a configured table', () => {
    const p = prepareSmsText('Đã nhận & xử lý', { unsigned: false, replace: { '&': 'và' } });
    expect(p.text).toBe('Đã nhận và xử lý');
    expect(p.info.encoding).toBe('UCS-2');
  });
});

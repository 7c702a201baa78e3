import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVINCE_CODES, maskId, parseBirthDate, parseDateInput, validatePersonalId } from '../../src/domain/identity.js';
import { formatVnDate } from '../../src/domain/time.js';

const TODAY = '2026-03-02';
const codes = (r: { ok: boolean; problems?: { code: string }[] }): string[] => (r.ok ? [] : (r.problems ?? []).map((p) => p.code));

describe('validatePersonalId: table', () => {
  it.each([
    ['060190012345', { birthDate: '1990-05-12', sex: 'female' as const }, '060', 'Bình Thuận', 'female', 19, 1990],
    ['001085012345', { birthDate: '1985-01-31', sex: 'male' as const }, '001', 'Hà Nội', 'male', 19, 1985],
    ['079303054321', { birthDate: '2003-07-07' }, '079', 'TP Hồ Chí Minh', 'female', 20, 2003],
    ['068200000001', {}, '068', 'Lâm Đồng', 'male', 20, 2000],
    ['096999999999', {}, '096', 'Cà Mau', 'female', 23, 2399],
    ['060 190 012 345', {}, '060', 'Bình Thuận', 'female', 19, 1990],
    ['060.190.012.345', {}, '060', 'Bình Thuận', 'female', 19, 1990],
  ])('%s is valid', (id, opts, code, name, sex, century, year) => {
    const r = validatePersonalId(id, opts);
    expect(r).toEqual({ ok: true, value: id.replace(/[ .]/g, ''), province: { code, name }, sex, century, birthYear: year });
  });

  it.each([
    ['06019001234', {}, ['ID_LENGTH']],
    ['0601900123456', {}, ['ID_LENGTH']],
    ['', {}, ['ID_LENGTH']],
    ['06019001234O', {}, ['ID_NOT_DIGITS', 'ID_LENGTH']],
    ['O60190012345', {}, ['ID_NOT_DIGITS', 'ID_LENGTH']],
    ['003190012345', {}, ['ID_PROVINCE']],
    ['097190012345', {}, ['ID_PROVINCE']],
    ['060185012345', { birthDate: '1990-05-12' }, ['ID_YEAR_MISMATCH']],
    ['060290012345', { birthDate: '1990-05-12' }, ['ID_CENTURY_MISMATCH']],
    ['060285012345', { birthDate: '1990-05-12' }, ['ID_CENTURY_MISMATCH', 'ID_YEAR_MISMATCH']],
    ['060090012345', { sex: 'female' as const }, ['ID_SEX_MISMATCH']],
    ['060190012345', { sex: 'male' as const }, ['ID_SEX_MISMATCH']],
    ['003185012345', { birthDate: '1990-01-01', sex: 'male' as const }, ['ID_PROVINCE', 'ID_YEAR_MISMATCH', 'ID_SEX_MISMATCH']],
  ])('%s %j → %j', (id, opts, expected) => {
    expect(codes(validatePersonalId(id, opts))).toEqual(expected);
  });

  it('says exactly what is wrong, in both languages', () => {
    const short = validatePersonalId('06019001234');
    expect(short.ok).toBe(false);
    if (!short.ok) {
      expect(short.problems[0]?.message.vi).toBe('Số định danh có 11 chữ số; cần đúng 12 chữ số');
      expect(short.problems[0]?.message.en).toBe('The personal ID number has 11 digits; 12 are required');
    }
    const year = validatePersonalId('060185012345', { birthDate: '1990-05-12' });
    if (year.ok) throw new Error('expected a problem');
    expect(year.problems[0]?.message.vi).toBe('Chữ số thứ 4–6 cho năm sinh 1985 nhưng ngày sinh là 1990 (12/05/1990)');
    expect(year.problems[0]?.message.en).toContain('1985');
    const century = validatePersonalId('060290012345', { birthDate: '1990-05-12' });
    if (century.ok) throw new Error('expected a problem');
    expect(century.problems[0]?.message.vi).toContain('người sinh năm 1990 có chữ số thứ 4 là 0 (nam) hoặc 1 (nữ)');
    const sex = validatePersonalId('060190012345', { sex: 'male' });
    if (sex.ok) throw new Error('expected a problem');
    expect(sex.problems[0]?.message.vi).toBe('Chữ số thứ 4 là "1" (giới tính nữ) nhưng giới tính khai là nam');
    const letters = validatePersonalId('06019001234O');
    if (letters.ok) throw new Error('expected a problem');
    expect(letters.problems[0]?.message.en).toContain('"O"');
  });

  it('accepts extra prefixes (country codes, UNCONFIRMED) only when configured', () => {
    expect(codes(validatePersonalId('999190012345'))).toEqual(['ID_PROVINCE']);
    const r = validatePersonalId('999190012345', { extraPrefixes: { '999': 'Test country' } });
    expect(r.ok && r.province).toEqual({ code: '999', name: 'Test country' });
  });

  it('has the 63 province codes, all distinct 3-digit strings', () => {
    expect(PROVINCE_CODES).toHaveLength(63);
    expect(new Set(PROVINCE_CODES.map((p) => p.code)).size).toBe(63);
    for (const p of PROVINCE_CODES) expect(p.code).toMatch(/^\d{3}$/);
  });

  it('refuses a malformed birthDate option (a programming error)', () => {
    expect(() => validatePersonalId('060190012345', { birthDate: '12/05/1990' })).toThrow(RangeError);
  });
});

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2399-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const province = fc.constantFrom(...PROVINCE_CODES);
const sexArb = fc.constantFrom('male' as const, 'female' as const);
const tail = fc.stringMatching(/^\d{6}$/);

function makeId(code: string, date: string, sex: 'male' | 'female', rest: string): string {
  const y = Number(date.slice(0, 4));
  const d4 = (Math.floor(y / 100) - 19) * 2 + (sex === 'female' ? 1 : 0);
  return `${code}${d4}${date.slice(2, 4)}${rest}`;
}

describe('validatePersonalId: properties', () => {
  it('a number built from a birth date, sex and province validates against them', () => {
    fc.assert(
      fc.property(isoDate, sexArb, province, tail, (date, sex, p, rest) => {
        const id = makeId(p.code, date, sex, rest);
        const r = validatePersonalId(id, { birthDate: date, sex });
        expect(r).toEqual({ ok: true, value: id, province: p, sex, century: Math.floor(Number(date.slice(0, 4)) / 100), birthYear: Number(date.slice(0, 4)) });
      }),
    );
  });

  it('changing the century digit to another century breaks it', () => {
    fc.assert(
      fc.property(isoDate, sexArb, province, tail, fc.integer({ min: 0, max: 9 }), (date, sex, p, rest, d) => {
        const id = makeId(p.code, date, sex, rest);
        fc.pre(Math.floor(d / 2) !== Math.floor(Number(id[3]) / 2));
        const changed = id.slice(0, 3) + d + id.slice(4);
        expect(codes(validatePersonalId(changed, { birthDate: date }))).toContain('ID_CENTURY_MISMATCH');
      }),
    );
  });

  it('flipping the sex parity breaks it; changing the year digits breaks it', () => {
    fc.assert(
      fc.property(isoDate, sexArb, province, tail, fc.integer({ min: 1, max: 99 }), (date, sex, p, rest, shift) => {
        const id = makeId(p.code, date, sex, rest);
        const d4 = Number(id[3]);
        const flipped = id.slice(0, 3) + (d4 % 2 === 0 ? d4 + 1 : d4 - 1) + id.slice(4);
        expect(codes(validatePersonalId(flipped, { birthDate: date, sex }))).toEqual(['ID_SEX_MISMATCH']);
        const yy = String((Number(id.slice(4, 6)) + shift) % 100).padStart(2, '0');
        expect(codes(validatePersonalId(id.slice(0, 4) + yy + id.slice(6), { birthDate: date, sex }))).toEqual(['ID_YEAR_MISMATCH']);
      }),
    );
  });

  it('any digit string that is not 12 long fails on length', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{0,20}$/), (s) => {
        fc.pre(s.length !== 12);
        expect(codes(validatePersonalId(s))).toEqual(['ID_LENGTH']);
      }),
    );
  });
});

describe('maskId', () => {
  it('keeps the first and last three digits', () => {
    expect(maskId('060190012345')).toBe('060******345');
    expect(maskId('060 190 012 345')).toBe('060******345');
    expect(maskId('12345')).toBe('*****');
  });
  it('never shows the middle digits and keeps the length', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7,20}$/), (s) => {
        const m = maskId(s);
        expect(m).toHaveLength(s.length);
        expect(m.slice(3, -3)).toMatch(/^\*+$/);
      }),
    );
  });
});

describe('parseBirthDate', () => {
  it.each([
    ['12/05/1990', '1990-05-12'],
    ['5/9/1990', '1990-09-05'],
    ['05-09-1990', '1990-09-05'],
    ['05.09.1990', '1990-09-05'],
    ['1990-05-12', '1990-05-12'],
    ['12051990', '1990-05-12'],
    [' 12/05/1990 ', '1990-05-12'],
    ['29/02/2000', '2000-02-29'],
    ['01/01/1900', '1900-01-01'],
    ['02/03/2026', '2026-03-02'],
  ])('%s → %s', (text, iso) => {
    expect(parseBirthDate(text, TODAY)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ['31/02/1990', 'DATE_INVALID'],
    ['29/02/1900', 'DATE_INVALID'],
    ['00/01/1990', 'DATE_INVALID'],
    ['12/13/1990', 'DATE_INVALID'],
    ['31121899', 'DATE_BEFORE_1900'],
    ['03/03/2026', 'DATE_FUTURE'],
    ['abc', 'DATE_FORMAT'],
    ['12/05/90', 'DATE_FORMAT'],
    ['1990/05/12', 'DATE_FORMAT'],
    ['', 'DATE_FORMAT'],
  ])('%s → %s', (text, code) => {
    expect(codes(parseBirthDate(text, TODAY))).toEqual([code]);
  });

  it('explains an impossible date', () => {
    const r = parseBirthDate('31/02/1990', TODAY);
    if (r.ok) throw new Error('expected a problem');
    expect(r.problems[0]?.message.vi).toBe('Ngày 31/02/1990 không tồn tại: tháng 2 năm 1990 có 28 ngày');
    expect(r.problems[0]?.message.en).toBe('The date 31/02/1990 does not exist: month 2 of 1990 has 28 days');
  });

  it('reads back every date it could print (dd/mm/yyyy and ddmmyyyy)', () => {
    const past = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-03-02T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(past, (iso) => {
        expect(parseBirthDate(formatVnDate(iso), TODAY)).toEqual({ ok: true, value: iso });
        expect(parseBirthDate(formatVnDate(iso).replace(/\//g, ''), TODAY)).toEqual({ ok: true, value: iso });
        expect(parseDateInput(iso)).toEqual({ ok: true, value: iso });
      }),
    );
  });
});

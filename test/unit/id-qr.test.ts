import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVINCE_CODES } from '../../src/domain/identity.js';
import { type IdQrData, findMangling, looksLikeIdQr, parseIdQr } from '../../src/domain/id-qr.js';

// All people here are fictitious.
const TODAY = '2026-03-02';
const codes = (r: { ok: boolean; problems?: { code: string }[] }): string[] => (r.ok ? [] : (r.problems ?? []).map((p) => p.code));

const OLD_BINH_THUAN = 'Thôn 1, xã Gia Huynh, huyện Tánh Linh, tỉnh Bình Thuận';
const LAN: IdQrData = {
  personalId: '060190012345',
  oldId: '261234567',
  fullName: 'Trần Thị Mai Lan',
  birthDate: '1990-05-12',
  sex: 'female',
  address: OLD_BINH_THUAN,
  issueDate: '2021-04-15',
};
const TAM: IdQrData = {
  personalId: '068085067890',
  oldId: null,
  fullName: 'Lê Văn Tâm',
  birthDate: '1985-11-03',
  sex: 'male',
  address: 'Tổ 3, phường 2, thành phố Đà Lạt, tỉnh Lâm Đồng',
  issueDate: '2022-06-20',
};
const HLAN: IdQrData = {
  personalId: '066304011223',
  oldId: null,
  fullName: "H'Lan Niê",
  birthDate: '2004-02-07',
  sex: 'female',
  address: 'Buôn Ko Sier, xã Ea Tu, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk',
  issueDate: '2021-03-10',
};

const LAN_QR = `060190012345|261234567|Trần Thị Mai Lan|12051990|Nữ|${OLD_BINH_THUAN}|15042021`;
const TAM_QR = '068085067890||Lê Văn Tâm|03111985|Nam|Tổ 3, phường 2, thành phố Đà Lạt, tỉnh Lâm Đồng|20062022';
const HLAN_QR = "066304011223||H'Lan Niê|07022004|Nữ|Buôn Ko Sier, xã Ea Tu, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk|10032021";

/** UTF-8 bytes shown as Latin-1 / Windows-1252: what a wrongly configured scanner produces. */
const latin1 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
const cp1252 = (s: string): string => new TextDecoder('windows-1252').decode(Buffer.from(s, 'utf8'));

describe('parseIdQr: valid scans', () => {
  it.each([
    ['plain', LAN_QR, LAN],
    ['plain, empty old number', TAM_QR, TAM],
    ['plain, ethnic-minority name', HLAN_QR, HLAN],
    ['trailing CR/LF', LAN_QR + '\r\n', LAN],
    ['trailing LF', TAM_QR + '\n', TAM],
    ['scanner prefix ]Q1 and suffix CR', ']Q1' + LAN_QR + '\r', LAN],
    ['scanner prefix ending in digits', 'SCAN01' + LAN_QR, LAN],
    ['scanner suffix after the issue date', LAN_QR + '#END', LAN],
    ['extra white space', ` 060190012345 | 261234567 |  Trần  Thị Mai Lan | 12051990 | Nữ |  Thôn 1,  xã Gia Huynh, huyện Tánh Linh, tỉnh Bình Thuận | 15042021 \r\n`, LAN],
    ['decomposed (NFD) text', LAN_QR.normalize('NFD'), LAN],
    ['empty issue date', TAM_QR.replace('|20062022', '|'), { ...TAM, issueDate: null }],
    [
      'labelled, with diacritics',
      `CCCD:060190012345|CMND:261234567|Họ tên:Trần Thị Mai Lan|Ngày sinh:12/05/1990|Giới tính:Nữ|Địa chỉ:${OLD_BINH_THUAN}|Ngày cấp:15/04/2021`,
      LAN,
    ],
    [
      'labelled, no diacritics, any order, no old number',
      'Ho ten:Lê Văn Tâm|Ngay sinh:03111985|Gioi tinh:Nam|CCCD:068085067890|Dia chi:Tổ 3, phường 2, thành phố Đà Lạt, tỉnh Lâm Đồng|Ngay cap:20062022\r\n',
      TAM,
    ],
    [
      'labelled, prefix glued to the first label, spaces around labels',
      `]Q1CCCD: 060190012345 | Số CMND: 261234567 | Họ và tên: Trần Thị Mai Lan | Ngày sinh: 12051990 | Giới tính: Nữ | Nơi thường trú: ${OLD_BINH_THUAN} | Ngày cấp: 15042021##`,
      LAN,
    ],
  ])('%s', (_label, text, expected) => {
    expect(parseIdQr(text, TODAY)).toEqual({ ok: true, value: expected });
  });

  it('keeps an old address exactly as printed (no correction to the 2025 names)', () => {
    const r = parseIdQr(LAN_QR, TODAY);
    expect(r.ok && r.value.address).toBe('Thôn 1, xã Gia Huynh, huyện Tánh Linh, tỉnh Bình Thuận');
  });
});

describe('parseIdQr: mangled, truncated, invalid', () => {
  it.each([
    ['replacement characters', LAN_QR.replace('Trần Thị', 'Tr\uFFFDn Th\uFFFD'), 'QR_MANGLED'],
    ['UTF-8 read as Latin-1', latin1(LAN_QR), 'QR_MANGLED'],
    ['UTF-8 read as Windows-1252', cp1252(LAN_QR), 'QR_MANGLED'],
    ['typical mojibake "Nguyá»…n"', LAN_QR.replace('Trần', 'Nguyá»…n'), 'QR_MANGLED'],
    ['mojibake "Æ°" in the address', LAN_QR.replace(OLD_BINH_THUAN, 'ThÃ´n 1, xÃ£ Gia Huynh, huyá»‡n TÃ¡nh Linh'), 'QR_MANGLED'],
    ['letters replaced by ?', '060190012345|261234567|Tr?n Th? Mai Lan|12051990|N?|Th?n 1, x? Gia Huynh, huy?n T?nh Linh, t?nh B?nh Thu?n|15042021', 'QR_MANGLED'],
    ['diacritics dropped (Nu)', '060190012345|261234567|Tran Thi Mai Lan|12051990|Nu|Thon 1, xa Gia Huynh, huyen Tanh Linh, tinh Binh Thuan|15042021', 'QR_MANGLED'],
    ['diacritics dropped (Nam)', '068085067890||Le Van Tam|03111985|Nam|To 3, phuong 2, thanh pho Da Lat, tinh Lam Dong|20062022', 'QR_MANGLED'],
    ['AZERTY digits', 'àçà&(à&é"'.concat("'(-|é") + '|Trần Thị Mai Lan', 'QR_MANGLED'],
    ['three fields only', '060190012345|261234567|Trần Thị Mai Lan', 'QR_TRUNCATED'],
    ['six fields', `060190012345|261234567|Trần Thị Mai Lan|12051990|Nữ|${OLD_BINH_THUAN}`, 'QR_TRUNCATED'],
    ['issue date cut', LAN_QR.slice(0, -4), 'QR_TRUNCATED'],
    ['the number alone', '060190012345', 'QR_TRUNCATED'],
    ['labelled without birth date and sex', 'CCCD:060190012345|Họ tên:Trần Thị Mai Lan|Địa chỉ:Thôn 1', 'QR_TRUNCATED'],
    ['not a card QR', 'hello|world|again', 'QR_FORMAT'],
  ])('%s → %s', (_label, text, code) => {
    expect(codes(parseIdQr(text, TODAY))).toEqual([code]);
  });

  it.each([
    ['birth year does not match the number', LAN_QR.replace('12051990', '12051991'), ['ID_YEAR_MISMATCH']],
    ['sex does not match the number', LAN_QR.replace('|Nữ|', '|Nam|'), ['ID_SEX_MISMATCH']],
    ['impossible birth date', LAN_QR.replace('12051990', '31021990'), ['DATE_INVALID']],
    ['birth date in the future', LAN_QR.replace('12051990', '12052030').replace('060190', '060330'), ['DATE_FUTURE']],
    ['unknown province', LAN_QR.replace('060190', '003190'), ['ID_PROVINCE']],
    ['short number', LAN_QR.replace('060190012345', '06019001234'), ['QR_FORMAT']],
    ['unreadable sex', LAN_QR.replace('|Nữ|', '|X|'), ['QR_SEX']],
    ['old number with letters', LAN_QR.replace('261234567', '26123456A'), ['QR_OLD_ID']],
    ['issue date before birth', LAN_QR.replace('15042021', '15041980'), ['QR_ISSUE_DATE']],
    ['issue date in the future', LAN_QR.replace('15042021', '15042027'), ['QR_ISSUE_DATE']],
    ['issue date impossible', LAN_QR.replace('15042021', '31042021'), ['QR_ISSUE_DATE']],
    ['digits in the name', LAN_QR.replace('Mai Lan', 'Mai L4n'), ['NAME_DIGITS']],
    ['empty address', LAN_QR.replace(OLD_BINH_THUAN, ' '), ['QR_FIELD_EMPTY']],
  ])('%s → %j', (_label, text, expected) => {
    expect(codes(parseIdQr(text, TODAY))).toEqual(expected);
  });

  it('names the field in its message', () => {
    const r = parseIdQr(LAN_QR.replace('12051990', '12051991'), TODAY);
    if (r.ok) throw new Error('expected a problem');
    expect(r.problems[0]?.message.vi).toBe('Số định danh: Chữ số thứ 4–6 cho năm sinh 1990 nhưng ngày sinh là 1991 (12/05/1991)');
    const t = parseIdQr('060190012345|261234567|Trần Thị Mai Lan', TODAY);
    if (t.ok) throw new Error('expected a problem');
    // a cut QR is one message, "scan again", without a list of what is missing (issue 18)
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]?.message.en).toBe('The QR text is cut short: scan the ID card again');
    const labelled = parseIdQr('CCCD:060190012345|Họ tên:Trần Thị Mai Lan|Địa chỉ:Thôn 1', TODAY);
    if (labelled.ok) throw new Error('expected a problem');
    expect(labelled.problems.map((p) => p.message.vi)).toEqual(['Mã QR đọc chưa hết (bị cắt): hãy quét lại thẻ căn cước']);
    const m = parseIdQr(latin1(LAN_QR), TODAY);
    if (m.ok) throw new Error('expected a problem');
    expect(m.problems[0]?.message.vi).toContain('quét lại');
  });
});

describe('looksLikeIdQr', () => {
  it.each([
    [LAN_QR, true],
    [TAM_QR + '\r\n', true],
    [']Q1' + LAN_QR, true],
    ['CCCD:060190012345|Họ tên:Trần Thị Mai Lan|Ngày sinh:12051990', true],
    [latin1(LAN_QR), true],
    ['060190012345', false],
    ['060 190 012 345', false],
    ['Trần Thị Mai Lan', false],
    ['0912345678', false],
    ['a|b', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeIdQr(text)).toBe(expected);
  });
});

describe('findMangling', () => {
  it('leaves clean Vietnamese alone, including capitals like Ã and Ì', () => {
    for (const s of [LAN_QR, TAM_QR, HLAN_QR, 'NGUYỄN THỊ HƯỜNG', 'Lê Thị Ngã', 'NGÃ BA', 'Í Ì Ĩ Ư Ơ Đ Â Ê Ô Ă']) expect(findMangling(s)).toBeNull();
  });
});

// Property: any fictitious person built from the pools round-trips through every QR form.
const syllables = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Thị', 'Văn', 'Hường', 'Mai', 'Lan', 'Đức', 'Ánh', 'Ưu', 'Ỷ', "K'Bris", 'Niê'];
const places = ['Thôn 1, xã Gia Huynh, huyện Tánh Linh, tỉnh Bình Thuận', 'Tổ 3, phường 2, thành phố Đà Lạt, tỉnh Lâm Đồng', 'Số 5 đường Trần Phú, xã Suối Kiết, tỉnh Lâm Đồng'];
const personArb = fc
  .record({
    name: fc.array(fc.constantFrom(...syllables), { minLength: 2, maxLength: 4 }).map((a) => a.join(' ')),
    birth: fc.date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    sex: fc.constantFrom('male' as const, 'female' as const),
    province: fc.constantFrom(...PROVINCE_CODES.map((p) => p.code)),
    rest: fc.stringMatching(/^\d{6}$/),
    oldId: fc.option(fc.stringMatching(/^\d{9}$/), { nil: null }),
    address: fc.constantFrom(...places),
    issueOffsetDays: fc.integer({ min: 0, max: 2000 }),
  })
  .map((p): IdQrData => {
    const y = Number(p.birth.slice(0, 4));
    const d4 = (Math.floor(y / 100) - 19) * 2 + (p.sex === 'female' ? 1 : 0);
    const issue = new Date(Date.parse(TODAY) - p.issueOffsetDays * 86_400_000).toISOString().slice(0, 10);
    return {
      personalId: `${p.province}${d4}${p.birth.slice(2, 4)}${p.rest}`,
      oldId: p.oldId,
      fullName: p.name,
      birthDate: p.birth,
      sex: p.sex,
      address: p.address,
      issueDate: issue < p.birth ? p.birth : issue,
    };
  });
const ddmmyyyy = (iso: string): string => iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(0, 4);
const plain = (v: IdQrData): string =>
  [v.personalId, v.oldId ?? '', v.fullName, ddmmyyyy(v.birthDate), v.sex === 'male' ? 'Nam' : 'Nữ', v.address, v.issueDate ? ddmmyyyy(v.issueDate) : ''].join('|');

describe('parseIdQr: properties', () => {
  it('plain form, with any scanner prefix and line ending, round-trips', () => {
    fc.assert(
      fc.property(personArb, fc.constantFrom('', ']Q1', 'QR:', '\u0002'), fc.constantFrom('', '\r', '\n', '\r\n'), (v, pre, post) => {
        const text = pre + plain(v) + post;
        expect(looksLikeIdQr(text)).toBe(true);
        expect(parseIdQr(text, TODAY)).toEqual({ ok: true, value: v });
      }),
    );
  });

  it('labelled form in any order round-trips', () => {
    fc.assert(
      fc.property(personArb, fc.boolean(), (v, accents) => {
        const fields = [
          `${accents ? 'Số CCCD' : 'So CCCD'}:${v.personalId}`,
          `CMND:${v.oldId ?? ''}`,
          `${accents ? 'Họ tên' : 'Ho ten'}:${v.fullName}`,
          `${accents ? 'Ngày sinh' : 'Ngay sinh'}:${ddmmyyyy(v.birthDate)}`,
          `${accents ? 'Giới tính' : 'Gioi tinh'}:${v.sex === 'male' ? 'Nam' : 'Nữ'}`,
          `${accents ? 'Địa chỉ' : 'Dia chi'}:${v.address}`,
          `${accents ? 'Ngày cấp' : 'Ngay cap'}:${v.issueDate ? ddmmyyyy(v.issueDate) : ''}`,
        ];
        const shuffled = fields.map((f, i) => [((i * 7919) % 13) + (v.personalId.charCodeAt(11) % 5), f] as const).sort((a, b) => a[0] - b[0]);
        expect(parseIdQr(shuffled.map((s) => s[1]).join('|'), TODAY)).toEqual({ ok: true, value: v });
      }),
    );
  });

  it('garbling the encoding, or replacing an accented letter by ?, is always caught', () => {
    fc.assert(
      fc.property(personArb, (v) => {
        const text = plain(v);
        expect(codes(parseIdQr(latin1(text), TODAY))).toEqual(['QR_MANGLED']);
        expect(codes(parseIdQr(cp1252(text), TODAY))).toEqual(['QR_MANGLED']);
        const accented = [...text].findIndex((c) => c > '\u007f');
        expect(codes(parseIdQr(text.slice(0, accented) + '?' + text.slice(accented + 1), TODAY))).toEqual(['QR_MANGLED']);
      }),
    );
  });

  it('cutting the text before the issue date is reported as truncated', () => {
    fc.assert(
      fc.property(personArb, fc.integer({ min: 1, max: 6 }), (v, keep) => {
        const text = plain(v).split('|').slice(0, keep).join('|');
        expect(codes(parseIdQr(text, TODAY))).toEqual(['QR_TRUNCATED']);
      }),
    );
  });
});

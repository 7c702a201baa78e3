/**
 * Personal identification number (số định danh cá nhân, the 12 digits on the CCCD / căn cước
 * card) and birth dates. Rules: regulations.md §7.1 (structure of NĐ 137/2015 Art. 13 and
 * TT 07/2016/TT-BCA Annex I, still followed by numbers issued today):
 *   digits 1–3 province (or country) where the birth was registered,
 *   digit 4    century of birth + sex (0/1 = 1900–1999, 2/3 = 2000–2099, … 8/9 = 2300–2399;
 *              even = male, odd = female),
 *   digits 5–6 last two digits of the birth year, digits 7–12 random. No check digit.
 * Country codes for births registered abroad are UNCONFIRMED: pass them as `extraPrefixes`.
 * Pure: no clock; "today" is passed in.
 */
import type { Msg } from '../i18n/index.js';
import { nfc } from './text.js';
import { type IsoDate, daysInMonth, formatVnDate, isValidIsoDate, parseIsoDate } from './time.js';

/** One thing wrong with an input: a stable code (tests and handlers switch on it) and the text. */
export interface Problem {
  code: string;
  message: Msg;
}

export interface Failed {
  ok: false;
  problems: Problem[];
}

export type Sex = 'male' | 'female';

export interface Province {
  code: string;
  name: string;
}

/** The 63 pre-2025 province codes (TT 07/2016/TT-BCA Annex I, regulations.md §7.1). */
export const PROVINCE_CODES: readonly Province[] = (
  [
    ['001', 'Hà Nội'], ['002', 'Hà Giang'], ['004', 'Cao Bằng'], ['006', 'Bắc Kạn'], ['008', 'Tuyên Quang'],
    ['010', 'Lào Cai'], ['011', 'Điện Biên'], ['012', 'Lai Châu'], ['014', 'Sơn La'], ['015', 'Yên Bái'],
    ['017', 'Hòa Bình'], ['019', 'Thái Nguyên'], ['020', 'Lạng Sơn'], ['022', 'Quảng Ninh'], ['024', 'Bắc Giang'],
    ['025', 'Phú Thọ'], ['026', 'Vĩnh Phúc'], ['027', 'Bắc Ninh'], ['030', 'Hải Dương'], ['031', 'Hải Phòng'],
    ['033', 'Hưng Yên'], ['034', 'Thái Bình'], ['035', 'Hà Nam'], ['036', 'Nam Định'], ['037', 'Ninh Bình'],
    ['038', 'Thanh Hóa'], ['040', 'Nghệ An'], ['042', 'Hà Tĩnh'], ['044', 'Quảng Bình'], ['045', 'Quảng Trị'],
    ['046', 'Thừa Thiên Huế'], ['048', 'Đà Nẵng'], ['049', 'Quảng Nam'], ['051', 'Quảng Ngãi'], ['052', 'Bình Định'],
    ['054', 'Phú Yên'], ['056', 'Khánh Hòa'], ['058', 'Ninh Thuận'], ['060', 'Bình Thuận'], ['062', 'Kon Tum'],
    ['064', 'Gia Lai'], ['066', 'Đắk Lắk'], ['067', 'Đắk Nông'], ['068', 'Lâm Đồng'], ['070', 'Bình Phước'],
    ['072', 'Tây Ninh'], ['074', 'Bình Dương'], ['075', 'Đồng Nai'], ['077', 'Bà Rịa-Vũng Tàu'], ['079', 'TP Hồ Chí Minh'],
    ['080', 'Long An'], ['082', 'Tiền Giang'], ['083', 'Bến Tre'], ['084', 'Trà Vinh'], ['086', 'Vĩnh Long'],
    ['087', 'Đồng Tháp'], ['089', 'An Giang'], ['091', 'Kiên Giang'], ['092', 'Cần Thơ'], ['093', 'Hậu Giang'],
    ['094', 'Sóc Trăng'], ['095', 'Bạc Liêu'], ['096', 'Cà Mau'],
  ] as const
).map(([code, name]) => ({ code, name }));

const PROVINCE_BY_CODE: ReadonlyMap<string, string> = new Map(PROVINCE_CODES.map((p) => [p.code, p.name]));

export interface PersonalIdOptions {
  /** Declared date of birth: checks digit 4 (century) and digits 5–6 (year). */
  birthDate?: IsoDate;
  /** Declared sex: checks the parity of digit 4. */
  sex?: Sex;
  /** Further accepted 3-digit prefixes, code → name (e.g. country codes once confirmed). */
  extraPrefixes?: Readonly<Record<string, string>>;
}

export interface ValidPersonalId {
  ok: true;
  /** The 12 digits (a string: leading zeros kept). */
  value: string;
  province: Province;
  sex: Sex;
  /** First two digits of the birth year encoded by digit 4: 19 for 1900–1999, 20 for 2000–2099 … */
  century: number;
  /** Birth year encoded by digits 4–6, e.g. 1990. */
  birthYear: number;
}

const SEX_VI: Record<Sex, string> = { male: 'nam', female: 'nữ' };

const quoteList = (chars: string[]): string => chars.map((c) => `"${c}"`).join(', ');

/** Validate a personal identification number; spaces, dots and hyphens are ignored. */
export function validatePersonalId(id: string, opts: PersonalIdOptions = {}): ValidPersonalId | Failed {
  const compact = nfc(id).replace(/[\s.\-]/g, '');
  const problems: Problem[] = [];
  const bad = [...new Set([...compact].filter((c) => c < '0' || c > '9'))];
  if (bad.length > 0) {
    problems.push({
      code: 'ID_NOT_DIGITS',
      message: {
        vi: `Số định danh chỉ gồm chữ số; có ký tự không hợp lệ: ${quoteList(bad)}`,
        en: `The personal ID number may contain digits only; found: ${quoteList(bad)}`,
      },
    });
  }
  const digitCount = [...compact].filter((c) => c >= '0' && c <= '9').length;
  if (digitCount !== 12) {
    problems.push({
      code: 'ID_LENGTH',
      message: {
        vi: `Số định danh có ${digitCount} chữ số; cần đúng 12 chữ số`,
        en: `The personal ID number has ${digitCount} digits; 12 are required`,
      },
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const code = compact.slice(0, 3);
  const provinceName = PROVINCE_BY_CODE.get(code) ?? opts.extraPrefixes?.[code];
  if (provinceName === undefined) {
    problems.push({
      code: 'ID_PROVINCE',
      message: {
        vi: `Ba chữ số đầu "${code}" không phải mã tỉnh nơi đăng ký khai sinh nào (danh sách 63 mã tỉnh)`,
        en: `The first three digits "${code}" are not the code of any province of birth registration (list of 63 province codes)`,
      },
    });
  }
  const d4 = Number(compact[3]);
  const century = 19 + Math.floor(d4 / 2);
  const sex: Sex = d4 % 2 === 0 ? 'male' : 'female';
  const yy = Number(compact.slice(4, 6));
  const birthYear = century * 100 + yy;

  if (opts.birthDate !== undefined) {
    if (!isValidIsoDate(opts.birthDate)) throw new RangeError(`birthDate is not a YYYY-MM-DD date: ${opts.birthDate}`);
    const [by] = parseIsoDate(opts.birthDate);
    const shown = formatVnDate(opts.birthDate);
    if (Math.floor(by / 100) !== century) {
      const expected =
        by >= 1900 && by <= 2399 ? [(Math.floor(by / 100) - 19) * 2, (Math.floor(by / 100) - 19) * 2 + 1] : null;
      problems.push({
        code: 'ID_CENTURY_MISMATCH',
        message: {
          vi:
            `Chữ số thứ 4 là "${d4}" (sinh năm ${century}00–${century}99) nhưng ngày sinh ${shown} thuộc năm ${by}` +
            (expected ? `; người sinh năm ${by} có chữ số thứ 4 là ${expected[0]} (nam) hoặc ${expected[1]} (nữ)` : ''),
          en:
            `Digit 4 is "${d4}" (born ${century}00–${century}99) but the date of birth ${shown} is in ${by}` +
            (expected ? `; people born in ${by} have digit 4 = ${expected[0]} (male) or ${expected[1]} (female)` : ''),
        },
      });
    }
    if (by % 100 !== yy) {
      problems.push({
        code: 'ID_YEAR_MISMATCH',
        message: {
          vi: `Chữ số thứ 4–6 cho năm sinh ${birthYear} nhưng ngày sinh là ${by} (${shown})`,
          en: `Digits 4–6 give the birth year ${birthYear} but the date of birth is in ${by} (${shown})`,
        },
      });
    }
  }
  if (opts.sex !== undefined && opts.sex !== sex) {
    problems.push({
      code: 'ID_SEX_MISMATCH',
      message: {
        vi: `Chữ số thứ 4 là "${d4}" (giới tính ${SEX_VI[sex]}) nhưng giới tính khai là ${SEX_VI[opts.sex]}`,
        en: `Digit 4 is "${d4}" (${sex}) but the declared sex is ${opts.sex}`,
      },
    });
  }
  if (problems.length > 0 || provinceName === undefined) return { ok: false, problems };
  return { ok: true, value: compact, province: { code, name: provinceName }, sex, century, birthYear };
}

/** Mask an ID number for logs and the terminal: `060******234` (separators dropped). */
export function maskId(id: string): string {
  const s = id.replace(/[\s.\-]/g, '');
  if (s.length <= 6) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 6) + s.slice(-3);
}

export type DateResult = { ok: true; value: IsoDate } | Failed;

const p2 = (n: number): string => String(n).padStart(2, '0');

/** Earliest year a typed date may have (no dossier, birth or card date is older; 0001 is a typo). */
export const MIN_INPUT_YEAR = 1000;

/**
 * Read a calendar date typed or scanned: `dd/mm/yyyy`, `d/m/yyyy` (also with `-` or `.`),
 * `yyyy-mm-dd`, or `ddmmyyyy` (the QR form). Checks that the date exists (no 30/02, no 31/04,
 * no year 0001); nothing else. The one date parser of every date the user gives.
 */
export function parseDateInput(text: string): DateResult {
  const t = nfc(text).trim();
  let y: number;
  let m: number;
  let d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/.exec(t))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{2})(\d{2})(\d{4})$/.exec(t))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return {
      ok: false,
      problems: [
        {
          code: 'DATE_FORMAT',
          message: {
            vi: `Không đọc được ngày "${t}"; hãy nhập dd/mm/yyyy (ví dụ 05/09/1990)`,
            en: `Cannot read the date "${t}"; type dd/mm/yyyy (for example 05/09/1990)`,
          },
        },
      ],
    };
  }
  if (m < 1 || m > 12) {
    return {
      ok: false,
      problems: [
        {
          code: 'DATE_INVALID',
          message: {
            vi: `Ngày "${t}" không tồn tại: không có tháng ${m}`,
            en: `The date "${t}" does not exist: there is no month ${m}`,
          },
        },
      ],
    };
  }
  if (y < MIN_INPUT_YEAR) {
    // year 0001 (or 0099) would silently become 1901 (1999) in Date.UTC: refused as a typing error
    return {
      ok: false,
      problems: [{ code: 'DATE_INVALID', message: { vi: `Ngày "${t}" không hợp lệ: năm ${y} (nhập năm đủ 4 chữ số, từ ${MIN_INPUT_YEAR})`, en: `The date "${t}" is not valid: year ${y} (type the full year, ${MIN_INPUT_YEAR} or later)` } }],
    };
  }
  const dim = daysInMonth(y, m);
  if (d < 1 || d > dim) {
    return {
      ok: false,
      problems: [
        {
          code: 'DATE_INVALID',
          message: {
            vi: `Ngày ${p2(d)}/${p2(m)}/${y} không tồn tại: tháng ${m} năm ${y} có ${dim} ngày`,
            en: `The date ${p2(d)}/${p2(m)}/${y} does not exist: month ${m} of ${y} has ${dim} days`,
          },
        },
      ],
    };
  }
  return { ok: true, value: `${String(y).padStart(4, '0')}-${p2(m)}-${p2(d)}` };
}

/** A date of birth: a real date, not after `today`, not before 1900. */
export function parseBirthDate(text: string, today: IsoDate): DateResult {
  const r = parseDateInput(text);
  if (!r.ok) return r;
  const [y] = parseIsoDate(r.value);
  if (y < 1900) {
    return {
      ok: false,
      problems: [
        {
          code: 'DATE_BEFORE_1900',
          message: {
            vi: `Ngày sinh ${formatVnDate(r.value)} trước năm 1900`,
            en: `The date of birth ${formatVnDate(r.value)} is before 1900`,
          },
        },
      ],
    };
  }
  if (r.value > today) {
    return {
      ok: false,
      problems: [
        {
          code: 'DATE_FUTURE',
          message: {
            vi: `Ngày sinh ${formatVnDate(r.value)} ở sau ngày hôm nay (${formatVnDate(today)})`,
            en: `The date of birth ${formatVnDate(r.value)} is after today (${formatVnDate(today)})`,
          },
        },
      ],
    };
  }
  return r;
}

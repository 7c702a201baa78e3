/**
 * The QR code on the back of the chip ID card (CCCD / căn cước), as a USB scanner "types" it
 * (/work/shared/reference/id-card-qr.md):
 *   plain     `id|oldId|name|ddmmyyyy|sex|address|issueDdmmyyyy`
 *   labelled  `CCCD:…|CMND:…|Họ tên:…|Ngày sinh:…|Giới tính:…|Địa chỉ:…|Ngày cấp:…` (labels with or
 *             without diacritics, any order)
 * Scanner prefixes/suffixes, CR/LF and extra white space are tolerated. Garbled text (U+FFFD,
 * UTF-8 read as Latin-1/Windows-1252 such as "Nguyá»…n", letters turned into '?', lost diacritics,
 * an AZERTY keyboard layout) is refused with QR_MANGLED so the operator rescans instead of saving
 * garbage. Addresses are kept exactly as printed (old district and province names included).
 * The content is not signed: it speeds up typing, it does not prove identity. Pure.
 */
import { type Failed, type Problem, type Sex, parseBirthDate, parseDateInput, validatePersonalId } from './identity.js';
import { normaliseName } from './person.js';
import { cleanText, foldForSearch, nfc } from './text.js';
import { type IsoDate, formatVnDate } from './time.js';

export interface IdQrData {
  personalId: string;
  oldId: string | null;
  fullName: string;
  birthDate: IsoDate;
  sex: Sex;
  address: string;
  issueDate: IsoDate | null;
}

export type IdQrResult = { ok: true; value: IdQrData } | Failed;

type Field = 'personalId' | 'oldId' | 'fullName' | 'birthDate' | 'sex' | 'address' | 'issueDate';
type RawFields = Partial<Record<Field, string>>;

const ORDER: readonly Field[] = ['personalId', 'oldId', 'fullName', 'birthDate', 'sex', 'address', 'issueDate'];
const REQUIRED: readonly Field[] = ['personalId', 'fullName', 'birthDate', 'sex', 'address'];
const FIELD_NAMES: Record<Field, { vi: string; en: string }> = {
  personalId: { vi: 'Số định danh', en: 'ID number' },
  oldId: { vi: 'Số CMND', en: 'old ID number' },
  fullName: { vi: 'Họ tên', en: 'full name' },
  birthDate: { vi: 'Ngày sinh', en: 'date of birth' },
  sex: { vi: 'Giới tính', en: 'sex' },
  address: { vi: 'Địa chỉ', en: 'address' },
  issueDate: { vi: 'Ngày cấp', en: 'date of issue' },
};

/** Labels (folded: lower case, no diacritics) → field. */
const LABELS: ReadonlyMap<string, Field> = new Map<string, Field>([
  ...['cccd', 'so cccd', 'cccd so', 'can cuoc', 'so can cuoc', 'so dinh danh', 'so dinh danh ca nhan', 'ma dinh danh'].map((l) => [l, 'personalId'] as const),
  ...['cmnd', 'so cmnd', 'cmnd cu', 'so cmnd cu'].map((l) => [l, 'oldId'] as const),
  ...['ho ten', 'ho va ten', 'ten'].map((l) => [l, 'fullName'] as const),
  ...['ngay sinh', 'ngay thang nam sinh', 'sinh ngay'].map((l) => [l, 'birthDate'] as const),
  ...['gioi tinh'].map((l) => [l, 'sex'] as const),
  ...['dia chi', 'noi thuong tru', 'dia chi thuong tru', 'noi cu tru', 'thuong tru'].map((l) => [l, 'address'] as const),
  ...['ngay cap', 'ngay cap cccd'].map((l) => [l, 'issueDate'] as const),
]);

const mangled = (vi: string, en: string): Problem => ({
  code: 'QR_MANGLED',
  message: {
    vi: `Nội dung mã QR bị lỗi chữ (${vi}); kiểm tra chế độ bàn phím của máy quét rồi quét lại`,
    en: `The scanned QR text is garbled (${en}); check the scanner's keyboard mode and scan again`,
  },
});

/** Second characters of a UTF-8 sequence read as Latin-1 or Windows-1252. */
const CONTINUATION = '\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122';
/** Lead characters: UTF-8 lead bytes of Vietnamese letters (C2–C6, CC, CD, E1, E2) as Latin-1. */
const MOJIBAKE = new RegExp(`[\u00C2-\u00C6\u00CC\u00CD\u00E1\u00E2][${CONTINUATION}]`);
const AZERTY_DIGITS = /[&é"'(\-è_çà]{12}/;

/** Signs of a garbled scan, or null. Also usable on a typed name. */
export function findMangling(text: string): Problem | null {
  const t = nfc(text);
  if (t.includes('\uFFFD')) return mangled('có ký tự thay thế "\uFFFD"', 'it contains the replacement character "\uFFFD"');
  const m = MOJIBAKE.exec(t);
  if (m) return mangled(`chữ có dấu bị đọc sai mã: "${m[0]}"`, `accented letters read in the wrong encoding: "${m[0]}"`);
  if (t.includes('?')) return mangled('chữ có dấu bị thay bằng "?"', 'accented letters were replaced by "?"');
  if (!/\d{12}/.test(t) && AZERTY_DIGITS.test(t)) return mangled('chữ số bị gõ theo bàn phím AZERTY', 'digits were typed with an AZERTY keyboard layout');
  return null;
}

/** Cheap check: does this typed line look like a scanned card QR rather than a typed number? */
export function looksLikeIdQr(text: string): boolean {
  if (!text.includes('|')) return false;
  return /\d{12}\s*\|/.test(text) || text.split('|').length >= 3;
}

/**
 * A QR text cut short (the scanner stopped early, or Enter was pressed mid-scan): one message,
 * "scan again". What is missing is only a symptom, so it is not listed (issue 18).
 */
function truncated(): Failed {
  return {
    ok: false,
    problems: [{ code: 'QR_TRUNCATED', message: { vi: 'Mã QR đọc chưa hết (bị cắt): hãy quét lại thẻ căn cước', en: 'The QR text is cut short: scan the ID card again' } }],
  };
}

function splitPlain(t: string): RawFields | Failed {
  const start = /\d{12}\s*(?:\||$)/.exec(t);
  if (!start) {
    return {
      ok: false,
      problems: [
        {
          code: 'QR_FORMAT',
          message: {
            vi: 'Không phải nội dung mã QR căn cước: không thấy số định danh 12 chữ số',
            en: 'This is not the QR text of an ID card: no 12-digit ID number found',
          },
        },
      ],
    };
  }
  const parts = t.slice(start.index).split('|');
  if (parts.length < 7) {
    return truncated();
  }
  // Field 7 is the issue date; whatever follows its 8 digits (and any further fields) is a scanner suffix.
  const last = (parts[6] ?? '').trim();
  const date = /^\d{8}/.exec(last);
  if (parts.length === 7 && /^\d{1,7}$/.test(last)) {
    return truncated();
  }
  const raw: RawFields = {};
  ORDER.forEach((f, i) => (raw[f] = parts[i] ?? ''));
  raw.issueDate = date ? date[0] : last;
  return raw;
}

function labelOf(label: string, first: boolean): Field | undefined {
  const key = foldForSearch(label);
  const exact = LABELS.get(key);
  if (exact || !first) return exact;
  // A scanner prefix glued to the first label: "]Q1CCCD" → "q1cccd" ends with "cccd".
  let best: [string, Field] | undefined;
  for (const [l, f] of LABELS) if (key.endsWith(l) && (!best || l.length > best[0].length)) best = [l, f];
  return best?.[1];
}

function splitLabelled(parts: string[]): RawFields {
  const raw: RawFields = {};
  parts.forEach((part, i) => {
    const colon = part.indexOf(':');
    if (colon < 0) return;
    const field = labelOf(part.slice(0, colon), i === 0);
    if (field && raw[field] === undefined) raw[field] = part.slice(colon + 1);
  });
  if (raw.issueDate !== undefined) {
    // The last field may carry a scanner suffix: keep the leading date only.
    const d = /^\s*(\d{8}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{4}-\d{2}-\d{2})/.exec(raw.issueDate);
    if (d?.[1]) raw.issueDate = d[1];
  }
  return raw;
}

function isLabelled(parts: string[]): boolean {
  return parts.filter((p, i) => p.includes(':') && labelOf(p.slice(0, p.indexOf(':')), i === 0) !== undefined).length >= 2;
}

function inField(field: Field, problems: Problem[], code?: string): Problem[] {
  const n = FIELD_NAMES[field];
  return problems.map((p) => ({ code: code ?? p.code, message: { vi: `${n.vi}: ${p.message.vi}`, en: `${n.en}: ${p.message.en}` } }));
}

export function parseIdQr(text: string, today: IsoDate): IdQrResult {
  const t = nfc(text).replace(/[\r\n\t]+/g, ' ').trim();
  const garbled = findMangling(t);
  if (garbled) return { ok: false, problems: [garbled] };

  const parts = t.split('|');
  let raw: RawFields;
  if (isLabelled(parts)) {
    raw = splitLabelled(parts);
    const missing = REQUIRED.filter((f) => raw[f] === undefined);
    if (missing.length > 0) {
      return truncated();
    }
  } else {
    const r = splitPlain(t);
    if ('ok' in r) return r;
    raw = r;
  }

  const problems: Problem[] = [];
  const sexText = nfc((raw.sex ?? '').trim()).toLowerCase();
  let sex: Sex | undefined;
  if (sexText === 'nam') sex = 'male';
  else if (sexText === 'nữ') sex = 'female';
  else if (sexText === 'nu' || sexText === 'n') {
    return { ok: false, problems: [mangled(`giới tính đọc được là "${raw.sex?.trim()}", mất dấu`, `the sex reads "${raw.sex?.trim()}", diacritics lost`)] };
  } else {
    problems.push({
      code: 'QR_SEX',
      message: { vi: `Giới tính "${raw.sex?.trim()}" không đọc được; cần Nam hoặc Nữ`, en: `The sex "${raw.sex?.trim()}" is not readable; Nam or Nữ expected` },
    });
  }
  const fullName = cleanText(raw.fullName ?? '');
  const address = cleanText(raw.address ?? '');
  if (/[A-Za-z]/.test(fullName + address) && !/[^\x00-\x7F]/.test(fullName + address)) {
    return { ok: false, problems: [mangled('họ tên và địa chỉ không có chữ có dấu nào', 'the name and address have no accented letter at all')] };
  }

  const birth = parseBirthDate((raw.birthDate ?? '').trim(), today);
  if (!birth.ok) problems.push(...inField('birthDate', birth.problems));

  const id = validatePersonalId((raw.personalId ?? '').trim(), {
    ...(birth.ok ? { birthDate: birth.value } : {}),
    ...(sex ? { sex } : {}),
  });
  if (!id.ok) problems.push(...inField('personalId', id.problems));

  const oldIdText = (raw.oldId ?? '').replace(/\s+/g, '');
  if (oldIdText !== '' && !/^\d+$/.test(oldIdText)) {
    problems.push({
      code: 'QR_OLD_ID',
      message: { vi: `Số CMND cũ "${oldIdText}" chỉ được gồm chữ số`, en: `The old ID number "${oldIdText}" may contain digits only` },
    });
  }

  const name = normaliseName(fullName, { titleCase: false });
  if (!name.ok) problems.push(...inField('fullName', name.problems));
  if (address === '') {
    problems.push({ code: 'QR_FIELD_EMPTY', message: { vi: 'Địa chỉ trong mã QR để trống', en: 'The address in the QR text is empty' } });
  }

  let issueDate: IsoDate | null = null;
  const issueText = (raw.issueDate ?? '').trim();
  if (issueText !== '') {
    const issue = parseDateInput(issueText);
    if (!issue.ok) problems.push(...inField('issueDate', issue.problems, 'QR_ISSUE_DATE'));
    else if (issue.value > today) {
      problems.push(
        ...inField('issueDate', [{ code: 'QR_ISSUE_DATE', message: { vi: `${formatVnDate(issue.value)} ở sau ngày hôm nay (${formatVnDate(today)})`, en: `${formatVnDate(issue.value)} is after today (${formatVnDate(today)})` } }]),
      );
    } else if (birth.ok && issue.value < birth.value) {
      problems.push(
        ...inField('issueDate', [{ code: 'QR_ISSUE_DATE', message: { vi: `${formatVnDate(issue.value)} trước ngày sinh ${formatVnDate(birth.value)}`, en: `${formatVnDate(issue.value)} is before the date of birth ${formatVnDate(birth.value)}` } }]),
      );
    } else issueDate = issue.value;
  }

  if (problems.length > 0 || !id.ok || !birth.ok || !name.ok || !sex) return { ok: false, problems };
  return {
    ok: true,
    value: { personalId: id.value, oldId: oldIdText === '' ? null : oldIdText, fullName: name.value, birthDate: birth.value, sex, address, issueDate },
  };
}

/**
 * People's names as typed at the counter.
 *
 * Decisions (docs/validation.md):
 * - NFC, tabs/newlines and runs of spaces collapse to one space, trimmed. Diacritics are kept
 *   exactly (never stripped, never "corrected").
 * - Rejected: digits, control characters (other than the white space above) and symbols. Allowed:
 *   letters of any script, combining marks, space, apostrophe (' ’ ʼ, as in ethnic-minority names
 *   such as K'Bris or H'Hen), hyphen and dot.
 * - Case: a name typed ALL UPPER or all lower is title-cased syllable by syllable (Vietnamese names
 *   capitalise every syllable), also after an apostrophe or hyphen (K'BRIS → K'Bris). A name in
 *   mixed case is kept as typed: the operator chose it. `titleCase: false` keeps any input as is.
 * - 100 characters at most: a sanity limit of the tool, not a legal rule.
 * Pure.
 */
import type { Failed, Problem } from './identity.js';
import { cleanText, foldForSearch, nfc } from './text.js';

export const NAME_MAX_LENGTH = 100;

export interface ValidName {
  ok: true;
  value: string;
  /** True when the case was changed (all upper / all lower input). */
  recased: boolean;
}

const p = (code: string, vi: string, en: string): Problem => ({ code, message: { vi, en } });
const quoteList = (chars: string[]): string => chars.map((c) => `"${c}"`).join(', ');
const describe = (c: string): string => (/\p{Cc}/u.test(c) ? `U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}` : c);

const ALLOWED = /^[\p{L}\p{M} '’ʼ.\-]$/u;

/** Title-case every syllable, and the letter after an apostrophe or hyphen. */
export function titleCaseName(s: string): string {
  return nfc(s)
    .toLowerCase()
    .replace(/(^|[\s'’ʼ\-])(\p{L})/gu, (_whole, before: string, letter: string) => before + letter.toUpperCase());
}

export function normaliseName(s: string, opts: { titleCase?: boolean } = {}): ValidName | Failed {
  const raw = nfc(s);
  const problems: Problem[] = [];
  const controls = [...new Set([...raw].filter((c) => /[\p{Cc}\p{Cf}]/u.test(c) && !/\s/u.test(c)))];
  if (controls.length > 0) {
    problems.push(
      p('NAME_CONTROL', `Họ tên có ký tự điều khiển: ${quoteList(controls.map(describe))}`, `The name contains control characters: ${quoteList(controls.map(describe))}`),
    );
  }
  const value = cleanText(raw);
  const digits = [...new Set([...value].filter((c) => /\p{N}/u.test(c)))];
  if (digits.length > 0) {
    problems.push(p('NAME_DIGITS', `Họ tên không được có chữ số: ${quoteList(digits)}`, `A name may not contain digits: ${quoteList(digits)}`));
  }
  const others = [...new Set([...value].filter((c) => !ALLOWED.test(c) && !/\p{N}/u.test(c) && !/[\p{Cc}\p{Cf}]/u.test(c)))];
  if (others.length > 0) {
    const mangled = others.includes('\uFFFD') || others.includes('?');
    problems.push(
      p(
        'NAME_CHARS',
        `Họ tên có ký tự không hợp lệ: ${quoteList(others)}` + (mangled ? ' (chữ có dấu bị lỗi mã hóa?)' : ''),
        `The name contains characters that are not allowed: ${quoteList(others)}` + (mangled ? ' (were accented letters garbled?)' : ''),
      ),
    );
  }
  if (!/\p{L}/u.test(value)) {
    problems.push(p('NAME_EMPTY', 'Chưa nhập họ tên', 'No name was given'));
  }
  if (value.length > NAME_MAX_LENGTH) {
    problems.push(
      p('NAME_LENGTH', `Họ tên dài ${value.length} ký tự; tối đa ${NAME_MAX_LENGTH}`, `The name is ${value.length} characters long; the maximum is ${NAME_MAX_LENGTH}`),
    );
  }
  if (problems.length > 0) return { ok: false, problems };

  const allUpper = value === value.toUpperCase();
  const allLower = value === value.toLowerCase();
  if (opts.titleCase !== false && (allUpper || allLower)) {
    const recased = titleCaseName(value);
    return { ok: true, value: recased, recased: recased !== value };
  }
  return { ok: true, value, recased: false };
}

/** Key for comparing names (a QR name against a typed one, duplicates): no case, no diacritics. */
export function nameKey(s: string): string {
  return foldForSearch(s);
}

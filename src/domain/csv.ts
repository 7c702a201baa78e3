/**
 * The one CSV writer of gov-desk (register, report, the file SMS provider's lists). Pure.
 *
 * - RFC 4180: a field is quoted when it holds a comma, a quote or a line break; quotes doubled.
 * - Formula injection (OWASP "CSV Injection"): a text cell that starts with `=`, `+`, `-`, `@`,
 *   a tab or a carriage return would be run as a formula by Excel or LibreOffice (a citizen's
 *   name `=HYPERLINK(...)` typed at the counter). Such a cell is prefixed with a single quote and
 *   quoted, so the spreadsheet shows it as text. Numbers passed as numbers are left alone
 *   (a negative figure stays a number).
 * - {@link keepDigits}: a phone number or another digit string with a leading zero is written
 *   as `="0912345678"`, which Excel shows as text with its zero; only ever for a cell made of
 *   digits alone, so it can never carry a formula of its own.
 */
export type CsvCell = string | number | null | KeepDigits;

/** A digit string that must stay text in a spreadsheet (leading zero kept). */
export interface KeepDigits {
  readonly digits: string;
}

/** Mark a value as digits to keep as text (phone numbers); anything else is written as normal text. */
export function keepDigits(value: string): KeepDigits | string {
  return /^[0-9]+$/.test(value) ? { digits: value } : value;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field, neutralised and quoted as described above. */
export function csvField(v: CsvCell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') return `="${v.digits}"`;
  if (FORMULA_START.test(v)) return `"'${v.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One line with its CRLF. */
export function csvLine(fields: readonly CsvCell[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * CSV text with CRLF line endings; with `bom`, a UTF-8 byte-order mark first so that Excel on
 * Windows reads the diacritics correctly (design §6).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], o: { bom?: boolean } = {}): string {
  return `${o.bom ? '\uFEFF' : ''}${[header, ...rows].map(csvLine).join('')}`;
}

/**
 * The one parser of date options (`--from`, `--to`, `--new-date`, `calendar add DATE`, …):
 * dd/mm/yyyy or yyyy-mm-dd, as intake reads them, impossible dates (30/02, 31/04, year 0001)
 * refused with exit 2 and the option named.
 */
import { parseDateInput } from '../domain/identity.js';
import type { IsoDate } from '../domain/time.js';
import { usageError } from '../errors.js';

export const DATE_HINT = { vi: 'Nhập ngày dạng dd/mm/yyyy hoặc YYYY-MM-DD (ví dụ 02/03/2026).', en: 'Give the date as dd/mm/yyyy or YYYY-MM-DD (for example 02/03/2026).' };

export function parseDateOption(value: unknown, option: string): IsoDate {
  const r = parseDateInput(String(value ?? ''));
  if (r.ok) return r.value;
  const m = r.problems[0]?.message ?? { vi: String(value), en: String(value) };
  throw usageError('INVALID_DATE', { vi: `${option}: ${m.vi}`, en: `${option}: ${m.en}` }, { hint: DATE_HINT });
}

/**
 * A point in time typed by the user (`--received-at`, `received_at` of a batch): the date in any
 * form {@link parseDateInput} reads (dd/mm/yyyy or yyyy-mm-dd, impossible dates refused), then
 * optionally a time `HH:MM[:SS]` (after `T` or a space) and an offset (`Z`, `+07:00`, `+0700`);
 * without an offset the time is Vietnam time. Pure.
 */
import { parseDateInput } from './identity.js';
import type { IsoDate } from './time.js';

export type DateTimeResult = { ok: true; value: Date; date: IsoDate } | { ok: false; reason: 'format' | 'date' | 'time'; message: { vi: string; en: string } };

export function parseDateTimeInput(text: string): DateTimeResult {
  const m = /^(\S+?)(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!m) return { ok: false, reason: 'format', message: { vi: `không đọc được thời điểm "${text.trim()}"`, en: `cannot read the time "${text.trim()}"` } };
  const day = parseDateInput(m[1]!);
  if (!day.ok) return { ok: false, reason: day.problems[0]?.code === 'DATE_FORMAT' ? 'format' : 'date', message: day.problems[0]!.message };
  const [hh, mm, ss] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) return { ok: false, reason: 'time', message: { vi: `giờ không tồn tại "${m[2]}:${m[3]}${m[4] ? `:${m[4]}` : ''}"`, en: `the time "${m[2]}:${m[3]}${m[4] ? `:${m[4]}` : ''}" does not exist` } };
  const off = m[5] ?? '+07:00';
  const offsetMin = off === 'Z' ? 0 : (off[0] === '-' ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(-2)));
  if (off !== 'Z' && (Number(off.slice(1, 3)) > 14 || Number(off.slice(-2)) > 59)) return { ok: false, reason: 'time', message: { vi: `độ lệch múi giờ không hợp lệ "${off}"`, en: `invalid time zone offset "${off}"` } };
  const [y, mo, d] = day.value.split('-').map(Number) as [number, number, number];
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d); // setUTCFullYear, not Date.UTC: no 1900 shift for small years
  utc.setUTCHours(hh, mm, ss, 0);
  return { ok: true, value: new Date(utc.getTime() - offsetMin * 60_000), date: day.value };
}

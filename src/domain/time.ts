/**
 * Vietnam keeps one offset all year (UTC+7, no daylight saving), so local dates and times are
 * computed by shifting, whatever the machine's own time zone is (commune PCs, CI and cron differ).
 * Pure functions: the clock is always passed in.
 */
export const VN_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VN_OFFSET_MINUTES * 60_000;

/** A calendar date as `YYYY-MM-DD` (no time zone: a day in Vietnam). */
export type IsoDate = string;

export interface VnParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 Sunday … 6 Saturday
}

export function vnParts(d: Date): VnParts {
  const s = new Date(d.getTime() + OFFSET_MS);
  return {
    year: s.getUTCFullYear(),
    month: s.getUTCMonth() + 1,
    day: s.getUTCDate(),
    hour: s.getUTCHours(),
    minute: s.getUTCMinutes(),
    second: s.getUTCSeconds(),
    weekday: s.getUTCDay(),
  };
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/** The Vietnamese calendar date of an instant. */
export function vnDate(d: Date): IsoDate {
  const p = vnParts(d);
  return `${p.year}-${p2(p.month)}-${p2(p.day)}`;
}

/** Minutes since local midnight in Vietnam. */
export function vnMinuteOfDay(d: Date): number {
  const p = vnParts(d);
  return p.hour * 60 + p.minute;
}

/** The instant of a Vietnamese local date and time. */
export function fromVn(date: IsoDate, hour = 0, minute = 0, second = 0): Date {
  const [y, m, dd] = parseIsoDate(date);
  return new Date(Date.UTC(y, m - 1, dd, hour, minute, second) - OFFSET_MS);
}

/** ISO 8601 with the +07:00 offset, e.g. `2026-03-02T09:15:00+07:00`. */
export function toVnIso(d: Date): string {
  const p = vnParts(d);
  return `${p.year}-${p2(p.month)}-${p2(p.day)}T${p2(p.hour)}:${p2(p.minute)}:${p2(p.second)}+07:00`;
}

/** The portal's `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh. */
export function toPortalTime(d: Date): string {
  const p = vnParts(d);
  return `${p.year}${p2(p.month)}${p2(p.day)}${p2(p.hour)}${p2(p.minute)}${p2(p.second)}`;
}

export function fromPortalTime(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isValidIsoDate(date)) return undefined;
  return fromVn(date, Number(m[4]), Number(m[5]), Number(m[6]));
}

export function parseIsoDate(s: IsoDate): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${s}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day arithmetic on calendar dates (no time zone involved). */
export function addDays(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = parseIsoDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${p2(t.getUTCMonth() + 1)}-${p2(t.getUTCDate())}`;
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(date: IsoDate): number {
  const [y, m, d] = parseIsoDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** `dd/mm/yyyy`, the way Vietnamese documents write a date. */
export function formatVnDate(date: IsoDate): string {
  const [y, m, d] = parseIsoDate(date);
  return `${p2(d)}/${p2(m)}/${y}`;
}

/** Parse `HH:mm` into minutes since midnight. */
export function parseClock(s: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  return h * 60 + min;
}

export function formatClock(minutes: number): string {
  return `${p2(Math.floor(minutes / 60))}:${p2(minutes % 60)}`;
}

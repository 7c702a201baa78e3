/**
 * The appointment rule (docs/calendar-and-deadlines.md):
 * - A dossier received on a working day, inside counter hours and not after the procedure's
 *   cut-off, starts its clock at the moment of receipt.
 * - Received after the cut-off, after closing time or on a non-working day: it counts as received
 *   at opening time of the next working day. Received before opening or during the midday break
 *   of a working day: it counts as received when the next session opens that day.
 * - N working days: due on the N-th working day after the effective start, at the same clock
 *   time. 0 working days: due the same (effective) day at closing time. A fraction of a working
 *   day (0.5) is that share of the day's counter hours, counted inside the sessions.
 * - Cut-off rule `result-next-working-day` (the record: "tiếp nhận sau 15 giờ thì trả kết quả trong
 *   ngày làm việc tiếp theo"): received after the cut-off, the result is due by closing time of the
 *   next working day, or at the time limit counted from the receipt if that is later.
 * - N days (calendar days): due N days after the effective start at the same clock time; a due
 *   day that is not a working day moves to the next working day (an assumption).
 * - N hours: counted inside counter sessions of working days.
 * Times are Vietnamese local times (UTC+7) whatever the machine's time zone.
 */
import type { Msg } from '../../i18n/index.js';
import { type IsoDate, addDays, fromVn, parseClock, parseIsoDate, vnDate } from '../time.js';
import type { WorkingCalendar } from './types.js';

export interface CounterHours {
  sessions: { open: string; close: string }[];
}

export type TimeUnit = 'working-days' | 'days' | 'hours';
export type RolloverReason = 'after-cutoff' | 'outside-hours' | 'non-working-day';
export type AppointmentNote = 'same-day' | 'moved-to-working-day' | 'working-hours' | 'part-day' | 'next-working-day' | 'schedule-not-official';
export type CutoffRule = 'result-next-working-day' | 'count-from-next-working-day';

export interface AppointmentInput {
  receivedAt: Date;
  time: { value: number; unit: TimeUnit };
  /** `HH:mm`; a dossier received strictly after it counts from the next working day. */
  cutoff: string | null;
  /** What the cut-off does; default `count-from-next-working-day`. */
  cutoffRule?: CutoffRule;
  hours: CounterHours;
  calendar: WorkingCalendar;
}

export interface Appointment {
  effectiveStart: Date;
  dueAt: Date;
  rolledOver: boolean;
  reason: RolloverReason | null;
  /** Stable codes; APPOINTMENT_NOTES gives their text. */
  notes: AppointmentNote[];
  /** Years crossed (receipt to due date) that have no official schedule. */
  unofficialYears: number[];
}

/** An example of local counter hours (regulations.md §3.1: "e.g. 7:00–11:30 and 13:30–17:00"); communes set their own. */
export const EXAMPLE_COUNTER_HOURS: CounterHours = {
  sessions: [
    { open: '07:00', close: '11:30' },
    { open: '13:30', close: '17:00' },
  ],
};

export const APPOINTMENT_NOTES: Record<AppointmentNote, Msg> = {
  'same-day': { vi: 'Trả trong ngày, trước giờ đóng cửa.', en: 'Due the same day, by closing time.' },
  'moved-to-working-day': {
    vi: 'Ngày cuối của thời hạn (ngày lịch) không phải ngày làm việc nên lùi sang ngày làm việc kế tiếp.',
    en: 'The last day of the (calendar-day) time limit is not a working day, so it moves to the next working day.',
  },
  'working-hours': { vi: 'Thời hạn tính theo giờ làm việc của bộ phận một cửa.', en: 'The time limit is counted in counter working hours.' },
  'part-day': { vi: 'Phần lẻ của ngày làm việc tính theo giờ làm việc của quầy (0,5 ngày = một nửa số giờ làm việc trong ngày).', en: 'The fraction of a working day is counted in counter hours (0.5 day = half of the day’s counter hours).' },
  'next-working-day': { vi: 'Nhận sau giờ chốt: trả kết quả trong ngày làm việc tiếp theo.', en: 'Received after the cut-off: the result is due within the next working day.' },
  'schedule-not-official': {
    vi: 'Lịch nghỉ của năm liên quan chưa chính thức (tính theo Bộ luật Lao động); ngày hẹn có thể thay đổi.',
    en: 'The holiday schedule of a year involved is not official (computed from the Labour Code); the date may change.',
  },
};

export const ROLLOVER_REASONS: Record<RolloverReason, Msg> = {
  'after-cutoff': { vi: 'Nhận sau giờ chốt {cutoff}: tính từ ngày làm việc tiếp theo.', en: 'Received after the {cutoff} cut-off: counted from the next working day.' },
  'outside-hours': { vi: 'Nhận ngoài giờ làm việc: tính từ lúc mở cửa tiếp theo.', en: 'Received outside counter hours: counted from the next opening time.' },
  'non-working-day': { vi: 'Nhận vào ngày nghỉ: tính từ ngày làm việc tiếp theo.', en: 'Received on a day off: counted from the next working day.' },
};

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

interface Session {
  open: number; // ms since local midnight
  close: number;
}

/** Validate counter hours: at least one session, each opening before it closes, in order, not overlapping. */
export function parseCounterHours(h: CounterHours): Session[] {
  if (h.sessions.length === 0) throw new RangeError('counter hours need at least one session');
  const out: Session[] = [];
  for (const s of h.sessions) {
    const open = parseClock(s.open);
    const close = parseClock(s.close);
    if (open === undefined || close === undefined) throw new RangeError(`bad session ${s.open}-${s.close}: use HH:mm`);
    if (open >= close) throw new RangeError(`session ${s.open}-${s.close} closes before it opens`);
    const prev = out[out.length - 1];
    if (prev && open * MIN_MS < prev.close) throw new RangeError(`session ${s.open}-${s.close} overlaps the previous one`);
    out.push({ open: open * MIN_MS, close: close * MIN_MS });
  }
  return out;
}

function msOfDay(d: Date): number {
  const local = d.getTime() + 7 * 3_600_000;
  return ((local % DAY_MS) + DAY_MS) % DAY_MS;
}

function at(date: IsoDate, ms: number): Date {
  return new Date(fromVn(date).getTime() + ms);
}

function checkValue(value: number, unit: TimeUnit): void {
  const ok = Number.isFinite(value) && value >= 0 && (unit !== 'days' || Number.isInteger(value));
  if (!ok) throw new RangeError(`time limit must be a non-negative ${unit === 'days' ? 'integer' : 'number'}, not ${value}`);
}

/** Count `ms` of counter time forward from a moment inside (or at the opening of) a session. */
function addCounterTime(cal: WorkingCalendar, sessions: Session[], day: IsoDate, pos: number, ms: number): Date {
  let remaining = ms;
  let d = day;
  let p = pos;
  for (;;) {
    for (const s of sessions) {
      if (s.close <= p) continue;
      const from = Math.max(s.open, p);
      const avail = s.close - from;
      if (remaining <= avail) return at(d, from + remaining);
      remaining -= avail;
    }
    d = cal.nextWorkingDay(d);
    p = 0;
  }
}

/** Compute the effective start and the due moment of a dossier. Throws RangeError on bad input. */
export function computeAppointment(i: AppointmentInput): Appointment {
  const { calendar: cal } = i;
  const sessions = parseCounterHours(i.hours);
  checkValue(i.time.value, i.time.unit);
  let cutoff: number | null = null;
  if (i.cutoff !== null) {
    const c = parseClock(i.cutoff);
    if (c === undefined) throw new RangeError(`bad cut-off ${i.cutoff}: use HH:mm`);
    cutoff = c * MIN_MS;
  }
  const first = sessions[0]!;
  const last = sessions[sessions.length - 1]!;

  const day = vnDate(i.receivedAt);
  const t = msOfDay(i.receivedAt);
  let startDay = day;
  let startMs = t;
  let reason: Appointment['reason'] = null;
  const rollToNextDay = (r: NonNullable<Appointment['reason']>): void => {
    startDay = cal.nextWorkingDay(day);
    startMs = first.open;
    reason = r;
  };
  if (!cal.isWorkingDay(day)) rollToNextDay('non-working-day');
  else if (t >= last.close) rollToNextDay('outside-hours');
  else if (cutoff !== null && t > cutoff) rollToNextDay('after-cutoff');
  else {
    const session = sessions.find((s) => t < s.close)!;
    if (t < session.open) {
      startMs = session.open;
      reason = 'outside-hours';
    }
  }
  const effectiveStart = reason === null ? new Date(i.receivedAt.getTime()) : at(startDay, startMs);

  const notes: AppointmentNote[] = [];
  const dueFrom = (d: IsoDate, ms: number): Date => {
    const { value, unit } = i.time;
    if (unit === 'hours') {
      notes.push('working-hours');
      return addCounterTime(cal, sessions, d, ms, Math.round(value * 3_600_000));
    }
    if (value === 0) {
      notes.push('same-day');
      return at(d, last.close);
    }
    if (unit === 'working-days') {
      const whole = Math.floor(value);
      const part = value - whole;
      const day = whole > 0 ? cal.addWorkingDays(d, whole) : d;
      if (part === 0) return at(day, ms);
      notes.push('part-day');
      const dayLength = sessions.reduce((n, s) => n + s.close - s.open, 0);
      return addCounterTime(cal, sessions, day, ms, Math.round(part * dayLength));
    }
    let dueDay = addDays(d, value);
    if (!cal.isWorkingDay(dueDay)) {
      dueDay = cal.nextWorkingDay(dueDay);
      notes.push('moved-to-working-day');
    }
    return at(dueDay, ms);
  };
  let dueAt: Date;
  if ((reason as Appointment['reason']) === 'after-cutoff' && i.cutoffRule === 'result-next-working-day') {
    // the record's own rule: the result within the next working day (never earlier than the time limit from receipt)
    const fromReceipt = dueFrom(day, t);
    const nextClose = at(startDay, last.close);
    if (fromReceipt.getTime() > nextClose.getTime()) dueAt = fromReceipt;
    else {
      dueAt = nextClose;
      notes.splice(0, notes.length, 'next-working-day');
    }
  } else {
    dueAt = dueFrom(startDay, startMs);
  }

  const years: number[] = [];
  for (let y = parseIsoDate(day)[0]; y <= parseIsoDate(vnDate(dueAt))[0]; y++) years.push(y);
  const unofficialYears = years.filter((y) => !cal.official(y));
  if (unofficialYears.length > 0) notes.push('schedule-not-official');

  return { effectiveStart, dueAt, rolledOver: reason !== null, reason, notes, unofficialYears };
}

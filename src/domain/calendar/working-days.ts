/**
 * The working-day calendar: Monday–Friday, minus the days off of each year's schedule, plus its
 * make-up working days. A year uses its official schedule when one is known, otherwise the
 * statutory fallback (and callers must show the warning). Pure: all data is passed in.
 */
import { type Lang, type Msg, tr } from '../../i18n/index.js';
import { type IsoDate, addDays, parseIsoDate } from '../time.js';
import { LUNAR_MAX_YEAR, LUNAR_MIN_YEAR } from './lunar.js';
import { DEFAULT_STATUTORY_RULES, type StatutoryRules, isWeekend, statutoryDaysOff } from './statutory.js';
import type { CalendarAmendment, DayInfo, DayOffPeriod, OfficialYear, ScheduleDay, WorkingCalendar, YearSchedule, YearSummary } from './types.js';

export const CALENDAR_MIN_YEAR = LUNAR_MIN_YEAR;
export const CALENDAR_MAX_YEAR = LUNAR_MAX_YEAR;

export const NOT_OFFICIAL_WARNING: Msg = {
  vi: 'Năm {year} chưa có lịch nghỉ chính thức: ngày nghỉ được tính theo {basis} (Tết và Giỗ Tổ theo âm lịch, ngày lễ trùng cuối tuần được nghỉ bù vào ngày làm việc kế tiếp), không phải lịch do Chính phủ công bố. Hãy kiểm tra lại khi có thông báo chính thức.',
  en: 'No official holiday schedule for {year}: days off are computed from {basis} (Tết and Giỗ Tổ from the lunar calendar, a holiday on a weekend moved to the next working day), not the schedule the Government announces. Check again once it is announced.',
};

export interface BuildOptions {
  amendments?: CalendarAmendment[];
  rules?: StatutoryRules;
}

function yearOf(d: IsoDate): number {
  return parseIsoDate(d)[0];
}

function checkCalendarYear(year: number): void {
  if (!Number.isInteger(year) || year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
    throw new RangeError(`the calendar covers the years ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}, not ${year}`);
  }
}

/** Every date of a period, from..to inclusive. */
export function periodDates(p: Pick<DayOffPeriod, 'from' | 'to'>): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push(d);
  return out;
}

function applyDays(
  target: YearSchedule,
  data: Pick<OfficialYear, 'daysOff' | 'workingDays'>,
  source: 'official' | 'local',
): void {
  const inYear = (d: IsoDate): IsoDate => {
    if (yearOf(d) !== target.year) throw new RangeError(`${d} is outside the year ${target.year} of its schedule`);
    return d;
  };
  for (const p of data.daysOff) {
    if (p.to < p.from) throw new RangeError(`period ${p.from}..${p.to} ends before it starts`);
    for (const d of periodDates({ from: inYear(p.from), to: inYear(p.to) })) {
      target.workingDays.delete(d);
      target.daysOff.set(d, { date: d, name: p.name, source, ref: p.source });
    }
  }
  for (const w of data.workingDays) {
    target.daysOff.delete(inYear(w.date));
    target.workingDays.set(w.date, { date: w.date, name: w.name, source: 'make-up', ref: w.source });
  }
}

/** Resolve one year: official data or statutory rules, then the commune's amendments. */
export function resolveYear(year: number, official: OfficialYear | undefined, amendments: CalendarAmendment[], rules: StatutoryRules): YearSchedule {
  checkCalendarYear(year);
  const s: YearSchedule = {
    year,
    official: Boolean(official),
    daysOff: new Map(),
    workingDays: new Map(),
    sources: official ? [...official.sources] : [],
    amendedBy: [],
  };
  if (official) applyDays(s, official, 'official');
  else s.daysOff = statutoryDaysOff(year, rules);
  for (const a of amendments) {
    applyDays(s, a, 'local');
    s.sources.push(...a.sources);
    s.amendedBy.push(a.origin ?? `amendment ${year}`);
  }
  return s;
}

const sortByDate = (a: DayInfo, b: DayInfo): number => a.date.localeCompare(b.date);

/**
 * Build the calendar from the official years (at most one per year) and optional amendments and
 * statutory rules. Years are resolved lazily and cached.
 */
export function buildCalendar(official: OfficialYear[], opts: BuildOptions = {}): WorkingCalendar {
  const rules = opts.rules ?? DEFAULT_STATUTORY_RULES;
  const byYear = new Map<number, OfficialYear>();
  for (const o of official) {
    if (byYear.has(o.year)) throw new RangeError(`two official schedules for ${o.year}`);
    byYear.set(o.year, o);
  }
  const amendments = opts.amendments ?? [];
  const cache = new Map<number, YearSchedule>();

  const schedule = (year: number): YearSchedule => {
    let s = cache.get(year);
    if (!s) {
      s = resolveYear(
        year,
        byYear.get(year),
        amendments.filter((a) => a.year === year),
        rules,
      );
      cache.set(year, s);
    }
    return s;
  };

  const fromSchedule = (d: IsoDate, e: ScheduleDay, working: boolean): DayInfo => ({
    date: d,
    working,
    reason: e.name.vi,
    name: e.name,
    source: e.source,
    ref: e.ref,
  });

  const info = (d: IsoDate): DayInfo => {
    const s = schedule(yearOf(d));
    const w = s.workingDays.get(d);
    if (w) return fromSchedule(d, w, true);
    const off = s.daysOff.get(d);
    if (off) return fromSchedule(d, off, false);
    const weekend = isWeekend(d);
    return { date: d, working: !weekend, reason: null, name: null, source: weekend ? 'weekend' : 'weekday', ref: null };
  };

  const isWorkingDay = (d: IsoDate): boolean => info(d).working;

  const nextWorkingDay = (d: IsoDate): IsoDate => {
    let c = addDays(d, 1);
    // A year has at most a few weeks off in a row; the bound only guards against corrupt data.
    for (let i = 0; i < 400 && !isWorkingDay(c); i++) c = addDays(c, 1);
    if (!isWorkingDay(c)) throw new RangeError(`no working day within 400 days after ${d}`);
    return c;
  };

  const addWorkingDays = (d: IsoDate, n: number): IsoDate => {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer, not ${n}`);
    parseIsoDate(d);
    let c = d;
    for (let i = 0; i < n; i++) c = nextWorkingDay(c);
    return c;
  };

  const workingDaysBetween = (from: IsoDate, to: IsoDate): number => {
    let count = 0;
    for (let c = addDays(from, 1); c <= to; c = addDays(c, 1)) if (isWorkingDay(c)) count++;
    return count;
  };

  const warnings = (years: number[], lang: Lang = 'vi'): string[] =>
    [...new Set(years)]
      .sort((a, b) => a - b)
      .filter((y) => !schedule(y).official)
      .map((y) => tr(lang, NOT_OFFICIAL_WARNING, { year: y, basis: rules.basis }));

  const year = (y: number): YearSummary => {
    const s = schedule(y);
    return {
      year: y,
      official: s.official,
      daysOff: [...s.daysOff.keys()].map(info).filter((i) => !i.working).sort(sortByDate),
      workingDays: [...s.workingDays.keys()].map(info).sort(sortByDate),
      sources: s.sources,
      amendedBy: s.amendedBy,
    };
  };

  return {
    isWorkingDay,
    info,
    addWorkingDays,
    nextWorkingDay,
    workingDaysBetween,
    official: (y: number) => schedule(y).official,
    warnings,
    year,
  };
}

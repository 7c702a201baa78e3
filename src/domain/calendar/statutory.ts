/**
 * The fallback schedule for a year without an official one: the public holidays of Bộ luật Lao
 * động 2019, Điều 112 (regulations.md §3.2), with Tết and Giỗ Tổ from the lunar calendar and a
 * holiday that falls on a weekend moved to the next working day.
 *
 * The rules are data (StatutoryRules) so that a commune can adjust them from its home folder.
 * Two of them are choices, not law; see docs/calendar-and-deadlines.md:
 * - Tết: the 5 days run from 2 days before mùng 1 to mùng 3 (offset -2). With the weekend rule
 *   this reproduces the statutory days of both official years: 2025 (Mon 27/1 – Fri 31/1) and
 *   2026 (Mon 16/2 – Fri 20/2). "Last day of the old year + mùng 1–4" (offset -1) does not
 *   reproduce 2025.
 * - Quốc khánh: the adjacent day is 1/9 (the day before), as in both official years.
 */
import type { Msg } from '../../i18n/index.js';
import { type IsoDate, addDays, isValidIsoDate, weekdayOf } from '../time.js';
import { lunarToSolar } from './lunar.js';
import type { ScheduleDay } from './types.js';

export const STATUTORY_REF = 'BLLĐ 2019 Điều 112';

export interface HolidayRule {
  id: string;
  /** The anchor date is a Gregorian date or a lunar date (non-leap month) of the year. */
  calendar: 'solar' | 'lunar';
  month: number;
  day: number;
  /** First day off relative to the anchor (default 0). */
  offset: number;
  /** Number of consecutive days off (default 1). */
  days: number;
  name: Msg;
  /** First and last year the rule applies (inclusive); null = no limit. */
  fromYear: number | null;
  toYear: number | null;
}

export interface StatutoryRules {
  /** The legal basis, printed in warnings. */
  basis: string;
  holidays: HolidayRule[];
  /** A holiday on Saturday or Sunday gives a day off on the next working day (Điều 111(3), article number UNCONFIRMED). */
  weekendShift: boolean;
}

const rule = (r: Partial<HolidayRule> & Pick<HolidayRule, 'id' | 'calendar' | 'month' | 'day' | 'name'>): HolidayRule => ({
  offset: 0,
  days: 1,
  fromYear: null,
  toYear: null,
  ...r,
});

/** Điều 112(1) of Bộ luật Lao động 2019: 11 days. 24/11 is UNCONFIRMED and deliberately absent. */
export const DEFAULT_STATUTORY_RULES: StatutoryRules = {
  basis: STATUTORY_REF,
  weekendShift: true,
  holidays: [
    rule({ id: 'new-year', calendar: 'solar', month: 1, day: 1, name: { vi: 'Tết Dương lịch', en: "New Year's Day" } }),
    rule({
      id: 'tet',
      calendar: 'lunar',
      month: 1,
      day: 1,
      offset: -2,
      days: 5,
      name: { vi: 'Tết Nguyên đán', en: 'Lunar New Year (Tết)' },
    }),
    rule({ id: 'hung-kings', calendar: 'lunar', month: 3, day: 10, name: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" } }),
    rule({ id: 'reunification', calendar: 'solar', month: 4, day: 30, name: { vi: 'Ngày Chiến thắng', en: 'Reunification Day' } }),
    rule({ id: 'labour', calendar: 'solar', month: 5, day: 1, name: { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' } }),
    rule({
      id: 'national-day',
      calendar: 'solar',
      month: 9,
      day: 2,
      offset: -1,
      days: 2,
      name: { vi: 'Quốc khánh', en: 'National Day' },
    }),
  ],
};

const COMPENSATION: Msg = { vi: '{name} (nghỉ bù)', en: '{name} (day off in lieu)' };

const p2 = (n: number): string => String(n).padStart(2, '0');

export function isWeekend(d: IsoDate): boolean {
  const w = weekdayOf(d);
  return w === 0 || w === 6;
}

/** The anchor date of a rule in a year, or null when it does not exist that year. */
export function ruleAnchor(r: HolidayRule, year: number): IsoDate | null {
  if (r.calendar === 'solar') {
    const iso = `${year}-${p2(r.month)}-${p2(r.day)}`;
    return isValidIsoDate(iso) ? iso : null;
  }
  return lunarToSolar({ day: r.day, month: r.month, year, leap: false });
}

/**
 * The statutory days off of a year: the holidays themselves (weekend ones included, named) and,
 * when `weekendShift`, one day in lieu for each holiday on a weekend, on the next weekday that is
 * not already a holiday. Only dates inside the year are kept.
 */
export function statutoryDaysOff(year: number, rules: StatutoryRules = DEFAULT_STATUTORY_RULES): Map<IsoDate, ScheduleDay> {
  const days = new Map<IsoDate, ScheduleDay>();
  for (const r of rules.holidays) {
    if ((r.fromYear !== null && year < r.fromYear) || (r.toYear !== null && year > r.toYear)) continue;
    const anchor = ruleAnchor(r, year);
    if (!anchor) continue;
    for (let i = 0; i < r.days; i++) {
      const d = addDays(anchor, r.offset + i);
      if (!days.has(d)) days.set(d, { date: d, name: r.name, source: 'statutory', ref: rules.basis });
    }
  }
  if (rules.weekendShift) {
    const holidays = [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
    for (const h of holidays) {
      if (!isWeekend(h.date)) continue;
      let c = addDays(h.date, 1);
      while (isWeekend(c) || days.has(c)) c = addDays(c, 1);
      days.set(c, {
        date: c,
        name: { vi: COMPENSATION.vi.replace('{name}', h.name.vi), en: COMPENSATION.en.replace('{name}', h.name.en) },
        source: 'statutory',
        ref: rules.basis,
      });
    }
  }
  const prefix = `${year}-`;
  return new Map([...days].filter(([d]) => d.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b)));
}

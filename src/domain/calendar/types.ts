/**
 * Shapes of the working-day calendar. An *official year* is the schedule the Government announced
 * for public servants (VPCP letter); a *statutory year* is computed from Bộ luật Lao động 2019
 * Điều 112 when no official schedule is known; an *amendment* is a commune's own addition (for
 * example a new holiday such as 24/11 once it is confirmed).
 */
import type { Msg } from '../../i18n/index.js';
import type { IsoDate } from '../time.js';

/** Where a fact about a day comes from. */
export type DaySource = 'official' | 'statutory' | 'local' | 'weekend' | 'weekday' | 'make-up';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  /** The occasion in Vietnamese (e.g. "Tết Nguyên đán"), null for an ordinary day. */
  reason: string | null;
  /** The occasion in both languages, null for an ordinary day. */
  name: Msg | null;
  source: DaySource;
  /** Id of the text the fact rests on (e.g. "12729/VPCP-KGVX", "BLLĐ 2019 Điều 112"), if any. */
  ref: string | null;
}

/** A document a schedule rests on. */
export interface SourceRef {
  id: string;
  title: string;
  date: IsoDate | null;
  /** Where it was read (the reference names press or government pages). */
  via: string[];
  /** False when the number, date or content is not verified (UNCONFIRMED in the reference). */
  confirmed: boolean;
  note: string | null;
}

/** A run of days off as announced (weekends inside the run included). */
export interface DayOffPeriod {
  from: IsoDate;
  to: IsoDate;
  name: Msg;
  /** Id of an entry of `sources`. */
  source: string | null;
  note: string | null;
}

/** A Saturday (or other day) that becomes a working day to make up for a bridge day off. */
export interface MakeUpDay {
  date: IsoDate;
  name: Msg;
  source: string | null;
  /** The bridge day off it makes up for, when announced. */
  replaces: IsoDate | null;
  note: string | null;
}

export interface OfficialYear {
  year: number;
  sources: SourceRef[];
  daysOff: DayOffPeriod[];
  workingDays: MakeUpDay[];
  /** Where the data came from (file path), for messages. */
  origin?: string | null;
}

/** A commune's additions for a year, applied over the official or the statutory schedule. */
export interface CalendarAmendment {
  year: number;
  sources: SourceRef[];
  daysOff: DayOffPeriod[];
  workingDays: MakeUpDay[];
  origin?: string | null;
}

/** One day of a year's schedule that differs from the plain Monday–Friday week. */
export interface ScheduleDay {
  date: IsoDate;
  name: Msg;
  source: 'official' | 'statutory' | 'local' | 'make-up';
  ref: string | null;
}

/** The resolved schedule of one year. */
export interface YearSchedule {
  year: number;
  /** True when an official schedule (built-in or from the home folder) exists for the year. */
  official: boolean;
  /** Days off that differ from, or are named beyond, the plain week (weekend days inside announced runs too). */
  daysOff: Map<IsoDate, ScheduleDay>;
  /** Make-up working days (normally Saturdays). */
  workingDays: Map<IsoDate, ScheduleDay>;
  sources: SourceRef[];
  /** Amendments applied to this year (their origins). */
  amendedBy: string[];
}

/** What `calendar show` prints for a year. */
export interface YearSummary {
  year: number;
  official: boolean;
  daysOff: DayInfo[];
  workingDays: DayInfo[];
  sources: SourceRef[];
  amendedBy: string[];
}

export interface WorkingCalendar {
  isWorkingDay(d: IsoDate): boolean;
  info(d: IsoDate): DayInfo;
  /** The n-th working day strictly after d; n = 0 returns d itself (even when d is not a working day). */
  addWorkingDays(d: IsoDate, n: number): IsoDate;
  /** The first working day strictly after d. */
  nextWorkingDay(d: IsoDate): IsoDate;
  /** Number of working days in the interval (from, to]; 0 when to <= from. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /** Whether an official schedule is known for the year. */
  official(year: number): boolean;
  /** One warning per distinct year without an official schedule, in the given language (default vi). */
  warnings(years: number[], lang?: 'vi' | 'en'): string[];
  /** Days off and make-up days of a year, for listing. */
  year(year: number): YearSummary;
}

/**
 * The commune's own figures for a period (formulas in docs/report.md). Pure: the dossiers, the
 * period and the working-day calendar are passed in.
 *
 * These are NOT the QĐ 766 scores: DVCQG computes those from the synchronised data, and the 766
 * formulas of the progress and digitisation groups are UNCONFIRMED (regulations.md §6).
 */
import type { WorkingCalendar } from './calendar/types.js';
import type { Channel, Dossier, DossierEvent } from './dossier/types.js';
import { addDays, type IsoDate, parseIsoDate, vnDate } from './time.js';
import { type DueOptions, judgeDossierAt, type Timing } from './timing.js';

export const GROUP_BY = ['procedure', 'month', 'channel'] as const;
export type GroupBy = (typeof GROUP_BY)[number];
export const CHANNELS: readonly Channel[] = ['in-person', 'online', 'postal'];

export interface ReportInput extends DueOptions {
  /** Vietnamese calendar dates, inclusive. */
  from: IsoDate;
  to: IsoDate;
  by?: GroupBy | null;
  /** Working days when given; calendar days otherwise. */
  calendar?: Pick<WorkingCalendar, 'workingDaysBetween'> | null;
}

/** What one dossier contributes, each fact dated by the day it happened. */
export interface DossierFacts {
  code: string;
  procedureCode: string;
  procedureName: string;
  channel: Channel;
  /** Who applied: a citizen (also every dossier of an older file) or an organisation (issue 12). */
  applicantKind: 'citizen' | 'organisation';
  receivedDate: IsoDate;
  digitised: boolean;
  /** Day the result was recorded (approved or refused), or null. */
  resolvedDate: IsoDate | null;
  timing: Timing | null;
  /** Received → result recorded, in the report's day unit; null when not resolved. */
  days: number | null;
  /** Day the result was returned by post, or null. */
  postReturnDate: IsoDate | null;
}

export interface Figures {
  /** Received in the period. */
  received: number;
  online: number;
  /** online ÷ received × 100, one decimal; null when nothing was received. */
  onlinePct: number | null;
  digitised: number;
  digitisedPct: number | null;
  /** Received from citizens and from organisations (they add up to `received`). */
  citizens: number;
  organisations: number;
  /** Result recorded in the period. */
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  /** Among resolved, × 100, one decimal; null when nothing was resolved. */
  earlyPct: number | null;
  onTimePct: number | null;
  latePct: number | null;
  earlyOrOnTimePct: number | null;
  /** Mean of received → result over the resolved dossiers, two decimals. */
  averageDays: number | null;
  /** Results returned by public postal service in the period. */
  returnedByPost: number;
}

export interface ReportGroup {
  key: string;
  /** The procedure name for `procedure`; the key otherwise (labels are the caller's). */
  label: string;
  figures: Figures;
}

export interface ProcedureAverage {
  code: string;
  name: string;
  resolved: number;
  averageDays: number | null;
}

export interface MonthBar {
  /** `YYYY-MM`. */
  month: string;
  resolved: number;
  earlyOrOnTimePct: number | null;
}

export interface Report {
  from: IsoDate;
  to: IsoDate;
  dayUnit: 'working-days' | 'calendar-days';
  by: GroupBy | null;
  totals: Figures;
  /** Average processing time per procedure (resolved in the period), by code. */
  procedures: ProcedureAverage[];
  /** Every month touching the period, in order. */
  months: MonthBar[];
  groups: ReportGroup[] | null;
}

const firstOf = (d: Dossier, type: DossierEvent['type']): DossierEvent | undefined => d.events.find((e) => e.type === type);

/** Calendar days in (from, to]: 0 for the same day. */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = parseIsoDate(from);
  const [y2, m2, d2] = parseIsoDate(to);
  return Math.max(0, Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000));
}

export function dossierFacts(d: Dossier, o: Pick<ReportInput, 'calendar' | 'apologyExtends'> = {}): DossierFacts {
  const receivedDate = vnDate(new Date(d.receivedAt));
  const recorded = firstOf(d, 'result-recorded');
  const returned = firstOf(d, 'result-returned');
  const resolvedAt = recorded ? new Date(recorded.at) : null;
  const resolvedDate = resolvedAt ? vnDate(resolvedAt) : null;
  const days = resolvedDate === null
    ? null
    : o.calendar
      ? o.calendar.workingDaysBetween(receivedDate, resolvedDate)
      : calendarDaysBetween(receivedDate, resolvedDate);
  const method = (returned?.data as { method?: unknown } | undefined)?.method;
  return {
    code: d.code,
    procedureCode: d.procedure.code,
    procedureName: d.procedure.name,
    channel: d.channel,
    applicantKind: d.applicantKind === 'organisation' ? 'organisation' : 'citizen',
    receivedDate,
    digitised: d.events.some((e) => e.type === 'scanned'),
    resolvedDate,
    timing: resolvedAt ? judgeDossierAt(d, resolvedAt, { apologyExtends: o.apologyExtends ?? false }) : null,
    days,
    postReturnDate: returned && method === 'post' ? vnDate(new Date(returned.at)) : null,
  };
}

export function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Figures from facts. `keep` decides, per kind of fact, whether it counts (the day of that fact
 * within the period, plus the group's condition).
 */
export function figures(facts: readonly DossierFacts[], keep: (kind: 'received' | 'resolved' | 'post', f: DossierFacts) => boolean): Figures {
  const rec = facts.filter((f) => keep('received', f));
  const res = facts.filter((f) => f.resolvedDate !== null && keep('resolved', f));
  const count = (t: Timing): number => res.filter((f) => f.timing === t).length;
  const early = count('early');
  const onTime = count('on-time');
  const late = count('late');
  const online = rec.filter((f) => f.channel === 'online').length;
  const digitised = rec.filter((f) => f.digitised).length;
  const organisations = rec.filter((f) => f.applicantKind === 'organisation').length;
  const days = res.map((f) => f.days ?? 0);
  return {
    received: rec.length,
    online,
    onlinePct: pct(online, rec.length),
    digitised,
    digitisedPct: pct(digitised, rec.length),
    citizens: rec.length - organisations,
    organisations,
    resolved: res.length,
    early,
    onTime,
    late,
    earlyPct: pct(early, res.length),
    onTimePct: pct(onTime, res.length),
    latePct: pct(late, res.length),
    earlyOrOnTimePct: pct(early + onTime, res.length),
    averageDays: days.length === 0 ? null : round2(days.reduce((a, b) => a + b, 0) / days.length),
    returnedByPost: facts.filter((f) => f.postReturnDate !== null && keep('post', f)).length,
  };
}

/** `YYYY-MM` of every month touching [from, to]. */
export function monthsOf(from: IsoDate, to: IsoDate): string[] {
  const out: string[] = [];
  let m = `${from.slice(0, 7)}-01`;
  while (m.slice(0, 7) <= to.slice(0, 7)) {
    out.push(m.slice(0, 7));
    m = addDays(m, 32).slice(0, 7) + '-01';
  }
  return out;
}

function factDay(kind: 'received' | 'resolved' | 'post', f: DossierFacts): IsoDate | null {
  return kind === 'received' ? f.receivedDate : kind === 'resolved' ? f.resolvedDate : f.postReturnDate;
}

export function buildReport(dossiers: Iterable<Dossier>, input: ReportInput): Report {
  const { from, to } = input;
  if (to < from) throw new RangeError(`period ends (${to}) before it starts (${from})`);
  const facts = [...dossiers].map((d) => dossierFacts(d, input));
  const within = (kind: 'received' | 'resolved' | 'post', f: DossierFacts): boolean => {
    const day = factDay(kind, f);
    return day !== null && day >= from && day <= to;
  };
  const totals = figures(facts, within);

  const byCode = new Map<string, { name: string; days: number[] }>();
  for (const f of facts) {
    if (f.resolvedDate === null || !within('resolved', f)) continue;
    const entry = byCode.get(f.procedureCode) ?? { name: f.procedureName, days: [] };
    entry.days.push(f.days ?? 0);
    byCode.set(f.procedureCode, entry);
  }
  const procedures = [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, e]) => ({ code, name: e.name, resolved: e.days.length, averageDays: round2(e.days.reduce((a, b) => a + b, 0) / e.days.length) }));

  const months = monthsOf(from, to).map((month) => {
    const fig = figures(facts, (k, f) => within(k, f) && (factDay(k, f) ?? '').startsWith(month));
    return { month, resolved: fig.resolved, earlyOrOnTimePct: fig.earlyOrOnTimePct };
  });

  const by = input.by ?? null;
  let groups: ReportGroup[] | null = null;
  if (by === 'month') {
    groups = monthsOf(from, to).map((month) => ({
      key: month,
      label: month,
      figures: figures(facts, (k, f) => within(k, f) && (factDay(k, f) ?? '').startsWith(month)),
    }));
  } else if (by === 'channel') {
    groups = CHANNELS.map((c) => ({ key: c, label: c, figures: figures(facts, (k, f) => within(k, f) && f.channel === c) }));
  } else if (by === 'procedure') {
    const names = new Map<string, string>();
    for (const f of facts) if (within('received', f) || within('resolved', f) || within('post', f)) names.set(f.procedureCode, f.procedureName);
    groups = [...names.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, name]) => ({ key: code, label: name, figures: figures(facts, (k, f) => within(k, f) && f.procedureCode === code) }));
  }
  return { from, to, dayUnit: input.calendar ? 'working-days' : 'calendar-days', by, totals, procedures, months, groups };
}

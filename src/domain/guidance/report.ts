/**
 * `report guidance` (issue 17): what the guidance desk did, and the share of the centre's dossiers
 * filed online and digitised in the same period. Pure; formulas in docs/report.md ("Guidance desk").
 * These are the commune's own figures, not QĐ 766 scores (the 766 online and digitisation formulas
 * are UNCONFIRMED, regulations.md §6); the province's target rates come from the profile.
 */
import type { Dossier } from '../dossier/types.js';
import { monthsOf, pct } from '../report.js';
import type { IsoDate } from '../time.js';
import { vnDate } from '../time.js';
import { GUIDANCE_KINDS, type GuidanceKind, type GuidanceRecord } from './types.js';

export const GUIDANCE_GROUP_BY = ['month', 'member', 'procedure', 'kind'] as const;
export type GuidanceGroupBy = (typeof GUIDANCE_GROUP_BY)[number];

/** What the catalogue says of a procedure (by code); unknown codes count as not online-eligible. */
export interface ProcedureFacts { name: string; online: boolean; level: 'toàn trình' | 'một phần' | null }

export interface GuidanceFigures {
  /** Records (citizens helped; one visit may have several kinds). */
  citizens: number;
  byKind: Record<GuidanceKind, number>;
  /** Sum of the recorded minutes, the records that give minutes, the mean over those (one decimal). */
  minutes: number;
  timedRecords: number;
  averageMinutes: number | null;
}

export interface DossierOnlineFigures {
  received: number;
  online: number;
  onlinePct: number | null;
  /** Received for procedures the catalogue lists with the online channel, and of those, filed online. */
  eligible: number;
  eligibleOnline: number;
  eligibleOnlinePct: number | null;
  /** Online dossiers by the catalogue's online level of their procedure. */
  toanTrinh: number;
  motPhan: number;
  levelUnknown: number;
  /** Not online (in person, by post), of which digitised (at least one `scanned` event). */
  paper: number;
  paperDigitised: number;
  paperDigitisedPct: number | null;
}

export interface GuidanceGroup { key: string; label: string; guidance: GuidanceFigures; dossiers: DossierOnlineFigures | null }

export interface GuidanceReport {
  from: IsoDate;
  to: IsoDate;
  by: GuidanceGroupBy | null;
  guidance: GuidanceFigures;
  dossiers: DossierOnlineFigures;
  /** The province's targets (profile `targets`, UNCONFIRMED); null when not set. */
  targets: { onlinePct: number | null; digitisedPct: number | null };
  months: { month: string; received: number; online: number; onlinePct: number | null }[];
  groups: GuidanceGroup[] | null;
}

export function guidanceFigures(records: readonly GuidanceRecord[]): GuidanceFigures {
  const byKind = Object.fromEntries(GUIDANCE_KINDS.map((k) => [k, records.filter((r) => r.kinds.includes(k)).length])) as Record<GuidanceKind, number>;
  const timed = records.filter((r) => typeof r.minutes === 'number');
  const minutes = timed.reduce((a, r) => a + (r.minutes ?? 0), 0);
  return { citizens: records.length, byKind, minutes, timedRecords: timed.length, averageMinutes: timed.length ? Math.round((minutes / timed.length) * 10) / 10 : null };
}

export function dossierOnlineFigures(dossiers: readonly Dossier[], facts: (code: string) => ProcedureFacts | undefined): DossierOnlineFigures {
  const online = dossiers.filter((d) => d.channel === 'online');
  const eligible = dossiers.filter((d) => facts(d.procedure.code)?.online === true);
  const eligibleOnline = eligible.filter((d) => d.channel === 'online').length;
  const level = (d: Dossier) => facts(d.procedure.code)?.level ?? null;
  const paper = dossiers.filter((d) => d.channel !== 'online');
  const paperDigitised = paper.filter((d) => d.events.some((e) => e.type === 'scanned')).length;
  return {
    received: dossiers.length,
    online: online.length,
    onlinePct: pct(online.length, dossiers.length),
    eligible: eligible.length,
    eligibleOnline,
    eligibleOnlinePct: pct(eligibleOnline, eligible.length),
    toanTrinh: online.filter((d) => level(d) === 'toàn trình').length,
    motPhan: online.filter((d) => level(d) === 'một phần').length,
    levelUnknown: online.filter((d) => level(d) === null).length,
    paper: paper.length,
    paperDigitised,
    paperDigitisedPct: pct(paperDigitised, paper.length),
  };
}

export interface GuidanceReportInput {
  from: IsoDate;
  to: IsoDate;
  by?: GuidanceGroupBy | null;
  facts: (code: string) => ProcedureFacts | undefined;
  targets?: { onlinePct?: number | null; digitisedPct?: number | null } | null;
}

/**
 * Guidance records helped in [from, to] (Vietnamese days of `at`), dossiers received in [from, to]
 * (day of `receivedAt`). Groups: month and procedure carry both; member and kind only guidance.
 */
export function buildGuidanceReport(records: readonly GuidanceRecord[], dossiers: readonly Dossier[], input: GuidanceReportInput): GuidanceReport {
  const { from, to, facts } = input;
  if (to < from) throw new RangeError(`period ends (${to}) before it starts (${from})`);
  const recs = records.filter((r) => r.at.slice(0, 10) >= from && r.at.slice(0, 10) <= to);
  const day = (d: Dossier) => vnDate(new Date(d.receivedAt));
  const ds = dossiers.filter((d) => day(d) >= from && day(d) <= to);
  const months = monthsOf(from, to).map((month) => {
    const f = dossierOnlineFigures(ds.filter((d) => day(d).startsWith(month)), facts);
    return { month, received: f.received, online: f.online, onlinePct: f.onlinePct };
  });
  const by = input.by ?? null;
  let groups: GuidanceGroup[] | null = null;
  if (by === 'month') {
    groups = monthsOf(from, to).map((m) => ({ key: m, label: m, guidance: guidanceFigures(recs.filter((r) => r.at.startsWith(m))), dossiers: dossierOnlineFigures(ds.filter((d) => day(d).startsWith(m)), facts) }));
  } else if (by === 'member') {
    groups = [...new Set(recs.map((r) => r.member))].sort().map((m) => ({ key: m, label: m, guidance: guidanceFigures(recs.filter((r) => r.member === m)), dossiers: null }));
  } else if (by === 'kind') {
    groups = GUIDANCE_KINDS.map((k) => ({ key: k, label: k, guidance: guidanceFigures(recs.filter((r) => r.kinds.includes(k))), dossiers: null }));
  } else if (by === 'procedure') {
    const codes = [...new Set([...recs.map((r) => r.procedure ?? ''), ...ds.map((d) => d.procedure.code)])].sort();
    groups = codes.map((c) => ({
      key: c,
      label: c ? (facts(c)?.name ?? ds.find((d) => d.procedure.code === c)?.procedure.name ?? c) : '',
      guidance: guidanceFigures(recs.filter((r) => (r.procedure ?? '') === c)),
      dossiers: c ? dossierOnlineFigures(ds.filter((d) => d.procedure.code === c), facts) : null,
    }));
  }
  return {
    from, to, by,
    guidance: guidanceFigures(recs),
    dossiers: dossierOnlineFigures(ds, facts),
    targets: { onlinePct: input.targets?.onlinePct ?? null, digitisedPct: input.targets?.digitisedPct ?? null },
    months,
    groups,
  };
}

/**
 * Was a dossier (or one step of it) handled early, on time or late? Pure: instants are passed in.
 *
 * Definition (gov-desk's own; the QĐ 766 formulas for the progress group are UNCONFIRMED,
 * regulations.md §6):
 * - the *effective due instant* is the due instant moved later by the time the clock was paused
 *   (waiting for the citizen's supplement): `due + pausedMs`;
 * - **late** (quá hạn): finished after the effective due instant;
 * - **on time** (đúng hạn): not late, and finished on the Vietnamese calendar date of the effective
 *   due instant (the due working day);
 * - **early** (trước hạn): finished on an earlier Vietnamese calendar date.
 *
 * Which due instant counts is {@link dueForJudgement}: the appointment on the receipt, replaced by
 * the new date given when a supplement was received. A new date given in an apology (Mẫu 04) does
 * NOT move it unless asked: the apology is issued because the dossier is late (regulations.md §1.2),
 * and how an extension (gia hạn) counts is UNCONFIRMED (§3.1).
 */
import type { Dossier } from './dossier/types.js';
import { vnDate } from './time.js';

export const TIMINGS = ['early', 'on-time', 'late'] as const;
export type Timing = (typeof TIMINGS)[number];

export function judgeTiming(returnedOrDoneAt: Date, dueAt: Date, pausedMs: number): Timing {
  const due = new Date(dueAt.getTime() + Math.max(0, pausedMs));
  if (returnedOrDoneAt.getTime() > due.getTime()) return 'late';
  return vnDate(returnedOrDoneAt) < vnDate(due) ? 'early' : 'on-time';
}

export interface DueForJudgement {
  /** The due instant in force at `at` (ISO +07:00 text as stored). */
  dueAt: string;
  /** Clock pauses since that due instant was set, up to `at` (an open pause counts up to `at`). */
  pausedMs: number;
}

export interface DueOptions {
  /** Let a new date given in an apology (Mẫu 04) move the due instant. Default false. */
  apologyExtends?: boolean;
}

/**
 * The due instant and paused time to judge something that finished at `at`. Events after `at`
 * are ignored. A supplement received with a `newDueAt` replaces the due instant and resets the
 * paused time (the new date already accounts for the pause); without `newDueAt` the pause is
 * added to the old due instant.
 */
export function dueForJudgement(d: Pick<Dossier, 'dueAt' | 'events'>, at: Date, o: DueOptions = {}): DueForJudgement {
  const limit = at.getTime();
  let dueAt = d.dueAt;
  let pausedMs = 0;
  let pausedSince: number | null = null;
  for (const e of d.events) {
    const t = Date.parse(e.at);
    if (t > limit) break;
    const newDue = (e.data as { newDueAt?: unknown } | undefined)?.newDueAt;
    if (e.type === 'supplement-requested') {
      if (pausedSince === null) pausedSince = t;
    } else if (e.type === 'supplement-received') {
      if (pausedSince !== null) pausedMs += t - pausedSince;
      pausedSince = null;
      if (typeof newDue === 'string') {
        dueAt = newDue;
        pausedMs = 0;
      }
    } else if (e.type === 'apology-issued' && o.apologyExtends && typeof newDue === 'string') {
      dueAt = newDue;
      pausedMs = 0;
    }
  }
  if (pausedSince !== null) pausedMs += Math.max(0, limit - pausedSince);
  return { dueAt, pausedMs };
}

/** {@link judgeTiming} of a dossier event time against {@link dueForJudgement}. */
export function judgeDossierAt(d: Pick<Dossier, 'dueAt' | 'events'>, at: Date, o: DueOptions = {}): Timing {
  const due = dueForJudgement(d, at, o);
  return judgeTiming(at, new Date(due.dueAt), due.pausedMs);
}

/** Vietnamese label as printed on Mẫu 05 ("Trước hạn/đúng hạn/quá hạn"). */
export const TIMING_VI: Record<Timing, string> = { early: 'Trước hạn', 'on-time': 'Đúng hạn', late: 'Quá hạn' };
export const TIMING_EN: Record<Timing, string> = { early: 'early', 'on-time': 'on time', late: 'late' };

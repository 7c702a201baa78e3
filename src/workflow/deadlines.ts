import type { WorkingCalendar } from '../domain/calendar/types.js';
import { derive } from '../domain/dossier/status.js';
import { currentDueAt } from '../domain/dossier/summary.js';
import type { Dossier } from '../domain/dossier/types.js';
import { fromVn, toVnIso, vnDate, vnParts } from '../domain/time.js';
import type { ActiveDb } from '../store/schema.js';

/** A proposed apology (Mẫu 04) waiting for the operator to confirm the reason and the new date. */
export interface ApologyDraft {
  kind: 'apology';
  ref: string;
  code: string;
  /** The appointment that was missed. */
  missedDueAt: string;
  proposedNewDueAt: string;
  createdAt: string;
  confirmedAt: string | null;
}

export interface SweepResult {
  dueSoon: { code: string; dueAt: string }[];
  overdue: { code: string; dueAt: string; draft: string }[];
  drafted: string[];
}

const WATCHED = new Set(['received', 'processing', 'awaiting-payment']);

export function apologyRef(code: string, missedDueAt: string): string {
  return `PXL:${code}:${missedDueAt}`;
}

/**
 * A proposal for the new date: the procedure's time again from the next working day (at least one
 * working day), same clock time. The rule is the commune's (UNCONFIRMED nationally); the operator
 * can change it when confirming.
 */
export function proposeNewDue(d: Dossier, now: Date, cal: WorkingCalendar): Date {
  const n = d.procedure.processingTime?.unit === 'working-days' ? Math.max(1, d.procedure.processingTime.value) : 1;
  const p = vnParts(new Date(currentDueAt(d)));
  return fromVn(cal.addWorkingDays(vnDate(now), n), p.hour, p.minute);
}

/**
 * The deadline sweep (sync and `deadlines`): flags dossiers due by the end of the next working day
 * and overdue ones; for an overdue dossier without an apology for that appointment, drafts one.
 * Idempotent: a second sweep finds the drafts and creates nothing new.
 */
export function sweepDeadlines(db: ActiveDb, cal: WorkingCalendar, now: Date): SweepResult {
  const res: SweepResult = { dueSoon: [], overdue: [], drafted: [] };
  const soonLimit = cal.nextWorkingDay(vnDate(now));
  for (const d of Object.values(db.dossiers)) {
    const s = derive(d, now);
    if (!WATCHED.has(s.status) || s.paused) continue;
    const due = currentDueAt(d);
    if (now.getTime() > Date.parse(due)) {
      const ref = apologyRef(d.code, due);
      if (!db.drafts[ref]) {
        const draft: ApologyDraft = { kind: 'apology', ref, code: d.code, missedDueAt: due, proposedNewDueAt: toVnIso(proposeNewDue(d, now, cal)), createdAt: toVnIso(now), confirmedAt: null };
        db.drafts[ref] = draft as unknown as Record<string, unknown>;
        res.drafted.push(ref);
      }
      res.overdue.push({ code: d.code, dueAt: due, draft: ref });
    } else if (vnDate(new Date(due)) <= soonLimit) {
      res.dueSoon.push({ code: d.code, dueAt: due });
    }
  }
  return res;
}

/** Unconfirmed apology drafts of open dossiers (a closed dossier can no longer be given one). */
export function pendingApologies(db: ActiveDb): ApologyDraft[] {
  return (Object.values(db.drafts).filter((x) => x.kind === 'apology' && !x.confirmedAt) as unknown as ApologyDraft[]).filter((a) => db.dossiers[a.code] !== undefined);
}

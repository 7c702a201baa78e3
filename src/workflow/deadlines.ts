import type { WorkingCalendar } from '../domain/calendar/types.js';
import { derive } from '../domain/dossier/status.js';
import { currentDueAt } from '../domain/dossier/summary.js';
import type { Dossier } from '../domain/dossier/types.js';
import { fromVn, toVnIso, vnDate, vnParts } from '../domain/time.js';
import type { StoreTx } from '../store/port.js';

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

type SweepTx = Pick<StoreTx, 'openDossiers' | 'drafts' | 'putDraft'>;

/**
 * The deadline sweep (sync and `deadlines`), in the transaction `t`: flags dossiers due by the end
 * of the next working day and overdue ones; for an overdue dossier without an apology for that
 * appointment, drafts one. Idempotent: a second sweep finds the drafts and creates nothing new.
 */
export async function sweepDeadlines(t: SweepTx, cal: WorkingCalendar, now: Date): Promise<SweepResult> {
  const res: SweepResult = { dueSoon: [], overdue: [], drafted: [] };
  const soonLimit = cal.nextWorkingDay(vnDate(now));
  const drafts = new Set((await t.drafts()).map((x) => x.ref));
  for (const d of await t.openDossiers()) {
    const s = derive(d, now);
    if (!WATCHED.has(s.status) || s.paused) continue;
    const due = currentDueAt(d);
    if (now.getTime() > Date.parse(due)) {
      const ref = apologyRef(d.code, due);
      if (!drafts.has(ref)) {
        const draft: ApologyDraft = { kind: 'apology', ref, code: d.code, missedDueAt: due, proposedNewDueAt: toVnIso(proposeNewDue(d, now, cal)), createdAt: toVnIso(now), confirmedAt: null };
        await t.putDraft(draft);
        drafts.add(ref);
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
export async function pendingApologies(t: Pick<StoreTx, 'openDossiers' | 'drafts'>): Promise<ApologyDraft[]> {
  const open = new Set((await t.openDossiers()).map((d) => d.code));
  return (await t.drafts()).filter((x): x is ApologyDraft => x.kind === 'apology' && !x.confirmedAt && open.has(x.code));
}

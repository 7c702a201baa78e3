import { applicantOrganisation } from '../applicant-kind.js';
import { amendedView } from './amend.js';
import { derive, type DerivedState, PORTAL_CODE, type Status } from './status.js';
import type { Dossier } from './types.js';

/**
 * The appointment in force: the last new date given (supplement received, apology), else the
 * date on the receipt.
 */
export function currentDueAt(d: Dossier): string {
  let due = d.dueAt;
  for (const e of d.events) {
    const nd = (e.data as { newDueAt?: unknown } | undefined)?.newDueAt;
    if ((e.type === 'supplement-received' || e.type === 'apology-issued') && typeof nd === 'string') due = nd;
  }
  return due;
}

const FINISHED: readonly Status[] = ['done', 'returned', 'refused', 'withdrawn', 'stopped'];

export function isOverdue(d: Dossier, state: DerivedState, now: Date): boolean {
  if (FINISHED.includes(state.status) || state.paused) return false;
  return now.getTime() > Date.parse(currentDueAt(d));
}

export interface DossierSummary {
  code: string;
  status: Status;
  portalStatus: number;
  portal: DerivedState['portal'];
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  /** The organisation that applies (its person is `applicantName`); null for a citizen. */
  organisationName: string | null;
  channel: Dossier['channel'];
  receivedAt: string;
  dueAt: string;
  department: string | null;
  flags: { overdue: boolean; paused: boolean; possibleDuplicate: boolean };
  archived: boolean;
}

export function summarize(d: Dossier, now: Date, archived: boolean): DossierSummary {
  const s = derive(d, now);
  return {
    code: d.code,
    status: s.status,
    portalStatus: PORTAL_CODE[s.status],
    portal: s.portal,
    procedureCode: d.procedure.code,
    procedureName: d.procedure.name,
    applicantName: amendedView(d).applicant.fullName,
    organisationName: applicantOrganisation(d)?.name ?? null,
    channel: d.channel,
    receivedAt: d.receivedAt,
    dueAt: currentDueAt(d),
    department: s.department,
    flags: { overdue: isOverdue(d, s, now), paused: s.paused, possibleDuplicate: s.possibleDuplicate },
    archived,
  };
}

import type { IsoDate } from '../time.js';

export type Channel = 'in-person' | 'online' | 'postal';
export type DeliveryMethod = 'counter' | 'post';

export interface Person {
  fullName: string;
  personalId: string | null;
  birthDate: IsoDate | null;
  sex?: 'male' | 'female' | null;
  oldId?: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface ComponentSnapshot {
  id: string;
  name: string;
  kind: 'submit' | 'present';
  copy: string | null;
  quantity: number | null;
  condition: string | null;
  required: boolean;
  /** Member of a "one of" group (`ProcedureSnapshot.groups`); absent in dossiers received before groups existed. */
  group?: string;
}

/** The procedure as it was when the dossier was received: later catalogue changes do not move it. */
export interface ProcedureSnapshot {
  code: string;
  name: string;
  field: string;
  version: string;
  processingTime: { value: number; unit: 'working-days' | 'days' | 'hours' } | null;
  cutoff: string | null;
  /** What the cut-off did (catalogue `cutoffRule`); absent: counted from the next working day. */
  cutoffRule?: 'result-next-working-day' | 'count-from-next-working-day';
  /** The case chosen at intake (`--case`), when the procedure has cases. */
  variant?: { id: string; name: string };
  /** "One of" groups of the checklist; absent in older dossiers. */
  groups?: { id: string; name: string }[];
  /** The record's wording of the time limit ("1", "3 Ngày làm việc"), shown as the record states it. */
  timeText?: string | null;
  /** false: the record gives a bare number and the unit is assumed (UNCONFIRMED). */
  unitStated?: boolean;
  /** Where the time limit came from when not from the record's channel column. */
  timeSource?: 'case' | 'commune';
  components: ComponentSnapshot[];
}

/**
 * A person the procedure itself is about, besides the applicant (marriage: both spouses; nhận cha,
 * mẹ, con: the parent and the child; giám hộ: the guardian and the ward). Declared per procedure in
 * the catalogue (`parties`); `label` is the catalogue's name of the role at receipt.
 */
export interface Party {
  role: string;
  label: string;
  person: Person;
}

/** One line of the checklist as checked at the counter. */
export interface ChecklistLine {
  id: string;
  /** Applies to this dossier (conditional components answered "no" are not applicable). */
  applicable: boolean;
  provided: boolean;
}

/** An organisation that applies (catalogue kinds "Tổ chức …", "Doanh nghiệp", …); its person is the dossier's `applicant`. */
export interface Organisation {
  name: string;
  /** Mã số thuế: 10 digits, or 10-3 for a dependent unit (checked by shape only). */
  taxCode: string | null;
  address: string | null;
}

export type ApplicantKind = 'citizen' | 'organisation';

export interface Dossier {
  code: string;
  procedure: ProcedureSnapshot;
  /** The person at the counter: for an organisation, the person who acts for it. */
  applicant: Person;
  /** Absent in older files: a citizen. */
  applicantKind?: ApplicantKind;
  /** The organisation applying, when `applicantKind` is 'organisation'. */
  organisation?: Organisation | null;
  representative: Person | null;
  /** The parties the procedure names (optional: absent in older files and for one-person procedures). */
  parties?: Party[];
  channel: Channel;
  delivery: { method: DeliveryMethod; address: string | null };
  checklist: ChecklistLine[];
  /** ISO 8601 with +07:00. */
  receivedAt: string;
  dueAt: string;
  register: { book: string; number: number };
  operator: string;
  events: DossierEvent[];
}

export const EVENT_TYPES = [
  'received',
  'printed',
  'scanned',
  'submit-queued',
  'portal-sent',
  'portal-accepted',
  'portal-rejected',
  'portal-conflict',
  'portal-status',
  'routed',
  'handover-accepted',
  'returned-to-counter',
  'supplement-requested',
  'supplement-received',
  'payment-requested',
  'payment-received',
  'result-recorded',
  'result-returned',
  'apology-issued',
  'withdrawn',
  'stopped',
  'notified',
  'note',
  'amended',
  'scan-detached',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface DossierEvent {
  seq: number;
  type: EventType;
  /** ISO 8601 with +07:00. */
  at: string;
  operator: string;
  /** Idempotency key: an event with the same key is never recorded twice. */
  key?: string;
  /** The desk that recorded it (configured desk id or host name), stamped by the store on write. */
  desk?: string;
  data?: Record<string, unknown>;
}

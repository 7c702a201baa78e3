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
}

/** The procedure as it was when the dossier was received: later catalogue changes do not move it. */
export interface ProcedureSnapshot {
  code: string;
  name: string;
  field: string;
  version: string;
  processingTime: { value: number; unit: 'working-days' | 'days' | 'hours' } | null;
  cutoff: string | null;
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

export interface Dossier {
  code: string;
  procedure: ProcedureSnapshot;
  applicant: Person;
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
  data?: Record<string, unknown>;
}

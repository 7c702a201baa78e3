import type { Channel, DeliveryMethod, Organisation, Person } from '../domain/dossier/types.js';
import type { PostalZone } from '../domain/postal.js';

/** Everything gathered at the counter, from flags, a batch file or prompts, before any write. */
export interface IntakeAnswers {
  procedureCode: string;
  channel: Channel;
  /** The case (catalogue variant id) chosen at intake (`--case`); needed where the time limit depends on it. */
  variant?: string | null;
  /** Online assisted filing: does the citizen have a level-2 VNeID account? */
  vneidLevel2: boolean | null;
  applicant: Person;
  /** The organisation that applies (`--organisation`); `applicant` is then the person acting for it. */
  organisation?: Organisation | null;
  representative: Person | null;
  /** The parties the procedure names (catalogue `parties`), by role; the label is added at receipt. */
  parties?: { role: string; person: Person }[];
  /** Component ids the citizen handed in (or showed, for "present" documents). */
  provided: string[];
  /** Conditional components that apply to this case (asked as yes/no questions). */
  conditionsYes: string[];
  /** Documents handed in but not acceptable, with the reason (listed on Mẫu 02). */
  invalid: { id: string; reason: string }[];
  delivery: { method: DeliveryMethod; address: string | null; zone: PostalZone | null; weightGrams: number | null };
  /** Refusal (Mẫu 03): the reason; null when the dossier is not refused. */
  refuseReason: string | null;
  /** Extra note on Mẫu 02 (why the dossier is incomplete, in general). */
  supplementNote: string | null;
  /** When the papers were received (paper dossiers typed up later); null = now. */
  receivedAt: Date | null;
  operator: string;
  allowDuplicate: boolean;
  /** The citizen declined SMS/e-mail notifications. */
  declineNotifications: boolean;
  /** Number of sets (bộ) handed in. */
  setCount: number;
  /** Resuming an earlier incomplete intake. */
  resumeRef: string | null;
}

export type IntakeOutcome = 'received' | 'incomplete' | 'refused';

export interface MissingItem {
  id: string;
  name: string;
  kind: 'submit' | 'present';
  copy: string | null;
  quantity: number | null;
  reason: string;
}

export interface IntakeResult {
  outcome: IntakeOutcome;
  /** The dossier code (received) or the reference of the incomplete/refused intake. */
  code: string;
  procedureCode: string;
  procedureName: string;
  receivedAt: string | null;
  dueAt: string | null;
  applicant: { fullName: string; personalId: string | null; phone: string | null; email: string | null };
  /** 'organisation' when an organisation applies (then `organisation` names it). */
  applicantKind?: 'citizen' | 'organisation';
  organisation?: { name: string; taxCode: string | null; address: string | null } | null;
  /** The parties recorded (procedures about several persons), when any. */
  parties?: { role: string; label: string; fullName: string; personalId: string | null; birthDate: string | null }[];
  missing: MissingItem[];
  documents: { form: '01' | '02' | '03'; path: string }[];
  warnings: string[];
  possibleDuplicate: boolean;
}

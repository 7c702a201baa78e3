import { toVnIso } from '../time.js';
import { dayKey, formatDossierCode } from './code.js';
import type { Channel, ChecklistLine, DeliveryMethod, Dossier, Organisation, Party, Person, ProcedureSnapshot } from './types.js';

export interface Counters {
  /** Last sequence per day (`YYMMDD`). */
  sequences: Record<string, number>;
  /** Last number per register book. */
  registers: Record<string, number>;
}

/** The counters a dossier received at `receivedAt` draws from: the day's sequence and the register book. */
export function allocationKeys(receivedAt: Date, bookTemplate: string): { day: string; book: string } {
  return { day: dayKey(receivedAt), book: bookTemplate.replace('{year}', toVnIso(receivedAt).slice(0, 4)) };
}

/** The code and register entry from the numbers drawn (`seq` of the day, `number` in the book). */
export function allocated(agencyCode: string, receivedAt: Date, book: string, seq: number, number: number): { code: string; register: { book: string; number: number } } {
  return { code: formatDossierCode(agencyCode, receivedAt, seq), register: { book, number } };
}

/**
 * Take the next dossier code of the day and the next register number. Mutates `counters`: call it
 * on the data read under the store lock, in the same transaction that saves the dossier.
 */
export function allocate(counters: Counters, agencyCode: string, receivedAt: Date, bookTemplate: string): { code: string; register: { book: string; number: number } } {
  const { day, book } = allocationKeys(receivedAt, bookTemplate);
  const seq = (counters.sequences[day] ?? 0) + 1;
  counters.sequences[day] = seq;
  const number = (counters.registers[book] ?? 0) + 1;
  counters.registers[book] = number;
  return allocated(agencyCode, receivedAt, book, seq, number);
}

export interface ReceptionInput {
  code: string;
  register: { book: string; number: number };
  procedure: ProcedureSnapshot;
  applicant: Person;
  /** The organisation that applies (its person is `applicant`); null or absent: a citizen. */
  organisation?: Organisation | null;
  representative: Person | null;
  parties?: Party[];
  channel: Channel;
  delivery: { method: DeliveryMethod; address: string | null };
  checklist: ChecklistLine[];
  receivedAt: Date;
  /** Also recorded: when the reception was typed in, if later than receivedAt (paper typed up later). */
  recordedAt: Date;
  dueAt: Date;
  operator: string;
  possibleDuplicate?: boolean;
  extra?: Record<string, unknown>;
}

/** A new dossier with its first event. The code is the first key (the archive relies on it). */
export function receiveDossier(i: ReceptionInput): Dossier {
  return {
    code: i.code,
    procedure: i.procedure,
    applicant: i.applicant,
    applicantKind: i.organisation ? 'organisation' : 'citizen',
    ...(i.organisation ? { organisation: i.organisation } : {}),
    representative: i.representative,
    ...(i.parties?.length ? { parties: i.parties } : {}),
    channel: i.channel,
    delivery: i.delivery,
    checklist: i.checklist,
    receivedAt: toVnIso(i.receivedAt),
    dueAt: toVnIso(i.dueAt),
    register: i.register,
    operator: i.operator,
    events: [
      {
        seq: 1,
        type: 'received',
        at: toVnIso(i.receivedAt),
        operator: i.operator,
        key: 'received',
        data: {
          ...(i.recordedAt.getTime() !== i.receivedAt.getTime() ? { recordedAt: toVnIso(i.recordedAt) } : {}),
          ...(i.possibleDuplicate ? { possibleDuplicate: true } : {}),
          ...(i.extra ?? {}),
        },
      },
    ],
  };
}

import { z } from 'zod';
import { EVENT_TYPES } from '../domain/dossier/types.js';

import { CURRENT_SCHEMA_VERSION } from './version.js';

export { CURRENT_SCHEMA_VERSION };

const person = z.object({
  fullName: z.string(),
  personalId: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.enum(['male', 'female']).nullable().optional(),
  oldId: z.string().nullable().optional(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
});

const component = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['submit', 'present']),
  copy: z.string().nullable(),
  quantity: z.number().nullable(),
  condition: z.string().nullable(),
  required: z.boolean(),
  group: z.string().optional(),
});

export const dossierSchema = z.object({
  code: z.string().min(1),
  procedure: z.object({
    code: z.string(),
    name: z.string(),
    field: z.string(),
    version: z.string(),
    processingTime: z.object({ value: z.number(), unit: z.enum(['working-days', 'days', 'hours']) }).nullable(),
    cutoff: z.string().nullable(),
    cutoffRule: z.enum(['result-next-working-day', 'count-from-next-working-day']).optional(),
    variant: z.object({ id: z.string(), name: z.string() }).optional(),
    groups: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
    timeText: z.string().nullable().optional(),
    unitStated: z.boolean().optional(),
    timeSource: z.enum(['case', 'commune']).optional(),
    components: z.array(component),
  }),
  applicant: person,
  applicantKind: z.enum(['citizen', 'organisation']).optional(),
  organisation: z.object({ name: z.string(), taxCode: z.string().nullable(), address: z.string().nullable() }).nullable().optional(),
  representative: person.nullable(),
  parties: z.array(z.object({ role: z.string(), label: z.string(), person })).optional(),
  channel: z.enum(['in-person', 'online', 'postal']),
  delivery: z.object({ method: z.enum(['counter', 'post']), address: z.string().nullable() }),
  checklist: z.array(z.object({ id: z.string(), applicable: z.boolean(), provided: z.boolean() })),
  receivedAt: z.string(),
  dueAt: z.string(),
  register: z.object({ book: z.string(), number: z.number().int() }),
  operator: z.string(),
  events: z.array(
    z.object({
      seq: z.number().int(),
      type: z.enum(EVENT_TYPES),
      at: z.string(),
      operator: z.string(),
      key: z.string().optional(),
      desk: z.string().optional(),
      data: z.record(z.unknown()).optional(),
    }),
  ),
});

/** The active file: open dossiers and the small tables the desk needs every day. */
export const activeDbSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  createdAt: z.string(),
  /** Last dossier sequence issued per day (`YYMMDD`). */
  sequences: z.record(z.number().int().nonnegative()),
  /** Last number written per register book (Sổ theo dõi hồ sơ, "Quyển số"). */
  registers: z.record(z.number().int().nonnegative()),
  dossiers: z.record(dossierSchema),
  /** Incomplete or refused intakes kept for resuming (owned by intake). */
  drafts: z.record(z.record(z.unknown())),
  /** Work queued for the portal and notifications (owned by those modules). */
  outbox: z.array(z.record(z.unknown())),
  meta: z.record(z.unknown()),
});

export type ActiveDb = z.infer<typeof activeDbSchema>;

import type { ActiveDb } from './schema.js';

/** The database schema version this gov-desk writes (schema.ts holds the zod schema, loaded lazily). */
export const CURRENT_SCHEMA_VERSION = 1;

export function emptyActiveDb(now: string): ActiveDb {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, createdAt: now, sequences: {}, registers: {}, dossiers: {}, drafts: {}, outbox: [], meta: {} };
}

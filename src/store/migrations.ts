import { CURRENT_SCHEMA_VERSION } from './version.js';

/**
 * Forward migrations of the database files, one function per version step (`from` → `from + 1`).
 * Version 1 is the first; add `2: (data) => …` here when the shape changes, never edit old steps.
 */
export const MIGRATIONS: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = {};

export type MigrationOutcome =
  | { kind: 'current'; data: Record<string, unknown> }
  | { kind: 'migrated'; data: Record<string, unknown>; from: number }
  | { kind: 'newer'; version: number }
  | { kind: 'unknown' };

export function migrate(raw: unknown, steps: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = MIGRATIONS, current: number = CURRENT_SCHEMA_VERSION): MigrationOutcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'unknown' };
  let data = raw as Record<string, unknown>;
  const v = data.schemaVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return { kind: 'unknown' };
  if (v > current) return { kind: 'newer', version: v };
  if (v === current) return { kind: 'current', data };
  for (let from = v; from < current; from++) {
    const step = steps[from];
    if (!step) return { kind: 'unknown' };
    data = { ...step(data), schemaVersion: from + 1 };
  }
  return { kind: 'migrated', data, from: v };
}

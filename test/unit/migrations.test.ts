import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrations.js';
import { CURRENT_SCHEMA_VERSION } from '../../src/store/version.js';

describe('database migrations', () => {
  it('passes the current version through', () => {
    expect(migrate({ schemaVersion: CURRENT_SCHEMA_VERSION, a: 1 })).toEqual({ kind: 'current', data: { schemaVersion: CURRENT_SCHEMA_VERSION, a: 1 } });
  });

  it('refuses a newer version and an unknown shape', () => {
    expect(migrate({ schemaVersion: CURRENT_SCHEMA_VERSION + 1 })).toEqual({ kind: 'newer', version: CURRENT_SCHEMA_VERSION + 1 });
    for (const raw of [null, [], 'x', {}, { schemaVersion: 0 }, { schemaVersion: '1' }]) expect(migrate(raw).kind).toBe('unknown');
  });

  it('runs the forward steps in order from an older version (a table of version 3)', () => {
    const steps = {
      1: (d: Record<string, unknown>) => ({ ...d, dossiers: d.items, items: undefined }),
      2: (d: Record<string, unknown>) => ({ ...d, outbox: [] }),
    };
    expect(migrate({ schemaVersion: 1, items: { a: 1 } }, steps, 3)).toEqual({ kind: 'migrated', from: 1, data: { schemaVersion: 3, dossiers: { a: 1 }, items: undefined, outbox: [] } });
    expect(migrate({ schemaVersion: 2, dossiers: {} }, steps, 3)).toEqual({ kind: 'migrated', from: 2, data: { schemaVersion: 3, dossiers: {}, outbox: [] } });
  });

  it('a missing step leaves the file unknown rather than half-migrated', () => {
    expect(migrate({ schemaVersion: 1 }, { 2: (d) => d }, 3).kind).toBe('unknown');
  });
});

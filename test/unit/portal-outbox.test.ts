import { describe, expect, it } from 'vitest';
import { portalEntries, queueDossierSync } from '../../src/portal/outbox.js';

const CODE = '000.00.00.H99-260302-0001';
const AT = new Date('2026-03-02T04:00:00Z');

describe('queueDossierSync', () => {
  it('two record sends queued in the same millisecond get distinct ids (outcomes are matched by id)', () => {
    const db = { outbox: [] as Record<string, unknown>[] };
    const first = queueDossierSync(db, CODE, AT);
    first.status = 'sent';
    const second = queueDossierSync(db, CODE, AT);
    expect(second.id).not.toBe(first.id);
    expect(new Set(portalEntries(db).map((e) => e.id)).size).toBe(2);
  });

  it('a code in conflict stays blocked; an explicit submit queues the same entry for a new check', () => {
    const db = { outbox: [] as Record<string, unknown>[] };
    const e = queueDossierSync(db, CODE, AT);
    e.status = 'conflict';
    expect(queueDossierSync(db, CODE, AT)).toBe(e);
    expect(e.status).toBe('conflict');
    expect(queueDossierSync(db, CODE, AT, { retryConflict: true })).toBe(e);
    expect(e.status).toBe('queued');
    expect(portalEntries(db)).toHaveLength(1);
  });
});

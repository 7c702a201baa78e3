import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { dossierSyncEntry, type PortalOutboxEntry } from '../../src/portal/outbox.js';
import { dueEntries } from '../../src/portal/sender.js';

const CODE = '000.00.00.H99-260302-0001';
const AT = new Date('2026-03-02T04:00:00Z');

describe('queueDossierSync', () => {
  it('two record sends queued in the same millisecond get distinct ids (outcomes are matched by id)', () => {
    const entries: PortalOutboxEntry[] = [];
    const first = dossierSyncEntry(entries, CODE, AT);
    expect(first.save).toBe(true);
    entries.push({ ...first.entry, status: 'sent' });
    const second = dossierSyncEntry(entries, CODE, AT);
    expect(second.entry.id).not.toBe(first.entry.id);
    entries.push(second.entry);
    expect(new Set(entries.map((e) => e.id)).size).toBe(2);
  });

  it('a code in conflict stays blocked; an explicit submit queues the same entry for a new check', () => {
    const e: PortalOutboxEntry = { ...dossierSyncEntry([], CODE, AT).entry, status: 'conflict' };
    const blocked = dossierSyncEntry([e], CODE, AT);
    expect(blocked).toEqual({ entry: e, save: false });
    const retried = dossierSyncEntry([e], CODE, AT, { retryConflict: true });
    expect(retried.save).toBe(true);
    expect(retried.entry).toMatchObject({ id: e.id, status: 'queued' });
    expect(e.status).toBe('conflict'); // pure: the entry given is not changed
  });
});

describe('dueEntries', () => {
  const sending = (leaseUntil: string, leaseOwner: PortalOutboxEntry['leaseOwner']): PortalOutboxEntry => ({ ...dossierSyncEntry([], CODE, AT).entry, status: 'sending', leaseUntil, leaseOwner });

  it('an entry another desk holds under a lease is not due until the lease expires', () => {
    const e = sending('2026-03-02T11:10:00.000+07:00', { pid: 1, host: 'another-desk.invalid', desk: 'quay-2' });
    expect(dueEntries([e], new Date('2026-03-02T04:05:00Z'))).toEqual([]);
    expect(dueEntries([e], new Date('2026-03-02T04:11:00Z'))).toEqual([e]);
  });

  it('an entry a live process of this host holds is not due; one a process that is gone held is', () => {
    const at = new Date('2026-03-02T04:05:00Z');
    const alive = sending('2026-03-02T11:10:00.000+07:00', { pid: process.pid, host: os.hostname() });
    expect(dueEntries([alive], at)).toEqual([]);
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const dead = sending('2026-03-02T11:10:00.000+07:00', { pid: gone, host: os.hostname() });
    expect(dueEntries([dead], at)).toEqual([dead]);
  });

  it('a desk of another id on a PC with the same host name (cloned PCs): its lease is waited for, not taken as a dead process', () => {
    const at = new Date('2026-03-02T04:05:00Z');
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const twin = sending('2026-03-02T11:10:00.000+07:00', { pid: gone, host: os.hostname(), desk: 'quay-2' });
    expect(dueEntries([twin], at, undefined, 'quay-1')).toEqual([]);
    expect(dueEntries([twin], at, undefined, 'quay-2')).toEqual([twin]); // this desk's own process, gone
  });
});

import { readFileSync } from 'node:fs';
import { parseProfile } from '../../src/config/profile.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import type { GuidanceRecord } from '../../src/domain/guidance/types.js';
import type { Store, StoreItem } from '../../src/store/port.js';
import type { ApologyDraft, NotifyRecord, PortalOutboxEntry } from '../../src/store/records.js';
import { sampleDossier } from '../helpers/dossier.js';

/** Fictitious records and steps of the store contract suite (test/store/contract.ts). */
export const AT = new Date('2026-03-02T02:00:00Z');
export const PROFILE = parseProfile(JSON.parse(readFileSync(new URL('../../fixtures/profile.example.json', import.meta.url), 'utf8')), 'profile.example.json');
export const codeOf = (n: number) => `000.00.00.H99-260302-${String(n).padStart(4, '0')}`;

/** Receive one dossier as intake does: its code and register number in the same transaction. */
export async function receive(s: Store, o: { personalId?: string; fail?: boolean } = {}): Promise<Dossier> {
  return s.tx(async (t) => {
    const seq = await t.nextNumber('sequence', '000.00.00.H99-260302');
    const reg = await t.nextNumber('register', '2026');
    const base = sampleDossier(codeOf(seq), AT);
    const d: Dossier = { ...base, register: { book: '2026', number: reg }, applicant: { ...base.applicant, personalId: o.personalId ?? base.applicant.personalId } };
    await t.putDossier(d);
    if (o.fail) throw new Error('printer jammed');
    return d;
  });
}

export function portalEntry(id: string, code: string, status: PortalOutboxEntry['status'] = 'queued'): PortalOutboxEntry {
  return { kind: 'portal', id, op: 'dongbo', code, status, attempts: 0, lastError: null, nextAttemptAt: null, createdAt: AT.toISOString(), updatedAt: AT.toISOString(), leaseUntil: null };
}

export function notifyEntry(id: string, key: string, dossier: string, status: NotifyRecord['status'] = 'created'): NotifyRecord {
  return {
    kind: 'notify', id, key, dossier, event: 'received', series: 's1', channel: 'sms', contact: 'phone', to: '0912345678', lang: 'vi', vars: {}, status,
    createdAt: AT.toISOString(), updatedAt: AT.toISOString(), attempts: 0, nextAttemptAt: null, retry: true, lease: null, accepted: false, uncertain: false,
    provider: null, sms: null, email: null, requestId: `r-${id}`, providerId: null, acceptedAt: null, confirmed: false, cost: null, error: null, history: [],
  };
}

export function guidanceRecord(id: string, at: string, desk?: string): GuidanceRecord {
  return { id, at, kinds: ['explain'], member: 'Lê Thị Mai', citizen: { fullName: 'Phạm Văn Nam', phone: null, personalId: null }, procedure: null, dossier: null, minutes: 5, note: null, ...(desk ? { desk } : {}) };
}

export const apology = (code: string): ApologyDraft => ({ kind: 'apology', ref: `PXL:${code}:2026-03-03`, code, missedDueAt: '2026-03-03T10:00:00+07:00', proposedNewDueAt: '2026-03-05T10:00:00+07:00', createdAt: AT.toISOString(), confirmedAt: null });

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export function countByType(items: StoreItem[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[i.type] = (out[i.type] ?? 0) + 1;
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


export async function* iterate<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

export async function* oneItem(item: StoreItem): AsyncIterable<StoreItem> {
  yield item;
}

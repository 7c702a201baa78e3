import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProfile } from '../../src/config/profile.js';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import type { GuidanceRecord } from '../../src/domain/guidance/types.js';
import { sha256Hex } from '../../src/scan/hash.js';
import type { Store, StoreItem } from '../../src/store/port.js';
import type { ApologyDraft, NotifyRecord, PortalOutboxEntry } from '../../src/store/records.js';
import { sampleDossier } from '../helpers/dossier.js';

/**
 * One behaviour suite for every adapter of the store port (issue 14: no behaviour in one adapter
 * only). A kit gives fresh stores of its kind; the suite never looks at a storage format, except
 * through `damage` (change a kept file behind the store's back).
 */
export interface StoreKit {
  name: string;
  /** A new, empty store with desk id `desk-a`. */
  fresh(): Promise<Store>;
  /** Another Store instance (another desk, `desk`) on the same data as `s`. */
  twin(s: Store, desk: string): Promise<Store>;
  /** Change the stored bytes of `rel` without the store (a disk fault, a hand edit). */
  damage(s: Store, rel: string): Promise<void>;
  /** A new, empty store of the other adapter (dump → load across kinds). */
  other(): Promise<Store>;
}

const AT = new Date('2026-03-02T02:00:00Z');
const PROFILE = parseProfile(JSON.parse(readFileSync(new URL('../../fixtures/profile.example.json', import.meta.url), 'utf8')), 'profile.example.json');
const codeOf = (n: number) => `000.00.00.H99-260302-${String(n).padStart(4, '0')}`;

/** Receive one dossier as intake does: its code and register number in the same transaction. */
async function receive(s: Store, o: { personalId?: string; fail?: boolean } = {}): Promise<Dossier> {
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

function portalEntry(id: string, code: string, status: PortalOutboxEntry['status'] = 'queued'): PortalOutboxEntry {
  return { kind: 'portal', id, op: 'dongbo', code, status, attempts: 0, lastError: null, nextAttemptAt: null, createdAt: AT.toISOString(), updatedAt: AT.toISOString(), leaseUntil: null };
}

function notifyEntry(id: string, key: string, dossier: string, status: NotifyRecord['status'] = 'created'): NotifyRecord {
  return {
    kind: 'notify', id, key, dossier, event: 'received', series: 's1', channel: 'sms', contact: 'phone', to: '0912345678', lang: 'vi', vars: {}, status,
    createdAt: AT.toISOString(), updatedAt: AT.toISOString(), attempts: 0, nextAttemptAt: null, retry: true, lease: null, accepted: false, uncertain: false,
    provider: null, sms: null, email: null, requestId: `r-${id}`, providerId: null, acceptedAt: null, confirmed: false, cost: null, error: null, history: [],
  };
}

function guidanceRecord(id: string, at: string, desk?: string): GuidanceRecord {
  return { id, at, kinds: ['explain'], member: 'Lê Thị Mai', citizen: { fullName: 'Phạm Văn Nam', phone: null, personalId: null }, procedure: null, dossier: null, minutes: 5, note: null, ...(desk ? { desk } : {}) };
}

const apology = (code: string): ApologyDraft => ({ kind: 'apology', ref: `PXL:${code}:2026-03-03`, code, missedDueAt: '2026-03-03T10:00:00+07:00', proposedNewDueAt: '2026-03-05T10:00:00+07:00', createdAt: AT.toISOString(), confirmedAt: null });

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function countByType(items: StoreItem[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[i.type] = (out[i.type] ?? 0) + 1;
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function storeContract(kit: StoreKit): void {
  describe(`store port contract: ${kit.name}`, () => {
    const opened: Store[] = [];
    const fresh = async () => {
      const s = await kit.fresh();
      opened.push(s);
      return s;
    };
    const twin = async (s: Store, desk: string) => {
      const t = await kit.twin(s, desk);
      opened.push(t);
      return t;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('receives a dossier with its code and register number in one transaction, and loads it back', async () => {
      const s = await fresh();
      const a = await receive(s);
      const b = await receive(s);
      expect([a.code, a.register.number, b.code, b.register.number]).toEqual([codeOf(1), 1, codeOf(2), 2]);
      const got = await s.getDossier(a.code);
      expect(got?.archived).toBe(false);
      expect(got?.dossier.applicant).toEqual(a.applicant);
      expect((await s.openDossiers()).map((d) => d.code).sort()).toEqual([codeOf(1), codeOf(2)]);
      // what a transaction returns is a copy: only putDossier saves
      await s.tx(async (t) => {
        const d = (await t.dossier(a.code))!;
        d.applicant.fullName = 'Changed Without Put';
        expect((await t.dossier(a.code))!.applicant.fullName).toBe(a.applicant.fullName);
      });
      expect((await s.getDossier(a.code))?.dossier.applicant.fullName).toBe(a.applicant.fullName);
      expect(await s.getDossier('000.00.00.H99-260302-9999')).toBeUndefined();
      // nor do the open dossiers of a transaction, nor a dossier changed after its put
      await s.tx(async (t) => {
        (await t.openDossiers())[0]!.operator = 'Changed Without Put';
        const d = (await t.dossier(b.code))!;
        await t.putDossier(d);
        d.operator = 'Changed After Put';
      });
      expect((await s.openDossiers()).map((d) => d.operator)).toEqual([a.operator, b.operator]);
    });

    it('a transaction that throws writes nothing and gives its numbers back (gap-free)', async () => {
      const s = await fresh();
      await expect(receive(s, { fail: true })).rejects.toMatchObject({ message: 'printer jammed' }); // the caller's error, as it was
      expect(await s.getDossier(codeOf(1))).toBeUndefined();
      expect(await s.openDossiers()).toEqual([]);
      const d = await receive(s);
      expect([d.code, d.register.number]).toEqual([codeOf(1), 1]);
      await s.tx(async (t) => t.raiseNumber('register', '2026', 10));
      await s.tx(async (t) => t.raiseNumber('register', '2026', 3)); // never lowers
      expect((await receive(s)).register.number).toBe(11);
    });

    it('two desks receiving at once get unique, gap-free codes and register numbers', async () => {
      const a = await fresh();
      const b = await twin(a, 'desk-b');
      const all = await Promise.all([...Array.from({ length: 5 }, () => receive(a)), ...Array.from({ length: 5 }, () => receive(b))]);
      expect(all.map((d) => d.register.number).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(new Set(all.map((d) => d.code)).size).toBe(10);
      expect((await a.openDossiers()).length).toBe(10);
      expect((await b.openDossiers()).map((d) => d.code).sort()).toEqual(Array.from({ length: 10 }, (_, i) => codeOf(i + 1)));
    });

    it('a closed dossier is archived: getDossier says so, archive years and people index answer', async () => {
      const s = await fresh();
      const open = await receive(s, { personalId: '001099000111' });
      const closed = await receive(s, { personalId: '001099000222' });
      await s.tx(async (t) => {
        const d = (await t.dossier(closed.code))!;
        await t.putDossier(applyAction(d, 'withdrawn', { at: AT, operator: 'Trần Văn Đức' }).dossier);
      });
      expect((await s.getDossier(closed.code))?.archived).toBe(true);
      expect((await s.getDossier(open.code))?.archived).toBe(false);
      expect((await s.openDossiers()).map((d) => d.code)).toEqual([open.code]);
      expect(await s.archiveYears()).toEqual([2026]);
      expect((await collect(s.archived())).map((d) => d.code)).toEqual([closed.code]);
      expect(await collect(s.archived([2025]))).toEqual([]);
      expect(await s.indexedPeople(['001099000222', '001099000111'])).toEqual([{ code: closed.code, personalId: '001099000222', fullName: closed.applicant.fullName, birthDate: closed.applicant.birthDate }]);
      // an archived dossier is still loaded for update and takes new events
      await s.tx(async (t) => {
        const d = (await t.dossier(closed.code))!;
        await t.putDossier(applyAction(d, 'note', { at: AT, operator: 'Trần Văn Đức', data: { text: 'gọi lại' } }).dossier);
      });
      const after = await s.getDossier(closed.code);
      expect(after?.archived).toBe(true);
      expect(after?.dossier.events.map((e) => e.type)).toEqual(['received', 'withdrawn', 'note']);
      expect(s.problems()).toEqual([]);
    });

    it('events get the desk that recorded them; earlier events keep theirs', async () => {
      const a = await fresh();
      const b = await twin(a, 'desk-b');
      const d = await receive(a);
      expect((await a.getDossier(d.code))?.dossier.events.map((e) => e.desk)).toEqual(['desk-a']);
      await b.tx(async (t) => {
        const cur = (await t.dossier(d.code))!;
        const noted = applyAction(cur, 'note', { at: AT, operator: 'Lê Thị Mai', data: { text: 'x' } }).dossier;
        const printed = applyAction(noted, 'printed', { at: AT, operator: 'Lê Thị Mai' }).dossier;
        printed.events[printed.events.length - 1]!.desk = 'quay-3'; // recorded elsewhere: kept
        await t.putDossier(printed);
      });
      expect((await a.getDossier(d.code))?.dossier.events.map((e) => e.desk)).toEqual(['desk-a', 'desk-b', 'quay-3']);
    });

    it('drafts: put, replace by ref, read in and out of a transaction', async () => {
      const s = await fresh();
      const first = apology(codeOf(1));
      await s.tx(async (t) => {
        await t.putDraft(first);
        await t.putDraft(apology(codeOf(2)));
      });
      await s.tx(async (t) => {
        const d = (await t.draft(first.ref)) as ApologyDraft;
        await t.putDraft({ ...d, confirmedAt: '2026-03-03T09:00:00+07:00' });
      });
      expect(((await s.draft(first.ref)) as ApologyDraft).confirmedAt).toBe('2026-03-03T09:00:00+07:00');
      expect((await s.drafts()).map((d) => d.ref).sort()).toEqual([first.ref, apology(codeOf(2)).ref].sort());
      expect(await s.draft('nope')).toBeUndefined();
    });

    it('outbox: put and replace by id, a second entry with the same key refused (the transaction goes on), filters', async () => {
      const s = await fresh();
      await s.tx(async (t) => {
        await t.putOutbox(portalEntry('p1', codeOf(1)));
        await t.putOutbox(portalEntry('p2', codeOf(2), 'sent'));
        await t.putOutbox(notifyEntry('n1', 'k1', codeOf(1)));
        await t.putOutbox(notifyEntry('n2', 'k2', codeOf(2), 'delivered'));
      });
      const err = await s.tx(async (t) => {
        const e = await t.putOutbox(notifyEntry('n3', 'k1', codeOf(1))).catch((x: unknown) => x);
        await t.setMeta('after-duplicate', true); // still written: the refusal did not break the transaction
        return e;
      });
      expect(err).toMatchObject({ code: 'STORE_DUPLICATE_KEY' });
      expect(await s.meta('after-duplicate')).toBe(true);
      await s.tx(async (t) => t.putOutbox({ ...portalEntry('p1', codeOf(1)), status: 'sending', attempts: 1 }));
      const portal = await s.outbox('portal');
      expect(portal.map((e) => [e.id, e.status, e.attempts])).toEqual([['p1', 'sending', 1], ['p2', 'sent', 0]]);
      expect((await s.outbox('notify')).map((e) => e.id)).toEqual(['n1', 'n2']);
      expect((await s.outbox('portal', { pending: true })).map((e) => e.id)).toEqual(['p1']);
      expect((await s.outbox('notify', { pending: false })).map((e) => e.id)).toEqual(['n2']);
      expect((await s.outbox('notify', { codes: [codeOf(2)] })).map((e) => e.id)).toEqual(['n2']);
      expect((await s.outbox('portal', { codes: [codeOf(2)] })).map((e) => e.id)).toEqual(['p2']);
      expect((await s.outbox('notify', { ids: ['n1', 'x'] })).map((e) => e.id)).toEqual(['n1']);
      expect((await s.outbox('notify', { keys: ['k2'] })).map((e) => e.id)).toEqual(['n2']);
      expect(await s.outbox('portal', { keys: ['p1'] })).toEqual([]); // keys select notification entries only
      expect((await s.tx((t) => t.outbox('notify', { keys: ['k1'], pending: true }))).map((e) => e.id)).toEqual(['n1']);
    });

    it('two senders claiming at once never take the same pending entry', async () => {
      const a = await fresh();
      const b = await twin(a, 'desk-b');
      await a.tx(async (t) => {
        for (let i = 1; i <= 6; i++) await t.putOutbox(notifyEntry(`n${i}`, `k${i}`, codeOf(i), i === 6 ? 'delivered' : 'created'));
      });
      const claim = (s: Store, owner: string, holdMs: number) =>
        s.tx(async (t) => {
          const free = (await t.outbox('notify', { claim: true, pending: true })).filter((e) => !e.lease || e.lease.until < AT.toISOString());
          for (const e of free) await t.putOutbox({ ...e, status: 'sending', lease: { owner, until: '2026-03-02T09:05:00+07:00' } });
          await sleep(holdMs); // the lease is not committed yet while the other sender looks
          return free.map((e) => e.id);
        });
      const first = claim(a, 'desk-a', 300);
      await sleep(50);
      const [x, y] = await Promise.all([first, claim(b, 'desk-b', 0)]);
      expect([...x, ...y].sort()).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
      expect(x.filter((id) => y.includes(id))).toEqual([]);
    });

    it('meta keeps JSON values', async () => {
      const s = await fresh();
      expect(await s.meta('portal.cursor')).toBeUndefined();
      await s.tx(async (t) => {
        await t.setMeta('portal.cursor', { since: '2026-03-02T09:00:00+07:00', page: 2 });
        await t.setMeta('n', 3);
        expect(await t.meta('n')).toBe(3);
      });
      await s.tx(async (t) => {
        await t.setMeta('n', 4);
        (await t.meta<{ page: number }>('portal.cursor'))!.page = 99; // a copy: not saved
      });
      expect(await s.meta('portal.cursor')).toEqual({ since: '2026-03-02T09:00:00+07:00', page: 2 });
      expect(await s.meta('n')).toBe(4);
    });

    it('guidance records: stamped with the desk, last write of an id wins, ranges by local day or instant', async () => {
      const s = await fresh();
      await s.tx(async (t) => {
        await t.putGuidance(guidanceRecord('HT-1', '2026-03-01T16:30:00+07:00'));
        await t.putGuidance(guidanceRecord('HT-2', '2026-03-02T08:00:00+07:00', 'quay-9'));
        await t.putGuidance(guidanceRecord('HT-3', '2026-03-03T07:15:00+07:00'));
      });
      await s.tx((t) => t.putGuidance({ ...guidanceRecord('HT-2', '2026-03-02T08:00:00+07:00', 'quay-9'), minutes: 20 }));
      const all = await s.guidance();
      expect(all.map((g) => [g.id, g.desk])).toEqual([['HT-1', 'desk-a'], ['HT-2', 'quay-9'], ['HT-3', 'desk-a']]);
      expect(all[1]!.minutes).toBe(20);
      expect((await s.guidance({ from: '2026-03-02', to: '2026-03-02' })).map((g) => g.id)).toEqual(['HT-2']);
      expect((await s.guidance({ from: '2026-03-02' })).map((g) => g.id)).toEqual(['HT-2', 'HT-3']);
      expect((await s.guidance({ to: '2026-03-02T07:59:00+07:00' })).map((g) => g.id)).toEqual(['HT-1']);
    });

    it('files: kept by path and checked by SHA-256 on put and get; a damaged file is refused; a local copy for viewers', async () => {
      const s = await fresh();
      const bytes = Buffer.from('%PDF-1.4 fictitious scan\n');
      const sha = sha256Hex(bytes);
      const rel = `attachments/${codeOf(1)}/to-khai/${sha.slice(0, 12)}-scan.pdf`;
      await expect(s.files.put(rel, bytes, { sha256: '0'.repeat(64), mediaType: 'application/pdf' })).rejects.toMatchObject({ code: 'FILE_DAMAGED' });
      expect(await s.files.get(rel)).toBeUndefined();
      await s.files.put(rel, bytes, { sha256: sha, mediaType: 'application/pdf', dossier: codeOf(1) });
      await s.files.put(rel, bytes, { sha256: sha, mediaType: 'application/pdf', dossier: codeOf(1) }); // idempotent
      expect((await s.files.get(rel, sha))?.equals(bytes)).toBe(true);
      await expect(s.files.get(rel, 'f'.repeat(64))).rejects.toMatchObject({ code: 'FILE_DAMAGED' });
      const local = await s.files.localPath(rel);
      expect(readFileSync(local!).equals(bytes)).toBe(true);
      expect(await s.files.localPath('documents/none.pdf')).toBeUndefined();
      expect(await collect(s.files.list())).toEqual([{ rel, sha256: sha, size: bytes.length }]);
      await kit.damage(s, rel);
      await expect(s.files.get(rel, sha)).rejects.toMatchObject({ code: 'FILE_DAMAGED' });
    });

    it('profile: none at first, then the one set', async () => {
      const s = await fresh();
      expect(await s.profile()).toBeUndefined();
      await s.setProfile(PROFILE);
      expect(await s.profile()).toEqual(PROFILE);
    });

    it('a dump is one consistent snapshot: a dossier received while it is read is not in it (and is in the next)', async () => {
      const s = await fresh();
      const other = await twin(s, 'desk-b');
      await receive(s);
      await s.tx(async (t) => t.setMeta('portal.cursor', 'c-1'));
      const it = s.dump()[Symbol.asyncIterator]();
      const first = await it.next(); // the snapshot is taken (embedded: the store lock is held)
      const meanwhile = receive(other); // embedded: waits for the lock; postgres: commits beside the snapshot
      await Promise.race([meanwhile, sleep(1000)]);
      const items: StoreItem[] = first.done ? [] : [first.value];
      for (let r = await it.next(); !r.done; r = await it.next()) items.push(r.value);
      const late = await meanwhile;
      expect(items.filter((i) => i.type === 'dossier').map((i) => (i.type === 'dossier' ? i.dossier.code : ''))).toEqual([codeOf(1)]);
      expect(late.code).toBe(codeOf(2));
      expect(items.find((i) => i.type === 'counter' && i.counter === 'sequence')).toMatchObject({ value: 1 });
      const again = await collect(s.dump());
      expect(again.filter((i) => i.type === 'dossier')).toHaveLength(2);
    });

    it('dump → load into an empty store of the other kind: the same items; a second load adds nothing', () => dumpThenLoad(fresh, async () => {
      const t = await kit.other();
      opened.push(t);
      return t;
    }));
  });
}

/** Everything a store holds, dumped from `fresh()` and loaded into `other()` (twice). */
export async function dumpThenLoad(fresh: () => Promise<Store>, other: () => Promise<Store>): Promise<void> {
  const s = await fresh();
  await s.setProfile(PROFILE);
  const kept = await receive(s, { personalId: '001099000333' });
  const closed = await receive(s);
  await s.tx(async (t) => {
    await t.putDossier(applyAction((await t.dossier(closed.code))!, 'withdrawn', { at: AT, operator: 'Trần Văn Đức' }).dossier);
    await t.putDraft(apology(kept.code));
    await t.putOutbox(portalEntry('p1', kept.code));
    await t.putOutbox(notifyEntry('n1', 'k1', kept.code));
    await t.setMeta('portal.cursor', 'c-1');
    await t.putGuidance(guidanceRecord('HT-1', '2026-03-02T08:00:00+07:00'));
  });
  const bytes = Buffer.from('%PDF-1.4 receipt\n');
  await s.files.put(`documents/${kept.code}/bien-nhan.pdf`, bytes, { sha256: sha256Hex(bytes), mediaType: 'application/pdf', dossier: kept.code });
  expect((await s.load(oneItem({ type: 'override', kind: 'calendar', name: '2026.json', content: { year: 2026, holidays: [] } }))).override).toBe(1);

  const items = await collect(s.dump());
  const expected = countByType(items);
  expect(expected).toEqual({ profile: 1, override: 1, counter: 2, meta: 1, dossier: 2, draft: 1, outbox: 2, guidance: 1, file: 1 });
  const target = await other();
  const added = await target.load(iterate(items));
  expect(Object.fromEntries(Object.entries(added).filter(([, n]) => n > 0))).toEqual(expected);
  expect(Object.values(await target.load(iterate(items))).every((n) => n === 0)).toBe(true);
  const copied = await collect(target.dump());
  expect(countByType(copied)).toEqual(expected);
  // copied as they were: no desk stamped on the copy's events, archive state and bytes kept
  expect((await target.getDossier(closed.code))?.archived).toBe(true);
  expect((await target.getDossier(kept.code))?.dossier).toEqual((await s.getDossier(kept.code))?.dossier);
  expect((await target.files.get(`documents/${kept.code}/bien-nhan.pdf`, sha256Hex(bytes)))?.equals(bytes)).toBe(true);
  expect(await target.profile()).toEqual(PROFILE);
  // the counters came along: the next number continues, no code is issued twice
  expect((await receive(target)).code).toBe(codeOf(3));
  // a copied dossier keeps its events as they were: no desk stamped by the copying store
  const legacy = sampleDossier(codeOf(50), AT);
  expect((await target.load(oneItem({ type: 'dossier', dossier: legacy, archived: false }))).dossier).toBe(1);
  expect((await target.getDossier(legacy.code))?.dossier.events.map((e) => e.desk)).toEqual([undefined]);
}

async function* iterate<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

async function* oneItem(item: StoreItem): AsyncIterable<StoreItem> {
  yield item;
}

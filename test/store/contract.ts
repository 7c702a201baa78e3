import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { sha256Hex } from '../../src/scan/hash.js';
import type { Store, StoreItem, StoreTx } from '../../src/store/port.js';
import type { ApologyDraft } from '../../src/store/records.js';
import { dumpThenLoad } from './contract-dump.js';
import { apology, AT, codeOf, collect, guidanceRecord, notifyEntry, PROFILE, portalEntry, receive, sleep } from './contract-fixtures.js';

export { dumpThenLoad };

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

    it('two desks appending to one dossier at once: both events survive, in order, on every desk', async () => {
      const a = await fresh();
      const b = await twin(a, 'desk-b');
      const d = await receive(a);
      const note = (s: Store, who: string, holdMs: number) =>
        s.tx(async (t) => {
          const cur = (await t.dossier(d.code))!;
          await sleep(holdMs); // the other desk reads the dossier meanwhile
          await t.putDossier(applyAction(cur, 'note', { at: AT, operator: who, data: { text: who } }).dossier);
        });
      const first = note(a, 'Lê Thị Mai', 300);
      await sleep(50);
      await Promise.all([first, note(b, 'Trần Văn Đức', 0)]);
      for (const s of [a, b]) {
        const events = (await s.getDossier(d.code))!.dossier.events;
        expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(events.slice(1).map((e) => [e.operator, e.desk])).toEqual([['Lê Thị Mai', 'desk-a'], ['Trần Văn Đức', 'desk-b']]);
      }
    });

    it('a reader that stops early releases the store: close() and other desks do not wait for it', async () => {
      const s = await fresh();
      const other = await twin(s, 'desk-b');
      await receive(s);
      await receive(s);
      const it = s.dump()[Symbol.asyncIterator]();
      await it.next();
      await it.return?.(undefined);
      expect((await Promise.race([receive(other).then(() => 'done'), sleep(5000).then(() => 'stuck')]))).toBe('done');
      expect(await Promise.race([s.close().then(() => 'closed'), sleep(5000).then(() => 'stuck')])).toBe('closed');
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

    it('a transaction object kept past its end is refused, and nothing of it is saved', async () => {
      const s = await fresh();
      let kept: StoreTx | undefined;
      await s.tx(async (t) => {
        kept = t;
        await t.setMeta('n', 1);
      });
      await expect(kept!.setMeta('n', 2)).rejects.toThrow(/used after it ended/);
      await expect(kept!.nextNumber('sequence', 'x')).rejects.toThrow(/used after it ended/);
      expect(await s.meta('n')).toBe(1);
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

    it('procedure and calendar overrides: none at first, added and replaced by name, sorted, seen by another desk and in the dump', async () => {
      const s = await fresh();
      expect(await s.overrides('calendar')).toEqual([]);
      await s.setOverride('calendar', '2027.json', { kind: 'official', year: 2027, v: 1 });
      await s.setOverride('calendar', '2027-bu.json', { kind: 'amendment', year: 2027 });
      await s.setOverride('calendar', '2027.json', { kind: 'official', year: 2027, v: 2 });
      await s.setOverride('procedure', '1.001193.json', { code: '1.001193' });
      const other = await twin(s, 'desk-b');
      expect(await other.overrides('calendar')).toEqual([
        { name: '2027-bu.json', content: { kind: 'amendment', year: 2027 } },
        { name: '2027.json', content: { kind: 'official', year: 2027, v: 2 } },
      ]);
      expect(await other.overrides('procedure')).toEqual([{ name: '1.001193.json', content: { code: '1.001193' } }]);
      const dumped = (await collect(s.dump())).filter((i) => i.type === 'override');
      expect(dumped).toHaveLength(3);
      await expect(s.setOverride('calendar', '../x.json', {})).rejects.toThrow(/unsafe override name/);
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


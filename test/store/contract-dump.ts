import { expect } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { sha256Hex } from '../../src/scan/hash.js';
import type { Store } from '../../src/store/port.js';
import { sampleDossier } from '../helpers/dossier.js';
import { apology, AT, codeOf, collect, countByType, guidanceRecord, iterate, notifyEntry, oneItem, portalEntry, PROFILE, receive } from './contract-fixtures.js';

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
  // (nor refused for an old duplicate register number, 1 like the first, or a hand-made 0: the embedded store keeps them)
  const legacy = sampleDossier(codeOf(50), AT);
  const handMade = { ...sampleDossier(codeOf(51), AT), register: { book: '2026', number: 0 } };
  expect((await target.load(iterate([{ type: 'dossier' as const, dossier: legacy, archived: false }, { type: 'dossier' as const, dossier: handMade, archived: false }]))).dossier).toBe(2);
  expect((await target.getDossier(legacy.code))?.dossier.events.map((e) => e.desk)).toEqual([undefined]);
  expect((await target.getDossier(handMade.code))?.dossier.register).toEqual({ book: '2026', number: 0 });
}

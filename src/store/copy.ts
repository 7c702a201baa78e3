import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { readProfile } from '../config/profile.js';
import { usageError } from '../errors.js';
import type { Dossier } from '../domain/dossier/types.js';
import { sha256Hex } from '../scan/hash.js';
import { emptyCounts } from './embedded-dump.js';
import { EmbeddedStore } from './embedded.js';
import type { Store, StoreItem } from './port.js';
import { maxSeq } from './stamp.js';

/**
 * `gov-desk db copy --from DIR` (issue 14): an embedded home moved into the store this desk works
 * on (the centre's database) through the port only: `EmbeddedStore(DIR).dump()` → `store.load()`,
 * then checked item by item against a fresh read of the target. `load` adds only what the target
 * lacks, so a second run adds nothing; the source is only read (its store lock is taken while the
 * snapshot is read, and removed after).
 */
export type ItemType = StoreItem['type'];
export type Counts = Record<ItemType, number>;

export interface Difference {
  type: ItemType;
  /** The item: a dossier code, a file path, `portal:<id>`, `sequence:<day>`, ... */
  key: string;
  /** `different-item`: the target holds another dossier, draft or guidance record under the same code or ref. */
  problem: 'missing' | 'sha256-differs' | 'fewer-events' | 'counter-lower' | 'different-item';
}

export interface CopyResult {
  from: string;
  /** What the home holds, per kind. */
  source: Counts;
  /**
   * What this run added to the target, per kind, as the store's `load` reports it. Counters are
   * raised to at least the home's value; a store may count a counter it set to the value it already
   * had (the embedded `load` of this round does), so `counter` is left out of `nothingAdded`.
   */
  added: Counts;
  /** True when nothing was added (a second run). */
  nothingAdded: boolean;
  /** Source items found in the target as they are in the home, per kind. */
  verified: Counts;
  differences: Difference[];
}

/** What must match for an item to count as copied: a file's SHA-256, a counter's value, a dossier's events. */
interface Print {
  sha256?: string;
  value?: number;
  events?: number;
  maxSeq?: number;
  /** What tells two items with one code apart (a dossier's reception, a guidance record's visit). */
  identity?: string;
}

/** What identifies each item, per kind. */
interface Seen {
  byType: Record<ItemType, Map<string, Print>>;
}

function keyOf(item: StoreItem): [string, Print] {
  switch (item.type) {
    case 'dossier':
      return [item.dossier.code, { events: item.dossier.events.length, maxSeq: maxSeq(item.dossier), identity: dossierIdentity(item.dossier) }];
    case 'draft':
      return [item.draft.ref, { identity: JSON.stringify([item.draft.kind, item.draft.createdAt]) }];
    case 'outbox':
      return [`${item.entry.kind}:${item.entry.id}`, {}];
    case 'counter':
      return [`${item.counter}:${item.key}`, { value: item.value }];
    case 'meta':
      return [item.key, {}];
    case 'guidance':
      return [item.record.id, { identity: JSON.stringify([item.record.at, item.record.member, item.record.citizen.fullName, item.record.citizen.personalId]) }];
    case 'profile':
      return ['profile', {}];
    case 'override':
      return [`${item.kind}:${item.name}`, {}];
    case 'file':
      // the bytes themselves, hashed here: never the hash a store recorded
      return [item.rel, { sha256: sha256Hex(item.bytes) }];
  }
}

/** A dossier's reception as it was recorded: later events (at the centre, after a copy) leave it as it is. */
function dossierIdentity(d: Dossier): string {
  const first = d.events[0];
  return JSON.stringify([d.receivedAt, d.register.book, d.register.number, d.applicant.personalId ?? d.applicant.fullName, first?.type, first?.at]);
}

function newSeen(): Seen {
  const byType = {} as Seen['byType'];
  for (const k of Object.keys(emptyCounts()) as ItemType[]) byType[k] = new Map();
  return { byType };
}

function record(seen: Seen, item: StoreItem): void {
  const [key, print] = keyOf(item);
  seen.byType[item.type].set(key, print);
}

/** The items as they pass (to `load`), remembered; the file bytes are not kept. */
async function* noting(items: AsyncIterable<StoreItem>, seen: Seen): AsyncIterable<StoreItem> {
  for await (const item of items) {
    record(seen, item);
    yield item;
  }
}

/** Each source item must be in the target: files with the same SHA-256, dossiers with at least their events, counters at least as high. */
export function compare(source: Seen, target: Seen): { verified: Counts; differences: Difference[] } {
  const verified = emptyCounts();
  const differences: Difference[] = [];
  for (const type of Object.keys(source.byType) as ItemType[]) {
    for (const [key, want] of source.byType[type]) {
      const have = target.byType[type].get(key);
      let problem: Difference['problem'] | undefined;
      if (have === undefined) problem = 'missing';
      else if (have.identity !== want.identity) problem = 'different-item'; // another citizen's item under the same code: not this one copied
      else if (have.sha256 !== want.sha256) problem = 'sha256-differs';
      // events recorded in the database after an earlier copy are more, never fewer
      else if ((have.events ?? 0) < (want.events ?? 0) || (have.maxSeq ?? 0) < (want.maxSeq ?? 0)) problem = 'fewer-events';
      else if ((have.value ?? 0) < (want.value ?? 0)) problem = 'counter-lower';
      if (problem) differences.push({ type, key, problem });
      else verified[type]++;
    }
  }
  return { verified, differences };
}

/** A gov-desk home: a commune profile in config.json, or a database folder. */
export async function requireHome(dir: string): Promise<void> {
  const st = await fsp.stat(dir).catch(() => undefined);
  const notHome = () =>
    usageError('DB_COPY_NOT_A_HOME', { vi: '{dir} không phải thư mục dữ liệu gov-desk (không có config.json của xã, không có db/active.json).', en: '{dir} is not a gov-desk home (no commune config.json, no db/active.json).' }, {
      vars: { dir },
      hint: { vi: 'Chỉ đường dẫn tới thư mục dữ liệu của máy cũ (GOV_DESK_HOME của máy đó), ví dụ --from "D:\\gov-desk".', en: 'Point at the old PC’s data folder (its GOV_DESK_HOME), e.g. --from "D:\\gov-desk".' },
    });
  if (!st?.isDirectory()) throw notHome();
  const active = await fsp.stat(path.join(dir, 'db', 'active.json')).catch(() => undefined);
  if (active?.isFile()) return;
  if (!(await readProfile(dir))) throw notHome();
}

/** `target.load(items)`, then every item checked against a fresh read of the target (db copy, restore into a store). */
export async function loadChecked(target: Store, items: AsyncIterable<StoreItem>): Promise<Omit<CopyResult, 'from'>> {
  const seenSource = newSeen();
  const added = await target.load(noting(items, seenSource));
  const seenTarget = newSeen();
  for await (const item of target.dump()) record(seenTarget, item);
  const { verified, differences } = compare(seenSource, seenTarget);
  const counts = emptyCounts();
  for (const type of Object.keys(counts) as ItemType[]) counts[type] = seenSource.byType[type].size;
  const nothingAdded = (Object.keys(added) as ItemType[]).every((k) => k === 'counter' || added[k] === 0);
  return { source: counts, added, nothingAdded, verified, differences };
}

/** Copy the home `from` into `target` and check the result (see the module comment). */
export async function copyHome(from: string, target: Store, o: { desk: string; now: () => Date }): Promise<CopyResult> {
  const dir = path.resolve(from);
  await requireHome(dir);
  return { from: dir, ...(await loadChecked(target, new EmbeddedStore(dir, o.desk, o.now).dump())) };
}

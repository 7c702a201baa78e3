import type { Profile } from '../config/profile.js';
import type { Dossier } from '../domain/dossier/types.js';
import type { FileStore, StoreItem, StoreTx } from './port.js';
import type { CounterKind } from './records.js';

/**
 * `Store.load()` of both adapters (db copy, restore): add the snapshot items the store does not
 * hold yet, in transactions of BATCH items, and count what was added. A second load of the same
 * items adds nothing (also no counter: a counter counts only when it was raised).
 */
const BATCH = 1000;

export type LoadCounts = Record<StoreItem['type'], number>;

export function emptyCounts(): LoadCounts {
  return { dossier: 0, draft: 0, outbox: 0, counter: 0, meta: 0, guidance: 0, profile: 0, override: 0, file: 0 };
}

/** What a transaction of a load can do besides the port's operations. */
export interface LoadTx extends StoreTx {
  /** Which of these dossier codes the store holds (open or archived). */
  heldCodes(codes: readonly string[]): Promise<Set<string>>;
  /** Which of these guidance record ids the store holds. */
  heldGuidance(ids: readonly string[]): Promise<Set<string>>;
  /** Save a copied dossier as it is: its events keep their desk, or none (no stamping). */
  putCopied(d: Dossier): Promise<void>;
  /** Raise a counter to `n`; true when it was lower (or missing). */
  raiseTo(counter: CounterKind, key: string, n: number): Promise<boolean>;
}

export interface LoadTarget {
  loadTx<T>(fn: (t: LoadTx) => Promise<T>): Promise<T>;
  profile(): Promise<Profile | undefined>;
  setProfile(p: Profile): Promise<void>;
  /** Add an override when none of that kind and name exists; true when added. */
  addOverride(kind: 'procedure' | 'calendar', name: string, content: unknown): Promise<boolean>;
  readonly files: FileStore;
  /**
   * Whether a file is kept under `rel`, without reading its bytes (a second copy of a home with
   * gigabytes of scans). Absent: `files.get` decides, and a damaged file is kept again.
   */
  hasFile?(rel: string): Promise<boolean>;
}

export async function loadItems(store: LoadTarget, items: AsyncIterable<StoreItem>): Promise<LoadCounts> {
  const added = emptyCounts();
  let pending: StoreItem[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    if (batch.length) await store.loadTx((t) => applyBatch(t, batch, added));
  };
  for await (const item of items) {
    if (item.type === 'profile') {
      if (!(await store.profile())) {
        await store.setProfile(item.profile);
        added.profile++;
      }
    } else if (item.type === 'override') {
      if (await store.addOverride(item.kind, item.name, item.content)) added.override++;
    } else if (item.type === 'file') {
      const have = store.hasFile ? await store.hasFile(item.rel) : Boolean(await store.files.get(item.rel).catch(() => undefined));
      if (!have) {
        await store.files.put(item.rel, item.bytes, { sha256: item.sha256, mediaType: 'application/octet-stream' });
        added.file++;
      }
    } else {
      pending.push(item);
      if (pending.length >= BATCH) await flush();
    }
  }
  await flush();
  return added;
}

async function applyBatch(t: LoadTx, items: StoreItem[], added: LoadCounts): Promise<void> {
  const codes = await t.heldCodes(items.flatMap((i) => (i.type === 'dossier' ? [i.dossier.code] : [])));
  const guidance = await t.heldGuidance(items.flatMap((i) => (i.type === 'guidance' ? [i.record.id] : [])));
  const drafts = new Set((await t.drafts()).map((d) => d.ref));
  /** Put an item whose id the store does not hold yet, once, and count it. */
  const once = async (seen: Set<string>, id: string, type: StoreItem['type'], put: () => Promise<void>) => {
    if (seen.has(id)) return;
    await put();
    seen.add(id);
    added[type]++;
  };
  for (const item of items) {
    switch (item.type) {
      case 'dossier':
        await once(codes, item.dossier.code, 'dossier', () => t.putCopied(item.dossier));
        break;
      case 'draft':
        await once(drafts, item.draft.ref, 'draft', () => t.putDraft(item.draft));
        break;
      case 'guidance':
        await once(guidance, item.record.id, 'guidance', () => t.putGuidance(item.record));
        break;
      case 'outbox':
        if ((await t.outbox(item.entry.kind, { ids: [item.entry.id] })).length === 0) {
          await t.putOutbox(item.entry);
          added.outbox++;
        }
        break;
      case 'counter':
        if (await t.raiseTo(item.counter, item.key, item.value)) added.counter++;
        break;
      case 'meta':
        if ((await t.meta(item.key)) === undefined) {
          await t.setMeta(item.key, item.value);
          added.meta++;
        }
        break;
    }
  }
}

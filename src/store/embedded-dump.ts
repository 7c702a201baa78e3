import type { EmbeddedStore } from './embedded.js';
import { PENDING_GUIDANCE } from './embedded-guidance.js';
import { type LoadCounts, loadItems } from './load.js';
import type { StoreItem } from './port.js';

export { emptyCounts } from './load.js';

export const OVERRIDE_DIRS = { procedure: 'procedures', calendar: 'calendar' } as const;

/** Hold the store lock while a generator runs (released when it ends or is abandoned). */
async function holdLock(store: EmbeddedStore): Promise<() => Promise<void>> {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  let acquired!: () => void;
  const got = new Promise<void>((r) => (acquired = r));
  const held = store.withLock(async () => {
    acquired();
    await done;
  });
  await Promise.race([got, held]);
  return async () => {
    release();
    await held;
  };
}

/** The whole home as one consistent snapshot, taken under the store lock. */
export async function* dumpHome(store: EmbeddedStore): AsyncIterable<StoreItem> {
  const unlock = await holdLock(store);
  try {
    const db = await store.lowdb.read();
    const profile = await store.profile();
    if (profile) yield { type: 'profile', profile };
    for (const kind of Object.keys(OVERRIDE_DIRS) as (keyof typeof OVERRIDE_DIRS)[]) {
      for (const o of await store.overrides(kind)) yield { type: 'override', kind, ...o };
    }
    for (const [key, value] of Object.entries(db.sequences)) yield { type: 'counter', counter: 'sequence', key, value };
    for (const [key, value] of Object.entries(db.registers)) yield { type: 'counter', counter: 'register', key, value };
    for (const [key, value] of Object.entries(db.meta)) if (key !== PENDING_GUIDANCE) yield { type: 'meta', key, value }; // pending guidance: as records below
    const seen = new Set<string>();
    for await (const d of store.archived()) {
      if (db.dossiers[d.code] || seen.has(d.code)) continue;
      seen.add(d.code);
      yield { type: 'dossier', dossier: d, archived: true };
    }
    for (const d of Object.values(db.dossiers)) yield { type: 'dossier', dossier: d, archived: false };
    for (const d of await store.drafts()) yield { type: 'draft', draft: d };
    for (const e of [...(await store.outbox('portal')), ...(await store.outbox('notify'))]) yield { type: 'outbox', entry: e };
    for (const g of await store.guidance()) yield { type: 'guidance', record: g };
    for await (const f of store.files.list()) {
      const bytes = await store.files.get(f.rel, f.sha256);
      if (bytes) yield { type: 'file', ...f, bytes };
    }
  } finally {
    await unlock();
  }
}

/** Add what the home does not have yet; a second load of the same items adds nothing. */
export async function loadInto(store: EmbeddedStore, items: AsyncIterable<StoreItem>): Promise<LoadCounts> {
  // what the home holds already, read once (a look-up per archived dossier would read a shard each)
  const known = { codes: new Set((await store.openDossiers()).map((d) => d.code)), guidance: new Set((await store.guidance()).map((g) => g.id)) };
  for await (const d of store.archived()) known.codes.add(d.code);
  return loadItems(
    {
      loadTx: (fn) => store.loadTx(fn, known),
      profile: () => store.profile(),
      setProfile: (p) => store.setProfile(p),
      addOverride: async (kind, name, content) => {
        if ((await store.overrides(kind)).some((o) => o.name === name)) return false;
        await store.setOverride(kind, name, content);
        return true;
      },
      files: store.files,
    },
    items,
  );
}

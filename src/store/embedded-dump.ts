import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { EmbeddedStore } from './embedded.js';
import { PENDING_GUIDANCE } from './embedded-guidance.js';
import { writeFileAtomic } from './files.js';
import type { StoreItem, StoreTx } from './port.js';
import type { CounterKind } from './records.js';

const OVERRIDE_DIRS = { procedure: 'procedures', calendar: 'calendar' } as const;
const BATCH = 1000;

export function emptyCounts(): Record<StoreItem['type'], number> {
  return { dossier: 0, draft: 0, outbox: 0, counter: 0, meta: 0, guidance: 0, profile: 0, override: 0, file: 0 };
}

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
    for (const [kind, dir] of Object.entries(OVERRIDE_DIRS) as [keyof typeof OVERRIDE_DIRS, string][]) {
      const names = (await fsp.readdir(path.join(store.home, dir)).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
      for (const name of names) yield { type: 'override', kind, name, content: JSON.parse(await fsp.readFile(path.join(store.home, dir, name), 'utf8')) };
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
export async function loadInto(store: EmbeddedStore, items: AsyncIterable<StoreItem>): Promise<Record<StoreItem['type'], number>> {
  const added = emptyCounts();
  // what the home holds already, read once (a look-up per archived dossier would read a shard each)
  const known = { codes: new Set((await store.openDossiers()).map((d) => d.code)), guidance: new Set((await store.guidance()).map((g) => g.id)) };
  for await (const d of store.archived()) known.codes.add(d.code);
  let pending: StoreItem[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    if (batch.length) await store.tx((t) => applyBatch(t, batch, added, known));
  };
  for await (const item of items) {
    if (item.type === 'profile') {
      if (!(await store.profile())) {
        await store.setProfile(item.profile);
        added.profile++;
      }
    } else if (item.type === 'override') {
      const file = path.join(store.home, OVERRIDE_DIRS[item.kind], path.basename(item.name));
      if (!(await fsp.stat(file).catch(() => undefined))) {
        await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        await writeFileAtomic(file, `${JSON.stringify(item.content, null, 2)}\n`);
        added.override++;
      }
    } else if (item.type === 'file') {
      const have = await store.files.get(item.rel).catch(() => undefined);
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

async function applyBatch(t: StoreTx, items: StoreItem[], added: Record<StoreItem['type'], number>, known: { codes: Set<string>; guidance: Set<string> }): Promise<void> {
  const counters = new Map<string, { counter: CounterKind; key: string; value: number }>();
  const drafts = new Set((await t.drafts()).map((d) => d.ref));
  for (const item of items) {
    switch (item.type) {
      case 'dossier':
        if (!known.codes.has(item.dossier.code)) {
          await t.putDossier(item.dossier);
          known.codes.add(item.dossier.code);
          added.dossier++;
        }
        break;
      case 'draft':
        if (!drafts.has(item.draft.ref)) {
          await t.putDraft(item.draft);
          drafts.add(item.draft.ref);
          added.draft++;
        }
        break;
      case 'outbox':
        if ((await t.outbox(item.entry.kind, { ids: [item.entry.id] })).length === 0) {
          await t.putOutbox(item.entry);
          added.outbox++;
        }
        break;
      case 'counter':
        counters.set(`${item.counter}:${item.key}`, item);
        break;
      case 'meta':
        if ((await t.meta(item.key)) === undefined) {
          await t.setMeta(item.key, item.value);
          added.meta++;
        }
        break;
      case 'guidance':
        if (!known.guidance.has(item.record.id)) {
          await t.putGuidance(item.record);
          known.guidance.add(item.record.id);
          added.guidance++;
        }
        break;
    }
  }
  for (const c of counters.values()) {
    await t.raiseNumber(c.counter, c.key, c.value);
    added.counter++;
  }
}

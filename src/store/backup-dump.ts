import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { toVnIso } from '../domain/time.js';
import type { Dossier } from '../domain/dossier/types.js';
import { GovDeskError, usageError } from '../errors.js';
import { recordedMismatches } from '../scan/recorded.js';
import { type BackupResult, cleanStaleStaging, inBackupStaging, makeStaging, type Manifest, noSpace, sha256File, writeArchive } from './backup.js';
import { readBackup } from './backup-read.js';
import { restoreFailed } from './backup-problems.js';
import { scrubConfig } from './backup-layout.js';
import { type Difference, loadChecked } from './copy.js';
import { EmbeddedStore } from './embedded.js';
import { ensureDir, FILE_MODE } from './files.js';
import { above, type Counters } from './high-water.js';
import type { Store, StoreItem } from './port.js';
import type { RestoreResult } from './restore.js';

/**
 * Backups of a store through the port (issue 14): on a desk of a centre, `backup` writes the
 * database's consistent snapshot (`store.dump()`) as an archive of the same kind as the embedded
 * backup: a gzipped tar whose first entry is the checksum manifest (`format: 'store-dump'`,
 * schemaVersion 3), then `store-dump.ndjson` (one item a line) and every kept file under its
 * home-relative path; encrypted exactly like the embedded backup (backup-crypto.ts). `restore`
 * checks the archive completely (backup-read.ts) and loads it into the store (`store.load`): an
 * empty database, or with --force a database that already holds data, which then only gains what
 * it lacks (nothing in it is overwritten or removed; counters never go down). A one-PC backup can
 * be restored into the database the same way (its home is read through EmbeddedStore).
 */
export const DUMP_ITEMS = 'store-dump.ndjson';
export const DUMP_FORMAT = 'store-dump';

export function isDumpManifest(m: Manifest): boolean {
  return m.schemaVersion === 3 && m.format === DUMP_FORMAT;
}

/** The profile without its secrets (the notify and portal fields of the embedded config.json). */
function scrubProfile(item: Extract<StoreItem, { type: 'profile' }>): { item: StoreItem; removed: string[] } {
  const s = scrubConfig(JSON.stringify(item.profile));
  return { item: s.removed.length ? { type: 'profile', profile: JSON.parse(s.text) } : item, removed: s.removed };
}

/** `backup` of a store that is not a home folder: its snapshot as an archive (see the module comment). */
export async function createDumpBackup(store: Store, home: string, toDir: string, now: Date, opts: { passphrase?: string } = {}): Promise<BackupResult> {
  await ensureDir(home);
  const encrypted = opts.passphrase !== undefined;
  return inBackupStaging(home, toDir, async ({ dir, tree, tmp }) => {
    const files: Manifest['files'] = [];
    const found = new Map<string, string>();
    const dossiers: Dossier[] = [];
    const counters: Counters = { sequences: {}, registers: {} };
    let removed: string[] = [];
    const lines = await fsp.open(path.join(tree, DUMP_ITEMS), 'wx', FILE_MODE);
    try {
      for await (let item of store.dump()) {
        if (item.type === 'file') {
          const abs = path.join(tree, ...item.rel.split('/'));
          if (path.relative(tree, abs).startsWith('..') || item.rel.split('/').includes('..')) throw new Error(`unsafe stored path: ${item.rel}`);
          await ensureDir(path.dirname(abs));
          await fsp.writeFile(abs, item.bytes, { mode: FILE_MODE, flag: 'wx' });
          const sha256 = createHash('sha256').update(item.bytes).digest('hex');
          files.push({ path: item.rel, size: item.bytes.length, sha256 });
          found.set(item.rel, sha256);
          continue;
        }
        if (item.type === 'profile' && !encrypted) ({ item, removed } = scrubProfile(item));
        if (item.type === 'dossier') dossiers.push(item.dossier);
        if (item.type === 'counter') counters[item.counter === 'sequence' ? 'sequences' : 'registers'][item.key] = item.value;
        await lines.write(`${JSON.stringify(item)}\n`);
      }
      await lines.sync();
    } catch (e) {
      noSpace(dir)(e);
    } finally {
      await lines.close();
    }
    const itemsAbs = path.join(tree, DUMP_ITEMS);
    files.unshift({ path: DUMP_ITEMS, size: (await fsp.stat(itemsAbs)).size, sha256: await sha256File(itemsAbs) });
    const manifest: Manifest = {
      schemaVersion: 3,
      kind: 'gov-desk-backup',
      format: DUMP_FORMAT,
      store: store.kind,
      createdAt: toVnIso(now),
      files,
      secrets: encrypted ? 'included' : 'excluded',
      removedFromConfig: removed,
      secretFilesLeftOut: [],
      counters,
      damaged: recordedMismatches(dossiers, found),
    };
    const file = await writeArchive(tree, manifest, files.map((f) => f.path), { dir, tmp, now, passphrase: opts.passphrase });
    const bytes = files.reduce((a, f) => a + f.size, 0);
    return { file, files: files.length, bytes, encrypted, secrets: manifest.secrets!, removedFromConfig: removed, secretFilesLeftOut: [], damaged: manifest.damaged! };
  });
}

/** The items of an extracted dump archive, files read back from the tree (their hashes were checked on extraction). */
async function* dumpItems(tree: string, manifest: Manifest): AsyncIterable<StoreItem> {
  const rl = createInterface({ input: createReadStream(path.join(tree, DUMP_ITEMS), 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) yield JSON.parse(line) as StoreItem;
  for (const f of manifest.files) {
    if (f.path === DUMP_ITEMS) continue;
    yield { type: 'file', rel: f.path, sha256: f.sha256, size: f.size, bytes: await fsp.readFile(path.join(tree, ...f.path.split('/'))) };
  }
}

/** Whether a store holds any dossier, draft or outbox entry (a profile alone is not data: `init` writes it). */
export async function holdsData(store: Store): Promise<boolean> {
  if ((await store.openDossiers()).length > 0 || (await store.archiveYears()).length > 0) return true;
  if ((await store.drafts()).length > 0) return true;
  return (await store.outbox('portal')).length > 0 || (await store.outbox('notify')).length > 0;
}

async function countersOf(items: AsyncIterable<StoreItem>): Promise<Counters> {
  const c: Counters = { sequences: {}, registers: {} };
  for await (const item of items) if (item.type === 'counter') c[item.counter === 'sequence' ? 'sequences' : 'registers'][item.key] = item.value;
  return c;
}

/** `differences`: backup items the store holds otherwise (another citizen's dossier under the same code, ...), left as the store has them. */
export type DumpRestoreResult = RestoreResult & { added: Record<StoreItem['type'], number>; differences: Difference[] };

/**
 * `restore` on a store reached through the port (the centre's database): check the archive
 * completely in a private staging folder (nothing changes if that fails), refuse a store that holds
 * data unless `force`, then load it. Counters end at least as high as both the backup's and the
 * store's (the codes citizens already hold are never issued again).
 */
export async function restoreIntoStore(store: Store, home: string, file: string, o: { passphrase: () => Promise<string>; force: boolean }): Promise<DumpRestoreResult> {
  await ensureDir(home);
  await cleanStaleStaging(home);
  const staging = await makeStaging(home, 'restore');
  try {
    const b = await readBackup(file, staging, o.passphrase);
    const nonEmpty = await holdsData(store);
    if (nonEmpty && !o.force) throw needsForce(store.location);
    const dump = isDumpManifest(b.manifest);
    const items = dump ? dumpItems(b.tree, b.manifest) : new EmbeddedStore(b.tree, store.desk).dump();
    const backupCounters = b.manifest.counters ?? { sequences: {}, registers: {} };
    let checked: Awaited<ReturnType<typeof loadChecked>>;
    try {
      checked = await loadChecked(store, items);
    } catch (e) {
      if (e instanceof GovDeskError) throw e;
      throw restoreFailed(e);
    }
    // numbers issued after the backup (a store that held data): kept, listed for the operator
    const countersKept = nonEmpty ? above(await countersOf(store.dump()), backupCounters) : [];
    const damaged = dump ? recordedMismatches((await collectDossiers(b.tree, b.manifest)), new Map(b.manifest.files.map((f) => [f.path, f.sha256]))) : b.damaged;
    return {
      files: b.manifest.files.length,
      keptAt: null,
      encrypted: b.encrypted,
      secrets: b.encrypted ? 'included' : 'excluded',
      secretsLeftOut: [...(b.manifest.secretFilesLeftOut ?? []), ...(b.manifest.removedFromConfig ?? []).map((f) => `config.json: ${f}`)],
      countersKept,
      damaged,
      added: checked.added,
      differences: checked.differences,
    };
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
  }
}

async function collectDossiers(tree: string, manifest: Manifest): Promise<Dossier[]> {
  const out: Dossier[] = [];
  for await (const item of dumpItems(tree, { ...manifest, files: [] })) if (item.type === 'dossier') out.push(item.dossier);
  return out;
}

function needsForce(location: string) {
  return usageError('RESTORE_NEEDS_FORCE', { vi: 'Cơ sở dữ liệu {db} đang có dữ liệu.', en: 'The database {db} already holds data.' }, {
    vars: { db: location },
    hint: {
      vi: 'Thêm --force để thêm vào đó những gì bản sao lưu có mà cơ sở dữ liệu chưa có (không ghi đè, không xóa gì; số đã cấp không bị cấp lại).',
      en: 'Add --force to add what the backup has and the database lacks (nothing is overwritten or removed; numbers already issued are not issued again).',
    },
  });
}

/** An archive of a centre's database given to a one-PC desk's `restore`: refused, nothing changed. */
export function dumpOnHome(file: string) {
  return usageError('RESTORE_DATABASE_BACKUP', {
    vi: '{file} là bản sao lưu cơ sở dữ liệu dùng chung của trung tâm, không phải của một máy. Không có gì bị thay đổi.',
    en: '{file} is a backup of a centre’s shared database, not of one PC. Nothing was changed.',
  }, {
    vars: { file },
    hint: { vi: 'Khôi phục nó trên một bàn đã cấu hình cơ sở dữ liệu (GOV_DESK_DATABASE_URL); xem docs/multi-desk.md.', en: 'Restore it on a desk configured with the database (GOV_DESK_DATABASE_URL); see docs/multi-desk.md.' },
  });
}

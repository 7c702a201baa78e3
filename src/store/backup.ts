import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { failure } from '../errors.js';
import { toVnIso } from '../domain/time.js';
import type { Dossier } from '../domain/dossier/types.js';
import { type FileProblem, recordedMismatches } from '../scan/recorded.js';
import { classify, derived, growing, linkable, MANIFEST, scrubConfig, walk } from './backup-layout.js';
import { encryptStream } from './backup-crypto.js';
import { ensureDir, FILE_MODE } from './files.js';
import type { Counters } from './high-water.js';
import { LowdbRepository } from './lowdb-store.js';
import { withLock } from './lock.js';

export { MANIFEST };

export interface Manifest {
  /** 1: gov-desk before issue 13 (no secrets field); 2: this format; 3: a store's snapshot (`format`, backup-dump.ts). */
  schemaVersion: 1 | 2 | 3;
  /** `store-dump`: the items of a store's dump and its files (a centre's database), not a home folder. */
  format?: 'store-dump';
  /** The kind of store the snapshot was taken from. */
  store?: 'embedded' | 'postgres';
  kind: 'gov-desk-backup';
  createdAt: string;
  files: { path: string; size: number; sha256: string }[];
  /** `excluded`: an unencrypted backup (no `secrets/`, secret fields of config.json removed). */
  secrets?: 'excluded' | 'included';
  removedFromConfig?: string[];
  /** Secret files of the home left out of this unencrypted backup (names only). */
  secretFilesLeftOut?: string[];
  /** The snapshot's counters (what a restore of it would continue from). */
  counters?: Counters;
  /** Stored files that did not match their recorded SHA-256 when the backup was made. */
  damaged?: FileProblem[];
}

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

const LINK_UNSUPPORTED = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS']);

/** A private staging folder of this process, `<parent>/.<kind>-<pid>-<random>` (0700). */
export function makeStaging(parent: string, kind: 'backup' | 'restore' | 'verify'): Promise<string> {
  return fsp.mkdtemp(path.join(parent, `.${kind}-${process.pid}-`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Staging folders left by a killed backup, restore or check (their process is gone) are removed. */
export async function cleanStaleStaging(home: string): Promise<void> {
  for (const name of await fsp.readdir(home).catch(() => [] as string[])) {
    const m = /^\.(?:backup|restore|verify)-(\d+)-/.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    await fsp.rm(path.join(home, name), { recursive: true, force: true });
  }
}

/**
 * Under the store lock, and short: hard links of the files that are only ever replaced by a rename
 * (database, scans, documents), the lengths of the append-only archive shards, copies of the small
 * settings. No file content is read here except the settings.
 */
async function snapshot(home: string, tree: string, withSecrets: boolean): Promise<{ rels: string[]; grow: { rel: string; size: number }[]; removed: string[]; secretsLeftOut: string[] }> {
  const rels: string[] = [];
  const secretsLeftOut: string[] = [];
  for (const name of (await fsp.readdir(home)).sort()) {
    const c = classify(name);
    if (c === 'data' || (c === 'secret' && withSecrets)) await walk(home, name, rels);
    else if (c === 'secret') await walk(home, name, secretsLeftOut);
  }
  for (let i = rels.length - 1; i >= 0; i--) if (derived(rels[i]!)) rels.splice(i, 1);
  const grow: { rel: string; size: number }[] = [];
  const inodes = new Set<string>();
  let removed: string[] = [];
  for (const rel of rels) {
    const from = path.join(home, ...rel.split('/'));
    const to = path.join(tree, ...rel.split('/'));
    await ensureDir(path.dirname(to));
    if (rel === 'config.json' && !withSecrets) {
      const s = scrubConfig(await fsp.readFile(from, 'utf8'));
      removed = s.removed;
      await fsp.writeFile(to, s.text, { mode: FILE_MODE, flag: 'wx' });
      continue;
    }
    const st = await fsp.stat(from);
    const key = `${st.dev}:${st.ino}`;
    // two names of one inode (a crash between the .bak link and the rename) would become a tar link;
    // on Windows removing a link to a read-only file clears the attribute of the original: copied
    const readOnlyOnWindows = process.platform === 'win32' && (st.mode & 0o200) === 0;
    if ((linkable(rel) || growing(rel)) && !inodes.has(key) && !readOnlyOnWindows) {
      inodes.add(key);
      const linked = await fsp.link(from, to).then(
        () => true,
        (e: NodeJS.ErrnoException) => {
          if (LINK_UNSUPPORTED.has(e.code ?? '')) return false;
          throw e;
        },
      );
      if (linked) {
        if (growing(rel)) grow.push({ rel, size: st.size });
        continue;
      }
    }
    await fsp.copyFile(from, to);
  }
  return { rels, grow, removed, secretsLeftOut };
}

/** An append-only shard: keep exactly the bytes it had under the lock. */
async function cutToLength(abs: string, size: number): Promise<void> {
  const tmp = `${abs}.cut`;
  const src = await fsp.open(abs, 'r');
  const dst = await fsp.open(tmp, 'wx', FILE_MODE);
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let pos = 0; pos < size; ) {
      const { bytesRead } = await src.read(buf, 0, Math.min(buf.length, size - pos), pos);
      if (bytesRead === 0) break;
      await dst.write(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
  } finally {
    await src.close();
    await dst.close();
  }
  await fsp.rename(tmp, abs); // replaces the link, not the home's file
}

async function snapshotDossiers(tree: string): Promise<{ dossiers: Dossier[]; counters: Counters }> {
  if (!(await fsp.stat(path.join(tree, 'db', 'active.json')).catch(() => undefined))) return { dossiers: [], counters: { sequences: {}, registers: {} } };
  const repo = new LowdbRepository(tree);
  const db = await repo.read();
  const dossiers = Object.values(db.dossiers);
  for await (const d of repo.archived()) dossiers.push(d);
  return { dossiers, counters: { sequences: db.sequences, registers: db.registers } };
}

function stampOf(now: Date): string {
  return toVnIso(now).replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * Put the finished temporary file under a name no other backup has: a hard link fails when the
 * name exists (two backups in the same second get `-2`, `-3`, ...); where links are not possible
 * (FAT drives) the name is checked, then renamed.
 */
async function publish(tmp: string, dir: string, stamp: string, ext: string): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const file = path.join(dir, `gov-desk-backup-${stamp}${n > 1 ? `-${n}` : ''}${ext}`);
    try {
      await fsp.link(tmp, file);
      await fsp.rm(tmp, { force: true });
      return file;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') continue;
      if (!LINK_UNSUPPORTED.has(code)) throw e;
      if (await fsp.lstat(file).catch(() => undefined)) continue;
      await fsp.rename(tmp, file);
      return file;
    }
  }
  throw failure('BACKUP_NO_NAME', { vi: 'Không còn tên trống cho bản sao lưu trong {dir} (đã có 999 bản cùng giây).', en: 'No free backup name left in {dir} (999 backups in the same second).' }, { vars: { dir } });
}

/** A full drive is a clear failure (the partial file is removed by the caller's finally). */
export function noSpace(dir: string) {
  return (e: unknown): never => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw failure('BACKUP_NO_SPACE', { vi: 'Ổ chứa {dir} đã đầy: bản sao lưu chưa được ghi (tệp dở đã xóa).', en: 'The drive of {dir} is full: the backup was not written (the partial file was removed).' }, {
        vars: { dir },
        hint: { vi: 'Giải phóng chỗ hoặc dùng ổ khác rồi chạy lại.', en: 'Free some space or use another drive, then run it again.' },
      });
    }
    throw e;
  };
}

/**
 * The manifest into the staged tree, then the tree packed (manifest first), encrypted when there is a
 * passphrase, written 0600 to the hidden temporary file and published under a new name.
 */
export async function writeArchive(tree: string, manifest: Manifest, rels: readonly string[], o: { dir: string; tmp: string; now: Date; passphrase: string | undefined }): Promise<string> {
  const tar = await import('tar');
  await fsp.writeFile(path.join(tree, MANIFEST), JSON.stringify(manifest, null, 2), { mode: FILE_MODE, flag: 'wx' });
  const packed = tar.create({ gzip: true, cwd: tree, portable: true }, [MANIFEST, ...rels]) as unknown as AsyncIterable<Buffer>;
  const body = o.passphrase !== undefined ? encryptStream(packed, o.passphrase) : packed;
  const fh = await fsp.open(o.tmp, 'wx', FILE_MODE);
  try {
    for await (const chunk of body) await fh.write(chunk);
    await fh.sync();
  } catch (e) {
    noSpace(o.dir)(e);
  } finally {
    await fh.close();
  }
  return publish(o.tmp, o.dir, stampOf(o.now), o.passphrase !== undefined ? '.tar.gz.enc' : '.tar.gz').catch(noSpace(o.dir));
}

export interface BackupResult {
  file: string;
  files: number;
  bytes: number;
  encrypted: boolean;
  secrets: 'excluded' | 'included';
  removedFromConfig: string[];
  secretFilesLeftOut: string[];
  damaged: FileProblem[];
}

/**
 * One gzipped tar with a checksum manifest, optionally encrypted. The store lock is held only for
 * the snapshot (see `snapshot`); hashing, checking and packing run without it, so the desk keeps
 * working during a long backup. The archive is 0600 from its first byte, written under a hidden
 * temporary name, published under a new name, and removed when anything fails.
 */
export function createBackup(home: string, toDir: string, now: Date, opts: { passphrase?: string } = {}): Promise<BackupResult> {
  const encrypted = opts.passphrase !== undefined;
  return inBackupStaging(home, toDir, async ({ dir, tree, tmp }) => {
    const snap = await withLock(home, '.store', () => snapshot(home, tree, encrypted));
    for (const g of snap.grow) await cutToLength(path.join(tree, ...g.rel.split('/')), g.size);
    const manifest: Manifest = { schemaVersion: 2, kind: 'gov-desk-backup', createdAt: toVnIso(now), files: [], secrets: encrypted ? 'included' : 'excluded', removedFromConfig: snap.removed, secretFilesLeftOut: snap.secretsLeftOut };
    const found = new Map<string, string>();
    let bytes = 0;
    for (const rel of snap.rels) {
      const abs = path.join(tree, ...rel.split('/'));
      const { size } = await fsp.stat(abs);
      const sha256 = await sha256File(abs);
      bytes += size;
      found.set(rel, sha256);
      manifest.files.push({ path: rel, size, sha256 });
    }
    const { dossiers, counters } = await snapshotDossiers(tree);
    manifest.counters = counters;
    manifest.damaged = recordedMismatches(dossiers, found);
    const file = await writeArchive(tree, manifest, snap.rels, { dir, tmp, now, passphrase: opts.passphrase });
    return { file, files: snap.rels.length, bytes, encrypted, secrets: manifest.secrets!, removedFromConfig: snap.removed, secretFilesLeftOut: snap.secretsLeftOut, damaged: manifest.damaged };
  });
}

/**
 * A backup's private staging tree in the home and the hidden temporary name of the archive in the
 * destination; both removed when `fn` ends, whatever happened.
 */
export async function inBackupStaging<T>(home: string, toDir: string, fn: (s: { dir: string; tree: string; tmp: string }) => Promise<T>): Promise<T> {
  const dir = path.resolve(toDir);
  await ensureDir(dir);
  await cleanStaleStaging(home);
  const staging = await makeStaging(home, 'backup');
  const tree = path.join(staging, 'tree');
  const tmp = path.join(dir, `.gov-desk-backup-${process.pid}-${randomBytes(6).toString('hex')}.partial`);
  try {
    await ensureDir(tree);
    return await fn({ dir, tree, tmp });
  } finally {
    await fsp.rm(tmp, { force: true });
    await fsp.rm(staging, { recursive: true, force: true });
  }
}

import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { failure, usageError } from '../errors.js';
import { toVnIso } from '../domain/time.js';
import { ensureDir, FILE_MODE } from './files.js';
import { LowdbRepository } from './lowdb-store.js';
import { withLock } from './lock.js';

/** What a backup holds: the whole home except locks, temporary files and earlier restore leftovers. */
const ENTRIES = ['config.json', 'db', 'attachments', 'documents', 'procedures', 'calendar', 'outbox'];
const MANIFEST = 'gov-desk-backup.json';

export interface Manifest {
  schemaVersion: 1;
  kind: 'gov-desk-backup';
  createdAt: string;
  files: { path: string; size: number; sha256: string }[];
}

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function walk(root: string, rel: string, out: string[]): Promise<void> {
  const abs = path.join(root, rel);
  let st;
  try {
    st = await fsp.lstat(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (st.isDirectory()) {
    for (const name of (await fsp.readdir(abs)).sort()) {
      if (name.endsWith('.tmp') || name.endsWith('.lock')) continue;
      await walk(root, path.join(rel, name), out);
    }
  } else if (st.isFile()) {
    out.push(rel);
  }
}

/** A consistent snapshot, taken under the store lock, as one gzipped tar with a checksum manifest. */
export async function createBackup(home: string, toDir: string, now: Date): Promise<{ file: string; files: number; bytes: number }> {
  const tar = await import('tar');
  await ensureDir(toDir);
  const stamp = toVnIso(now).replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const file = path.join(path.resolve(toDir), `gov-desk-backup-${stamp}.tar.gz`);
  return withLock(home, '.store', async () => {
    const rels: string[] = [];
    for (const e of ENTRIES) await walk(home, e, rels);
    const manifest: Manifest = { schemaVersion: 1, kind: 'gov-desk-backup', createdAt: toVnIso(now), files: [] };
    let bytes = 0;
    for (const rel of rels) {
      const abs = path.join(home, rel);
      const { size } = await fsp.stat(abs);
      bytes += size;
      manifest.files.push({ path: rel.split(path.sep).join('/'), size, sha256: await sha256(abs) });
    }
    const manifestPath = path.join(home, MANIFEST);
    await fsp.writeFile(manifestPath, JSON.stringify(manifest, null, 2), { mode: FILE_MODE });
    const tmp = `${file}.tmp`;
    try {
      await tar.create({ gzip: true, file: tmp, cwd: home, portable: true }, [MANIFEST, ...rels.map((r) => r.split(path.sep).join('/'))]);
      await fsp.chmod(tmp, FILE_MODE);
      await fsp.rename(tmp, file);
    } finally {
      await fsp.rm(manifestPath, { force: true });
      await fsp.rm(tmp, { force: true });
    }
    return { file, files: rels.length, bytes };
  });
}

function badBackup(file: string, detail: string) {
  return usageError('BACKUP_INVALID', { vi: 'Bản sao lưu {file} không hợp lệ: {detail}. Không có gì bị thay đổi.', en: 'Backup {file} is not valid: {detail}. Nothing was changed.' }, { vars: { file, detail } });
}

/** Extract into a fresh folder and check every file against the manifest. */
export async function verifyBackup(file: string, intoDir: string): Promise<Manifest> {
  const tar = await import('tar');
  await ensureDir(intoDir);
  try {
    // the whole gzip stream first (its CRC is checked at the very end, and a late zlib error could
    // otherwise surface after tar has finished); then the entries
    const { pipeline } = await import('node:stream/promises');
    const { createGunzip } = await import('node:zlib');
    const { Writable } = await import('node:stream');
    await pipeline(createReadStream(file), createGunzip(), new Writable({ write: (_c, _e, cb) => cb() }));
    await tar.extract({ file, cwd: intoDir, strict: true, preservePaths: false });
  } catch (e) {
    throw badBackup(file, (e as Error).message);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await fsp.readFile(path.join(intoDir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    throw badBackup(file, `${MANIFEST} missing`);
  }
  if (manifest.kind !== 'gov-desk-backup' || manifest.schemaVersion !== 1 || !Array.isArray(manifest.files)) throw badBackup(file, 'unknown manifest');
  for (const f of manifest.files) {
    if (f.path.includes('..') || path.isAbsolute(f.path)) throw badBackup(file, `unsafe path ${f.path}`);
    const abs = path.join(intoDir, f.path);
    const st = await fsp.stat(abs).catch(() => undefined);
    if (!st) throw badBackup(file, `${f.path} missing`);
    if (st.size !== f.size || (await sha256(abs)) !== f.sha256) throw badBackup(file, `${f.path} checksum mismatch`);
  }
  // the database inside must be readable by this version
  await new LowdbRepository(intoDir).read().catch((e: unknown) => {
    throw badBackup(file, e instanceof Error ? e.message : String(e));
  });
  return manifest;
}

/**
 * Restore: verify first (nothing changes if that fails), then under the lock swap each top-level
 * entry; the replaced data is kept in `<home>/.pre-restore-<time>/`.
 */
/** Extracted folders come with the archive's modes: put the owner-only modes back (design §5). */
async function restrictTree(p: string): Promise<void> {
  const st = await fsp.lstat(p);
  if (st.isDirectory()) {
    await fsp.chmod(p, 0o700);
    for (const name of await fsp.readdir(p)) await restrictTree(path.join(p, name));
  } else if (st.isFile()) {
    await fsp.chmod(p, (st.mode & 0o200) === 0 ? 0o400 : FILE_MODE);
  }
}

export async function restoreBackup(home: string, file: string, now: Date): Promise<{ files: number; keptAt: string | null }> {
  const st = await fsp.stat(file).catch(() => undefined);
  if (!st?.isFile()) throw usageError('FILE_MISSING', { vi: 'Không tìm thấy tệp {file}.', en: 'File not found: {file}.' }, { vars: { file } });
  await ensureDir(home);
  const stamp = toVnIso(now).replace(/[-:+]/g, '').slice(0, 15);
  const staging = path.join(home, `.restore-${stamp}-${process.pid}`);
  const keptAt = path.join(home, `.pre-restore-${stamp}`);
  try {
    // anything that goes wrong before the swap means the backup is not usable: exit 2, nothing changed
    const manifest = await verifyBackup(file, staging).catch((e: unknown) => {
      throw e instanceof Error && 'kind' in e ? e : badBackup(file, e instanceof Error ? e.message : String(e));
    });
    let kept = false;
    await withLock(home, '.store', async () => {
      for (const e of ENTRIES) {
        const cur = path.join(home, e);
        if (await fsp.stat(cur).catch(() => undefined)) {
          await ensureDir(keptAt);
          await fsp.rename(cur, path.join(keptAt, e));
          kept = true;
        }
        const next = path.join(staging, e);
        if (await fsp.stat(next).catch(() => undefined)) {
          await fsp.rename(next, cur);
          await restrictTree(cur);
        }
      }
    });
    return { files: manifest.files.length, keptAt: kept ? keptAt : null };
  } catch (e) {
    if ((e as { code?: string }).code === 'BACKUP_INVALID') throw e;
    if (e instanceof Error && 'kind' in e) throw e;
    throw failure('RESTORE_FAILED', { vi: 'Khôi phục thất bại: {detail}', en: 'Restore failed: {detail}' }, { vars: { detail: (e as Error).message } });
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
  }
}

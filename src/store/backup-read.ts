import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { GovDeskError, usageError } from '../errors.js';
import type { Dossier } from '../domain/dossier/types.js';
import { type FileProblem, recordedMismatches } from '../scan/recorded.js';
import type { Manifest } from './backup.js';
import { decryptFile, isEncrypted } from './backup-crypto.js';
import { badBackup, restoreFailed, unreadable } from './backup-problems.js';
import { classify, MANIFEST } from './backup-layout.js';
import { ensureDir, FILE_MODE } from './files.js';
import { LowdbRepository } from './lowdb-store.js';

/** A relative archive path that stays inside the folder it is extracted to, or undefined. */
export function safeRel(p: string): string | undefined {
  if (!p || p.includes('\0') || p.includes('\\') || p.startsWith('/') || /^[A-Za-z]:/.test(p)) return undefined;
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.length === 0 || parts.includes('..')) return undefined;
  return parts.join('/');
}

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const MAX_MANIFEST = 64 * 1024 * 1024;

function readManifest(text: string, file: string, encrypted: boolean): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(text) as Manifest;
  } catch {
    throw badBackup(file, 'manifest-not-json', { entry: MANIFEST });
  }
  if (m?.kind !== 'gov-desk-backup' || (m.schemaVersion !== 1 && m.schemaVersion !== 2 && !(m.schemaVersion === 3 && m.format === 'store-dump')) || !Array.isArray(m.files)) throw badBackup(file, 'manifest-unknown');
  const seen = new Set<string>();
  for (const f of m.files) {
    const rel = typeof f?.path === 'string' ? safeRel(f.path) : undefined;
    if (!rel || rel !== f.path || rel === MANIFEST) throw badBackup(file, 'unsafe-path', { entry: String(f?.path) });
    if (typeof f.size !== 'number' || typeof f.sha256 !== 'string') throw badBackup(file, 'no-size-or-checksum', { entry: rel });
    if (seen.has(rel)) throw badBackup(file, 'listed-twice', { entry: rel });
    seen.add(rel);
    const c = classify(rel.split('/')[0]!);
    if (c === 'left-out') throw badBackup(file, 'does-not-belong', { entry: rel });
    if (c === 'secret' && !encrypted) throw badBackup(file, 'secrets-in-clear', { entry: rel });
  }
  return m;
}

/**
 * Read the archive entry by entry into `tree`: only regular files, only paths that stay inside,
 * only what the manifest (the first entry) lists, each written 0600 without overwriting and hashed
 * on the way; then nothing listed may be missing. Links, devices and escaping paths are an invalid
 * backup. A failure to write (disk full) is a failure, not an invalid backup.
 */
async function extractChecked(archive: string, shownAs: string, tree: string, encrypted: boolean): Promise<{ manifest: Manifest; found: Map<string, string> }> {
  const tar = await import('tar');
  let manifest: Manifest | undefined;
  let listed = new Map<string, { size: number; sha256: string }>();
  const found = new Map<string, string>();
  let problem: Error | undefined;
  // one entry after the other: the manifest is known before the first file is judged
  let chain: Promise<void> = Promise.resolve();
  const refuse = (e: Error) => {
    problem ??= e;
  };
  const handle = async (e: import('tar').ReadEntry): Promise<void> => {
    if (problem) return void e.resume();
    if (e.type === 'Directory') return void e.resume();
    if (!FILE_TYPES.has(e.type)) {
      e.resume();
      return refuse(e.type === 'Link' || e.type === 'SymbolicLink' ? badBackup(shownAs, 'link-not-allowed', { entry: e.path }) : badBackup(shownAs, 'entry-type', { entry: e.path, type: e.type }));
    }
    const rel = safeRel(e.path);
    if (!rel) {
      e.resume();
      return refuse(badBackup(shownAs, 'path-escapes', { entry: e.path }));
    }
    if (rel === MANIFEST) {
      if (manifest) return refuse(badBackup(shownAs, 'entry-twice', { entry: MANIFEST }));
      if ((e.size ?? 0) > MAX_MANIFEST) return refuse(badBackup(shownAs, 'manifest-too-large', { entry: MANIFEST }));
      const chunks: Buffer[] = [];
      for await (const c of e as AsyncIterable<Buffer>) chunks.push(c);
      try {
        manifest = readManifest(Buffer.concat(chunks).toString('utf8'), shownAs, encrypted);
        listed = new Map(manifest.files.map((f) => [f.path, f]));
      } catch (err) {
        refuse(err as Error);
      }
      return;
    }
    const want = listed.get(rel);
    if (!manifest || !want || found.has(rel) || e.size !== want.size) {
      e.resume();
      return refuse(!manifest ? badBackup(shownAs, 'manifest-not-first', { entry: MANIFEST }) : badBackup(shownAs, !want ? 'not-in-manifest' : found.has(rel) ? 'entry-twice' : 'size-differs', { entry: rel }));
    }
    const abs = path.join(tree, ...rel.split('/'));
    const h = createHash('sha256');
    try {
      await ensureDir(path.dirname(abs));
      const out = await fsp.open(abs, 'wx', FILE_MODE);
      await pipeline(
        e as unknown as AsyncIterable<Buffer>,
        async function* (src: AsyncIterable<Buffer>) {
          for await (const c of src) {
            h.update(c);
            yield c;
          }
        },
        out.createWriteStream(),
      );
    } catch (err) {
      throw restoreFailed(err, abs);
    }
    const sha = h.digest('hex');
    found.set(rel, sha);
    if (sha !== want.sha256) refuse(badBackup(shownAs, 'checksum-mismatch', { entry: rel }));
  };
  // Once the parser has ended or failed, late entries are drained unread, and every handler that
  // started is awaited before returning: the caller removes the staging tree right after, and a
  // write still under way there made that removal fail (ENOTEMPTY) under load.
  let settled = false;
  const drain = async () => {
    for (let c = chain; ; c = chain) {
      await c.catch(() => undefined);
      if (c === chain) return;
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const parser = new tar.Parser({ strict: true });
      parser.on('entry', (e: import('tar').ReadEntry) => {
        if (settled) return void e.resume();
        e.pause();
        chain = chain.then(() => handle(e));
        chain.catch(() => undefined);
      });
      parser.on('error', reject);
      parser.on('close', () => resolve());
      const src = createReadStream(archive);
      src.on('error', reject);
      src.pipe(parser as unknown as NodeJS.WritableStream);
    }).finally(() => {
      settled = true;
    });
    await chain;
  } catch (e) {
    settled = true;
    await drain();
    if (e instanceof GovDeskError) throw e;
    throw unreadable(shownAs, 'archive-unreadable', e);
  }
  if (problem) throw problem;
  if (!manifest) throw badBackup(shownAs, 'manifest-missing', { entry: MANIFEST });
  for (const f of manifest.files) if (!found.has(f.path)) throw badBackup(shownAs, 'file-missing', { entry: f.path });
  return { manifest, found };
}

export interface ReadBackup {
  manifest: Manifest;
  encrypted: boolean;
  /** Stored scans and result documents that do not match their recorded SHA-256. */
  damaged: FileProblem[];
  tree: string;
}

/**
 * Check a backup completely inside `staging` (a private folder the caller removes): decrypt and
 * authenticate it when it is encrypted, extract what the manifest lists with every hash checked,
 * read its database with this version, compare the stored files with their records.
 */
export async function requireFile(file: string): Promise<void> {
  const st = await fsp.stat(file).catch(() => undefined);
  if (!st?.isFile()) throw usageError('FILE_MISSING', { vi: 'Không tìm thấy tệp {file}.', en: 'File not found: {file}.' }, { vars: { file } });
}

export async function readBackup(file: string, staging: string, passphrase: () => Promise<string>): Promise<ReadBackup> {
  await requireFile(file);
  const encrypted = await isEncrypted(file);
  let archive = file;
  if (encrypted) {
    archive = path.join(staging, 'backup.tar.gz');
    await decryptFile(file, await passphrase(), archive);
  }
  const tree = path.join(staging, 'tree');
  await ensureDir(tree);
  const { manifest, found } = await extractChecked(archive, file, tree, encrypted);
  const dossiers: Dossier[] = [];
  if (found.has('db/active.json')) {
    const repo = new LowdbRepository(tree);
    try {
      dossiers.push(...Object.values((await repo.read()).dossiers));
      for await (const d of repo.archived()) dossiers.push(d);
    } catch (e) {
      throw unreadable(file, 'database-unreadable', e);
    }
  }
  return { manifest, encrypted, damaged: recordedMismatches(dossiers, found), tree };
}

import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { stripDiacritics } from '../domain/text.js';
import { FILE_MODE, writeFileAtomic } from '../store/files.js';
import { hashPrefix, sha256Hex } from './hash.js';

/**
 * Stored copies of scans: `<home>/attachments/<dossier code>/<component>/<sha256 prefix>-<name>.pdf`,
 * read-only (0400) in owner-only folders (0700). A copy is written to a temporary file, flushed,
 * made read-only, then renamed into place: a reader never sees half a file. The dossier event that
 * records a copy is written afterwards (see the scan-import handler), so a crash can leave a stored
 * file without an event (harmless, removed by a later import) but never an event without its file.
 */
export const ATTACHMENTS_DIR = 'attachments';
/** `attachments/<code>/detached/`: scans taken back with `scan-import --detach`, kept for audit. */
export const DETACHED_DIR = 'detached';
/** Folders of a dossier that are not scan components: never swept as orphans. */
const NOT_COMPONENTS = new Set([DETACHED_DIR, 'result']);
export const STORED_MODE = 0o400;
/** Orphans younger than this may belong to an import still running in another process. */
export const ORPHAN_AGE_MS = 60 * 60 * 1000;

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A dossier code or component id is safe as one folder name (no separators, no `..`). */
export function isSafeSegment(s: string): boolean {
  return SEGMENT.test(s) && !s.includes('..');
}

/** `Tờ khai (bản 2).JPG` → `to-khai-ban-2`: ASCII, lower case, at most 60 characters. */
export function safeName(sourceName: string): string {
  const base = sourceName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const s = stripDiacritics(base.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'scan';
}

export function attachmentRel(code: string, component: string, sha256: string, sourceName: string): string {
  if (!isSafeSegment(code) || !isSafeSegment(component)) throw new Error(`unsafe attachment path segment: ${code}/${component}`);
  return [ATTACHMENTS_DIR, code, component, `${hashPrefix(sha256)}-${safeName(sourceName)}.pdf`].join('/');
}

/** The absolute path of a stored copy from the relative path kept in the event. */
export function attachmentPath(home: string, rel: string): string {
  return path.join(home, ...rel.split('/'));
}

async function sameContent(file: string, sha256: string): Promise<boolean> {
  try {
    return sha256Hex(await fsp.readFile(file)) === sha256;
  } catch {
    return false;
  }
}

/**
 * Store one PDF. Returns the relative path; `existed` when an identical copy was already there
 * (re-import after a crash, or an orphan being adopted).
 */
export async function storeAttachment(home: string, rel: string, bytes: Uint8Array, sha256: string): Promise<{ rel: string; abs: string; existed: boolean }> {
  const abs = attachmentPath(home, rel);
  if (await sameContent(abs, sha256)) return { rel, abs, existed: true };
  // a different file under the same name (practically impossible: the name holds 48 bits of the
  // hash); Windows cannot rename over a read-only file, so it goes first
  await removeReadOnly(abs);
  await writeFileAtomic(abs, bytes, { mode: STORED_MODE });
  return { rel, abs, existed: false };
}

async function removeReadOnly(file: string): Promise<void> {
  await fsp.chmod(file, FILE_MODE).catch(() => undefined); // Windows refuses to delete read-only files
  await fsp.rm(file, { force: true });
}

/** Remove a stored copy that no event refers to (used when recording failed). */
export async function discardAttachment(home: string, rel: string): Promise<void> {
  await removeReadOnly(attachmentPath(home, rel));
}


/**
 * Delete files of a dossier's attachment folder that no event records and that are older than
 * `minAgeMs` (younger ones may belong to an import that has not recorded its event yet).
 * Returns the relative paths removed.
 */
export async function cleanOrphans(home: string, code: string, referenced: ReadonlySet<string>, nowMs: number, minAgeMs = ORPHAN_AGE_MS): Promise<string[]> {
  if (!isSafeSegment(code)) return [];
  const root = path.join(home, ATTACHMENTS_DIR, code);
  const removed: string[] = [];
  let comps: string[];
  try {
    comps = await fsp.readdir(root);
  } catch {
    return removed;
  }
  for (const comp of comps) {
    if (NOT_COMPONENTS.has(comp)) continue; // detached scans and result documents are kept
    let names: string[];
    try {
      names = await fsp.readdir(path.join(root, comp));
    } catch {
      continue;
    }
    for (const name of names) {
      const rel = [ATTACHMENTS_DIR, code, comp, name].join('/');
      if (referenced.has(rel)) continue;
      const abs = attachmentPath(home, rel);
      const st = await fsp.lstat(abs).catch(() => undefined);
      if (!st?.isFile() || nowMs - st.mtimeMs < minAgeMs) continue;
      await removeReadOnly(abs).then(() => removed.push(rel), () => undefined);
    }
  }
  return removed;
}

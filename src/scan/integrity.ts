import { promises as fsp } from 'node:fs';
import type { Dossier } from '../domain/dossier/types.js';
import { failure } from '../errors.js';
import type { FileStore } from '../store/port.js';
import { scannedFiles } from './coverage.js';
import { sha256Hex } from './hash.js';
import { attachmentPath } from './store.js';

/**
 * Every file a dossier's history records (scans and result documents), and the check of a stored
 * copy against the SHA-256 recorded when it was stored. `show` reports a damaged file, `submit`
 * refuses to upload it, and a scan-import never treats a recorded file as an orphan.
 */
export interface RecordedFile {
  kind: 'scan' | 'result';
  /** Relative to GOV_DESK_HOME, forward slashes. */
  path: string;
  sha256: string;
  /** The component (scans) or the document's name (results). */
  label: string;
}

export type FileProblem = 'missing' | 'changed';

/**
 * Where kept files are read: the store's files (`store.files`), or, for callers not yet on the
 * port, the home folder itself (deprecated: the same files as the embedded store's).
 */
export type FileSource = Pick<FileStore, 'get'> | string;

async function readKept(from: FileSource, rel: string): Promise<Buffer | undefined> {
  if (typeof from !== 'string') return from.get(rel);
  try {
    return await fsp.readFile(attachmentPath(from, rel));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Result documents recorded by `result --approved --document …`. */
export function resultDocuments(d: Pick<Dossier, 'events'>): { path: string; name: string; sha256: string }[] {
  const e = [...d.events].reverse().find((x) => x.type === 'result-recorded');
  const docs = (e?.data as { documents?: unknown } | undefined)?.documents;
  return Array.isArray(docs) ? (docs as { path: string; name: string; sha256: string }[]).filter((x) => typeof x?.path === 'string' && typeof x.sha256 === 'string') : [];
}

export function recordedFiles(d: Pick<Dossier, 'events'>): RecordedFile[] {
  const out: RecordedFile[] = scannedFiles(d).map((f) => ({ kind: 'scan', path: f.file.path, sha256: f.file.sha256, label: f.component }));
  for (const e of d.events) {
    if (e.type !== 'result-recorded') continue;
    const docs = (e.data as { documents?: unknown } | undefined)?.documents;
    if (!Array.isArray(docs)) continue;
    for (const x of docs as { path?: unknown; sha256?: unknown; name?: unknown }[]) {
      if (typeof x?.path === 'string' && typeof x.sha256 === 'string') out.push({ kind: 'result', path: x.path, sha256: x.sha256, label: String(x.name ?? x.path) });
    }
  }
  return out;
}

/** What is wrong with a stored copy, or null when its bytes still hash to the recorded value. */
export async function checkStored(from: FileSource, f: Pick<RecordedFile, 'path' | 'sha256'>): Promise<{ problem: FileProblem } | { bytes: Buffer }> {
  // read without the recorded hash: a changed copy is reported as changed here, not thrown
  const bytes = await readKept(from, f.path);
  if (!bytes) return { problem: 'missing' };
  return sha256Hex(bytes) === f.sha256.toLowerCase() ? { bytes } : { problem: 'changed' };
}

/** The damaged files of a dossier (each recorded file read once). */
export async function damagedFiles(from: FileSource, d: Pick<Dossier, 'events'>): Promise<(RecordedFile & { problem: FileProblem })[]> {
  const out: (RecordedFile & { problem: FileProblem })[] = [];
  const seen = new Map<string, FileProblem | null>();
  for (const f of recordedFiles(d)) {
    const key = `${f.path}\u0000${f.sha256}`;
    if (!seen.has(key)) {
      const r = await checkStored(from, f);
      seen.set(key, 'problem' in r ? r.problem : null);
    }
    const problem = seen.get(key);
    if (problem) out.push({ ...f, problem });
  }
  return out;
}

/** The bytes of a stored copy, verified; a missing or changed file is a failure (exit 1), never uploaded. */
export async function readVerified(from: FileSource, code: string, f: Pick<RecordedFile, 'path' | 'sha256'>): Promise<Buffer> {
  const r = await checkStored(from, f);
  if ('bytes' in r) return r.bytes;
  throw failure(
    'FILE_DAMAGED',
    r.problem === 'missing'
      ? { vi: 'Tệp {file} của hồ sơ {code} không còn trong thư mục dữ liệu: không gửi.', en: 'The file {file} of dossier {code} is missing from the data folder: not sent.' }
      : { vi: 'Tệp {file} của hồ sơ {code} đã bị thay đổi (SHA-256 khác với lúc lưu): không gửi như bản gốc.', en: 'The file {file} of dossier {code} has changed (its SHA-256 differs from the one recorded): not sent as the original.' },
    {
      vars: { file: f.path, code },
      details: { file: f.path, problem: r.problem },
      hint: { vi: 'Khôi phục tệp từ bản sao lưu hoặc quét lại giấy tờ (`gov-desk scan-import`), rồi `gov-desk outbox retry`.', en: 'Restore the file from a backup or scan the paper again (`gov-desk scan-import`), then `gov-desk outbox retry`.' },
    },
  );
}

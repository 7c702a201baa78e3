import type { Dossier } from '../domain/dossier/types.js';
import { scannedFiles } from './coverage.js';

/** A stored file with the SHA-256 recorded for it when it was stored. */
export interface RecordedFile {
  code: string;
  path: string;
  sha256: string;
  size: number | undefined;
}

/** Every stored scan (`scanned` events) and result document (`result-recorded`) of a dossier. Pure. */
export function recordedFiles(d: Dossier): RecordedFile[] {
  const out: RecordedFile[] = scannedFiles(d).map((r) => ({ code: d.code, path: r.file.path, sha256: r.file.sha256, size: r.file.size }));
  for (const e of d.events) {
    if (e.type !== 'result-recorded') continue;
    const docs = (e.data as { documents?: unknown } | undefined)?.documents;
    if (!Array.isArray(docs)) continue;
    for (const x of docs as { path?: unknown; sha256?: unknown; size?: unknown }[]) {
      if (typeof x?.path === 'string' && typeof x.sha256 === 'string') out.push({ code: d.code, path: x.path, sha256: x.sha256, size: typeof x.size === 'number' ? x.size : undefined });
    }
  }
  return out;
}

export interface FileProblem {
  code: string;
  path: string;
  problem: 'missing' | 'sha256';
}

/**
 * Compare the recorded SHA-256 of every stored file with the hash actually found (`found`: path →
 * sha256 of the file in the backup or the restored tree). Pure.
 */
export function recordedMismatches(dossiers: Iterable<Dossier>, found: Map<string, string>): FileProblem[] {
  const out: FileProblem[] = [];
  const seen = new Set<string>();
  for (const d of dossiers) {
    for (const f of recordedFiles(d)) {
      const k = `${f.code}\0${f.path}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const actual = found.get(f.path);
      if (actual === undefined) out.push({ code: f.code, path: f.path, problem: 'missing' });
      else if (actual !== f.sha256.toLowerCase()) out.push({ code: f.code, path: f.path, problem: 'sha256' });
    }
  }
  return out;
}

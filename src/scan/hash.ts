import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-256 of some bytes, lower-case hex (64 characters). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The prefix used in stored file names: short enough to read, long enough never to collide in one folder. */
export function hashPrefix(sha256: string): string {
  return sha256.slice(0, 12);
}

/** The outcome of checking a stored file against the SHA-256 (and size) recorded for it. */
export type StoredFileCheck =
  | { ok: true; size: number }
  | { ok: false; problem: 'missing' | 'unreadable' | 'size' | 'sha256'; detail: string };

/**
 * Check a stored file (scan, result document, backup entry) against its recorded SHA-256 and,
 * when given, its size. Streams the file, so a large scan does not have to fit in memory.
 * Never throws: a missing or unreadable file is a problem to report, like a changed one.
 */
export async function verifyStoredFile(abs: string, expected: { sha256: string; size?: number }): Promise<StoredFileCheck> {
  const h = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of createReadStream(abs) as AsyncIterable<Buffer>) {
      h.update(chunk);
      size += chunk.length;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, problem: 'missing', detail: 'missing' };
    return { ok: false, problem: 'unreadable', detail: code ?? (e as Error).message };
  }
  if (expected.size !== undefined && size !== expected.size) return { ok: false, problem: 'size', detail: `size ${size} ≠ ${expected.size}` };
  const actual = h.digest('hex');
  if (actual !== expected.sha256.toLowerCase()) return { ok: false, problem: 'sha256', detail: `sha256 ${actual.slice(0, 12)}… ≠ ${expected.sha256.slice(0, 12)}…` };
  return { ok: true, size };
}

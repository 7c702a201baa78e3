import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Dossier } from '../domain/dossier/types.js';
import { ensureDir, FILE_MODE, writeError } from './files.js';
import { CURRENT_SCHEMA_VERSION } from './version.js';

/**
 * Closed dossiers live in yearly archive folders (by date of receipt), one file per month, one JSON
 * line per dossier after a header line. Archiving appends: the cost of a write does not grow with
 * the archive, and a look-up reads one month. A later line for the same code wins (a crash between
 * the archive append and the active-file write leaves the dossier in both; the active copy is
 * authoritative and the next archive move appends again).
 */
export function archivePath(dbDir: string, year: number, month: number): string {
  return path.join(dbDir, 'archive', String(year), `${year}-${String(month).padStart(2, '0')}.ndjson`);
}

/** The code must be the first key: findInArchive looks for `{"code":…,` at the start of a line. */
function codeFirst(d: Dossier): Dossier {
  const { code, ...rest } = d;
  return { code, ...rest };
}

/** Year and month of receipt, from the stored local time stamp. */
export function receiptMonth(d: Pick<Dossier, 'receivedAt'>): { year: number; month: number } {
  return { year: Number(d.receivedAt.slice(0, 4)), month: Number(d.receivedAt.slice(5, 7)) };
}

export async function appendToArchive(dbDir: string, dossiers: Dossier[]): Promise<void> {
  const groups = new Map<string, Dossier[]>();
  for (const d of dossiers) {
    const { year, month } = receiptMonth(d);
    const file = archivePath(dbDir, year, month);
    groups.set(file, [...(groups.get(file) ?? []), d]);
  }
  for (const [file, list] of groups) await appendLines(file, list);
}

async function appendLines(file: string, dossiers: Dossier[]): Promise<void> {
  let fh: Awaited<ReturnType<typeof fsp.open>> | undefined;
  let size = 0;
  try {
    await ensureDir(path.dirname(file));
    fh = await fsp.open(file, 'a+', FILE_MODE);
    size = (await fh.stat()).size;
    let prefix = '';
    if (size === 0) {
      prefix = `${JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, kind: 'gov-desk-archive' })}\n`;
    } else {
      const last = Buffer.alloc(1);
      await fh.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n'; // a torn last line from a crash: start clean
    }
    await fh.appendFile(prefix + dossiers.map((d) => JSON.stringify(codeFirst(d))).join('\n') + '\n');
    await fh.sync();
  } catch (e) {
    // a full disk part-way through: cut the shard back to where it was (no torn line left behind)
    if (fh) await fh.truncate(size).catch(() => undefined);
    throw writeError(e, file);
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

export async function archiveYears(dbDir: string): Promise<number[]> {
  return (await listDir(path.join(dbDir, 'archive')))
    .filter((n) => /^\d{4}$/.test(n))
    .map(Number)
    .sort((a, b) => a - b);
}

/** The month files of a year's archive, oldest first. */
export function archiveShards(dbDir: string, year: number): Promise<string[]> {
  return monthFiles(dbDir, year);
}

async function monthFiles(dbDir: string, year: number): Promise<string[]> {
  const dir = path.join(dbDir, 'archive', String(year));
  return (await listDir(dir))
    .filter((n) => /^\d{4}-\d{2}\.ndjson$/.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function findInText(text: string, code: string): Dossier | undefined {
  const needle = `{"code":${JSON.stringify(code)},`;
  let found: Dossier | undefined;
  let from = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0) break;
    const end = text.indexOf('\n', at);
    try {
      found = JSON.parse(text.slice(at, end < 0 ? undefined : end)) as Dossier; // the last complete copy wins
    } catch {
      // torn line from a crash: skip
    }
    from = at + needle.length;
  }
  return found;
}

/** Find one dossier: first in the month its code names, then anywhere (codes are opaque in principle). */
export async function findInArchive(dbDir: string, code: string, hint?: { year: number; month: number }): Promise<Dossier | undefined> {
  if (hint) {
    const text = await readIfExists(archivePath(dbDir, hint.year, hint.month));
    const d = text === undefined ? undefined : findInText(text, code);
    if (d) return d;
  }
  for (const year of (await archiveYears(dbDir)).reverse()) {
    for (const file of (await monthFiles(dbDir, year)).reverse()) {
      if (hint && file === archivePath(dbDir, hint.year, hint.month)) continue;
      const text = await readIfExists(file);
      const d = text === undefined ? undefined : findInText(text, code);
      if (d) return d;
    }
  }
  return undefined;
}

/** Every dossier of a year's archive (the last copy of each code). */
export async function readArchive(dbDir: string, year: number): Promise<Dossier[]> {
  const byCode = new Map<string, Dossier>();
  for (const file of await monthFiles(dbDir, year)) {
    const lines = ((await readIfExists(file)) ?? '').split('\n');
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line) continue;
      try {
        const d = JSON.parse(line) as Dossier;
        byCode.set(d.code, d);
      } catch {
        // torn line: skip
      }
    }
  }
  return [...byCode.values()];
}

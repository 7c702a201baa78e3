import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Dossier } from '../domain/dossier/types.js';
import { ensureDir, FILE_MODE } from './files.js';
import { CURRENT_SCHEMA_VERSION } from './schema.js';

/**
 * Closed dossiers live in yearly archive files (by year of receipt), one JSON line per dossier after
 * a header line. Archiving appends: the cost of a write does not grow with the archive. A later
 * line for the same code wins (a crash between the archive append and the active-file write leaves
 * the dossier in both; the active copy is authoritative and the next archive move appends again).
 */
export function archivePath(dbDir: string, year: number): string {
  return path.join(dbDir, 'archive', `${year}.ndjson`);
}

export async function appendToArchive(dbDir: string, year: number, dossiers: Dossier[]): Promise<void> {
  if (dossiers.length === 0) return;
  const file = archivePath(dbDir, year);
  await ensureDir(path.dirname(file));
  const fh = await fsp.open(file, 'a+', FILE_MODE);
  try {
    const { size } = await fh.stat();
    let prefix = '';
    if (size === 0) {
      prefix = `${JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, kind: 'gov-desk-archive', year })}\n`;
    } else {
      const last = Buffer.alloc(1);
      await fh.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n'; // a torn last line from a crash: start clean
    }
    await fh.appendFile(prefix + dossiers.map((d) => JSON.stringify(codeFirst(d))).join('\n') + '\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** The code must be the first key: findInArchive looks for `{"code":…,` at the start of a line. */
function codeFirst(d: Dossier): Dossier {
  const { code, ...rest } = d;
  return { code, ...rest };
}

export async function archiveYears(dbDir: string): Promise<number[]> {
  try {
    const names = await fsp.readdir(path.join(dbDir, 'archive'));
    return names
      .map((n) => /^(\d{4})\.ndjson$/.exec(n)?.[1])
      .filter((y): y is string => y !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Find one dossier in a year's archive without parsing the other lines. */
export async function findInArchive(dbDir: string, year: number, code: string): Promise<Dossier | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(archivePath(dbDir, year), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const needle = `{"code":${JSON.stringify(code)},`;
  let found: Dossier | undefined;
  let from = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0) break;
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? undefined : end);
    try {
      found = JSON.parse(line) as Dossier; // the last complete copy wins
    } catch {
      // torn line from a crash: skip
    }
    from = at + needle.length;
  }
  return found;
}

/** Every dossier of a year's archive (the last copy of each code). */
export async function readArchive(dbDir: string, year: number): Promise<Dossier[]> {
  let text: string;
  try {
    text = await fsp.readFile(archivePath(dbDir, year), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const byCode = new Map<string, Dossier>();
  const lines = text.split('\n');
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
  return [...byCode.values()];
}

import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Dossier } from '../domain/dossier/types.js';
import { decodeUtf8Strict, ensureDir, FILE_MODE, writeError } from './files.js';
import { dossierLooksValid } from './fast-check.js';
import { CURRENT_SCHEMA_VERSION } from './version.js';
import { appendPeople, PEOPLE_DIR } from './people-index.js';

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

/**
 * The people index first (src/store/people-index.ts), then the shards: a failed write of the
 * first shard takes the index lines back (a later one leaves them: an earlier shard has them), and
 * a kill in between leaves the index with more than the archive, never less.
 */
export async function appendToArchive(dbDir: string, dossiers: Dossier[]): Promise<void> {
  if (dossiers.length === 0) return;
  const undoPeople = await appendPeople(path.join(dbDir, PEOPLE_DIR), dossiers);
  const groups = new Map<string, Dossier[]>();
  for (const d of dossiers) {
    const { year, month } = receiptMonth(d);
    const file = archivePath(dbDir, year, month);
    groups.set(file, [...(groups.get(file) ?? []), d]);
  }
  let written = 0;
  try {
    for (const [file, list] of groups) {
      await appendLines(file, list);
      written++;
    }
  } catch (e) {
    if (written === 0) await undoPeople(); // no shard has them: the index stays exact
    throw e;
  }
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

/**
 * A damaged archive line or shard, reported (never skipped in silence: issue 13 §5). `superseded`:
 * a later complete copy of the same dossier follows in the same shard (a line torn by a crash
 * during an append, written again by the next one), so nothing is missing.
 */
export interface ArchiveProblem {
  file: string;
  /** 1-based line number; null for the whole shard. */
  line: number | null;
  problem: 'invalid-utf8' | 'invalid-json' | 'invalid-record' | 'header' | 'unreadable';
  /** The dossier code the damaged line seems to hold, when it can be read. */
  code: string | null;
  superseded: boolean;
}

/** `raw`: for a line that is not UTF-8, its bytes as Latin-1, only to read the (ASCII) dossier code. */
type ShardLine = { no: number; text: string | null; raw?: string };

/** The lines of a shard; a line that is not valid UTF-8 has `text: null` (never U+FFFD in its place). */
function shardLines(bytes: Buffer, file: string): ShardLine[] {
  try {
    return decodeUtf8Strict(bytes, file).split('\n').map((text, i) => ({ no: i + 1, text }));
  } catch {
    const out: ShardLine[] = [];
    let from = 0;
    for (let no = 1; from <= bytes.length; no++) {
      const nl = bytes.indexOf(0x0a, from);
      const end = nl < 0 ? bytes.length : nl;
      const slice = bytes.subarray(from, end);
      try {
        out.push({ no, text: decodeUtf8Strict(slice, file) });
      } catch {
        out.push({ no, text: null, raw: slice.toString('latin1') });
      }
      from = end + 1;
    }
    return out;
  }
}

async function readShardBytes(file: string, problems?: ArchiveProblem[]): Promise<Buffer | undefined> {
  try {
    return await fsp.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (!problems) throw e;
    problems.push({ file, line: null, problem: 'unreadable', code: null, superseded: false });
    return undefined;
  }
}

const CODE_AT_START = /^\{"code":("(?:[^"\\]|\\.)*")/;
function codeOf(line: string | null): string | null {
  const m = line === null ? null : CODE_AT_START.exec(line);
  if (!m) return null;
  try {
    return JSON.parse(m[1]!) as string;
  } catch {
    return null;
  }
}

function headerOk(line: string | null | undefined): boolean {
  if (!line) return false;
  try {
    const h = JSON.parse(line) as { kind?: unknown; schemaVersion?: unknown };
    return h.kind === 'gov-desk-archive' && h.schemaVersion === CURRENT_SCHEMA_VERSION;
  } catch {
    return false;
  }
}

/**
 * Read one shard completely: every line parsed and checked (the dossiers, last copy per code wins)
 * and every damaged line reported. Used by `list`, `ledger`, `report` and `doctor`.
 */
export async function readShard(file: string, problems: ArchiveProblem[]): Promise<Map<string, Dossier>> {
  const byCode = new Map<string, Dossier>();
  const bytes = await readShardBytes(file, problems);
  if (!bytes) return byCode;
  const lines = shardLines(bytes, file);
  if (!headerOk(lines[0]?.text)) problems.push({ file, line: 1, problem: lines[0]?.text === null ? 'invalid-utf8' : 'header', code: null, superseded: false });
  const damaged: { p: ArchiveProblem; index: number }[] = [];
  const lastGood = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const { no, text, raw } = lines[i]!;
    if (text === '') continue;
    let problem: ArchiveProblem['problem'] | undefined;
    if (text === null) problem = 'invalid-utf8';
    else {
      try {
        const d: unknown = JSON.parse(text);
        if (dossierLooksValid(d)) {
          byCode.set((d as Dossier).code, d as Dossier);
          lastGood.set((d as Dossier).code, i);
        } else problem = 'invalid-record';
      } catch {
        problem = 'invalid-json';
      }
    }
    if (problem) damaged.push({ p: { file, line: no, problem, code: codeOf(text ?? raw ?? null), superseded: false }, index: i });
  }
  for (const { p, index } of damaged) {
    p.superseded = p.code !== null && (lastGood.get(p.code) ?? -1) > index;
    problems.push(p);
  }
  return byCode;
}

/**
 * The fast look-up of one code in a shard's text (`show`): only the lines of that code are parsed;
 * every other line gets a cheap shape check, so a damaged line is still reported.
 */
function findInShard(file: string, bytes: Buffer, code: string, problems: ArchiveProblem[]): Dossier | undefined {
  const needle = `{"code":${JSON.stringify(code)},`;
  const lines = shardLines(bytes, file);
  let found: Dossier | undefined;
  let foundAt = -1;
  const damaged: { p: ArchiveProblem; index: number }[] = [];
  for (let i = 1; i < lines.length; i++) {
    const { no, text, raw } = lines[i]!;
    if (text === '') continue;
    if (text !== null && text.startsWith(needle)) {
      let d: unknown;
      try {
        d = JSON.parse(text);
      } catch {
        damaged.push({ p: { file, line: no, problem: 'invalid-json', code, superseded: false }, index: i });
        continue;
      }
      if (dossierLooksValid(d)) {
        found = d as Dossier; // the last complete copy wins
        foundAt = i;
      } else damaged.push({ p: { file, line: no, problem: 'invalid-record', code, superseded: false }, index: i });
    } else if (text === null || !text.startsWith('{"code":"') || !text.endsWith('}')) {
      damaged.push({ p: { file, line: no, problem: text === null ? 'invalid-utf8' : 'invalid-json', code: codeOf(text ?? raw ?? null), superseded: false }, index: i });
    }
  }
  for (const { p, index } of damaged) {
    p.superseded = p.code === code && foundAt > index;
    problems.push(p);
  }
  return found;
}

/** Find one dossier: first in the month its code names, then anywhere (codes are opaque in principle). */
export async function findInArchive(dbDir: string, code: string, hint?: { year: number; month: number }, problems: ArchiveProblem[] = []): Promise<Dossier | undefined> {
  const hinted = hint ? archivePath(dbDir, hint.year, hint.month) : undefined;
  if (hinted) {
    const bytes = await readShardBytes(hinted, problems);
    const d = bytes === undefined ? undefined : findInShard(hinted, bytes, code, problems);
    if (d) return d;
  }
  for (const year of (await archiveYears(dbDir)).reverse()) {
    for (const file of (await monthFiles(dbDir, year)).reverse()) {
      if (file === hinted) continue;
      const bytes = await readShardBytes(file, problems);
      const d = bytes === undefined ? undefined : findInShard(file, bytes, code, problems);
      if (d) return d;
    }
  }
  return undefined;
}

/** Every dossier of a year's archive (the last copy of each code); damaged lines go to `problems`. */
export async function readArchive(dbDir: string, year: number, problems: ArchiveProblem[] = []): Promise<Dossier[]> {
  const byCode = new Map<string, Dossier>();
  for (const file of await monthFiles(dbDir, year)) for (const [c, d] of await readShard(file, problems)) byCode.set(c, d);
  return [...byCode.values()];
}

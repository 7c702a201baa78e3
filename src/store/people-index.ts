import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Dossier } from '../domain/dossier/types.js';
import { type KnownPerson, peopleOf } from '../domain/identity-conflict.js';
import { decodeUtf8Strict, ensureDir, FILE_MODE, syncDir, writeError, writeFileAtomic } from './files.js';

/**
 * The people of the archived dossiers by ID number (issue 12's identity warning), so that an intake
 * reads one small file instead of the whole archive: `db/people/<last two digits>.ndjson`, one line
 * `{"id","name","birth","code"}` per person with an ID number (applicant, representative, parties,
 * as corrected). Derived data: rebuilt from the archive whenever in doubt, never in a backup.
 *
 * Guarantees (docs/architecture.md):
 * - `complete.json` is written only after a full build from the archive (into a hidden folder,
 *   renamed into place); while it is there, every archived person is in the index, because the
 *   store appends to the index *before* the archive shards (a crash in between leaves an extra line
 *   for a dossier that is still open, which readers drop: the active copy is authoritative).
 * - No marker (a home from before the index, a restore, a killed build) or a damaged line: readers
 *   fall back to the full archive scan, and the next write under the store lock rebuilds.
 */
export const PEOPLE_DIR = 'people';
const MARKER = 'complete.json';
const KIND = 'gov-desk-people-index';
const VERSION = 1;
/** Hidden build folders in db/: an orphan is from a killed rebuild. */
export const BUILD_PREFIX = '.people-build-';

export function peopleShardOf(id: string): string {
  const last = id.slice(-2);
  return /^\d\d$/.test(last) ? last : 'xx';
}

function lineOf(p: KnownPerson): string {
  return JSON.stringify({ id: p.personalId, name: p.fullName, birth: p.birthDate, code: p.code });
}

/**
 * Append the people of `dossiers` to the index in `dir` (db/people, or a build folder). Returns how
 * to take the lines back (the archive append that follows failed: the index stays exact).
 */
export async function appendPeople(dir: string, dossiers: Iterable<Dossier>): Promise<() => Promise<void>> {
  const groups = new Map<string, string[]>();
  for (const d of dossiers) {
    for (const p of peopleOf(d)) {
      const s = peopleShardOf(p.personalId);
      groups.set(s, [...(groups.get(s) ?? []), lineOf(p)]);
    }
  }
  const sizes: [string, number][] = [];
  const undo = async () => {
    for (const [f, size] of sizes) await fsp.truncate(f, size).catch(() => undefined);
  };
  try {
    for (const [s, lines] of groups) {
      const f = path.join(dir, `${s}.ndjson`);
      sizes.push([f, await appendLines(f, lines)]);
    }
  } catch (e) {
    await undo();
    throw e;
  }
  return undo;
}

/** Where the last complete line ends (a torn tail after it is from an append killed before its archive append). */
async function endOfLastLine(fh: fsp.FileHandle, size: number): Promise<number> {
  const buf = Buffer.alloc(4096);
  for (let end = size; end > 0; ) {
    const from = Math.max(0, end - buf.length);
    await fh.read(buf, 0, end - from, from);
    const nl = buf.subarray(0, end - from).lastIndexOf(0x0a);
    if (nl >= 0) return from + nl + 1;
    end = from;
  }
  return 0;
}

/** Returns the length the file had before (its torn tail cut). */
async function appendLines(file: string, lines: string[]): Promise<number> {
  let fh: fsp.FileHandle | undefined;
  let size = 0;
  try {
    await ensureDir(path.dirname(file));
    fh = await fsp.open(file, 'a+', FILE_MODE);
    size = (await fh.stat()).size;
    const keep = await endOfLastLine(fh, size);
    if (keep < size) await fh.truncate((size = keep));
    await fh.appendFile(`${lines.join('\n')}\n`);
    await fh.sync();
    if (size === 0) await syncDir(path.dirname(file));
    return size;
  } catch (e) {
    if (fh) await fh.truncate(size).catch(() => undefined);
    throw writeError(e, file);
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

async function readMarker(dbDir: string): Promise<string | undefined> {
  try {
    const m = JSON.parse(await fsp.readFile(path.join(dbDir, PEOPLE_DIR, MARKER), 'utf8')) as { kind?: unknown; schemaVersion?: unknown; build?: unknown };
    return m.kind === KIND && m.schemaVersion === VERSION && typeof m.build === 'string' ? m.build : undefined;
  } catch {
    return undefined;
  }
}

/** True when the index is complete (its marker is there). */
export async function peopleIndexComplete(dbDir: string): Promise<boolean> {
  return (await readMarker(dbDir)) !== undefined;
}

const isLine = (v: unknown): v is { id: string; name: string; birth: string | null; code: string } => {
  const o = v as Record<string, unknown> | null;
  return typeof o === 'object' && o !== null && typeof o.id === 'string' && typeof o.name === 'string' && typeof o.code === 'string' && (o.birth === null || typeof o.birth === 'string');
};

/**
 * The indexed people with one of these ID numbers: reads only their shards. Undefined when the
 * index is not complete or a shard is damaged (its marker is then removed so that the next write
 * rebuilds): the caller scans the archive instead. Safe without the lock: a rebuild that replaced
 * the index meanwhile changes the marker's build id, and the answer is not trusted.
 */
export async function lookupPeople(dbDir: string, ids: readonly string[]): Promise<KnownPerson[] | undefined> {
  const build = await readMarker(dbDir);
  if (!build) return undefined;
  const wanted = new Set(ids);
  const out = new Map<string, KnownPerson>();
  for (const s of new Set(ids.map(peopleShardOf))) {
    const file = path.join(dbDir, PEOPLE_DIR, `${s}.ndjson`);
    let lines: string[];
    try {
      lines = decodeUtf8Strict(await fsp.readFile(file), file).split('\n');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return inDoubt(dbDir, build);
    }
    const tail = lines.length - 1; // after the last newline: '' or a line torn by a kill
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] === '') continue;
      let v: unknown;
      try {
        v = JSON.parse(lines[i]!);
      } catch {
        v = undefined;
      }
      if (!isLine(v)) {
        if (i === tail) continue;
        return inDoubt(dbDir, build);
      }
      if (wanted.has(v.id)) out.set(lines[i]!, { code: v.code, personalId: v.id, fullName: v.name, birthDate: v.birth });
    }
  }
  if ((await readMarker(dbDir)) !== build) return undefined;
  return [...out.values()];
}

async function inDoubt(dbDir: string, build: string): Promise<undefined> {
  if ((await readMarker(dbDir)) === build) await fsp.rm(path.join(dbDir, PEOPLE_DIR, MARKER), { force: true }).catch(() => undefined);
  return undefined;
}

/**
 * Under the store lock: when the marker is missing, build the index from the archive into a hidden
 * folder, swap it in, and write the marker last. A kill at any point leaves no marker (or the old
 * complete index), and the build folder is removed by the next build.
 */
export async function ensurePeopleIndex(dbDir: string, archived: () => AsyncIterable<Dossier>): Promise<void> {
  if (await readMarker(dbDir)) return;
  await ensureDir(dbDir);
  for (const n of await fsp.readdir(dbDir)) if (n.startsWith(BUILD_PREFIX)) await fsp.rm(path.join(dbDir, n), { recursive: true, force: true });
  const tmp = await fsp.mkdtemp(path.join(dbDir, BUILD_PREFIX));
  try {
    let batch: Dossier[] = [];
    for await (const d of archived()) {
      batch.push(d);
      if (batch.length >= 5000) {
        await appendPeople(tmp, batch);
        batch = [];
      }
    }
    await appendPeople(tmp, batch);
    const dir = path.join(dbDir, PEOPLE_DIR);
    await fsp.rm(path.join(dir, MARKER), { force: true });
    await fsp.rm(dir, { recursive: true, force: true });
    await fsp.rename(tmp, dir);
    await writeFileAtomic(path.join(dir, MARKER), `${JSON.stringify({ schemaVersion: VERSION, kind: KIND, build: randomBytes(8).toString('hex') })}\n`);
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
}

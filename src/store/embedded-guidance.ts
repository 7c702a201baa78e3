import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { GuidanceRecord } from '../domain/guidance/types.js';
import { ensureDir, FILE_MODE, writeError } from './files.js';

/**
 * Guidance-desk records of the embedded store: `db/guidance.ndjson`. A transaction's new records are
 * kept in the active file (meta `PENDING_GUIDANCE`), so they commit atomically with the counter that
 * gave them their reference: a transaction that fails (disk full, a crash before the active file is
 * renamed) leaves no record behind and gives its number back (issue 17). The next transaction, under
 * the lock, appends them to the NDJSON file (flushed) and only then drops them from the active file;
 * a crash in between appends them twice, and a record written twice (same id) counts once, the last.
 * Readers merge the file and the pending records. A torn last line from a crash is skipped and the
 * next append starts on a new line.
 */
export const GUIDANCE_FILE = 'guidance.ndjson';
/** The active file's meta key of committed records not yet appended to the NDJSON file. */
export const PENDING_GUIDANCE = 'guidance.pending';

/** Move the committed records of earlier transactions from the active file to the NDJSON file. */
export async function flushPendingGuidance(dbDir: string, meta: Record<string, unknown>): Promise<void> {
  const pending = meta[PENDING_GUIDANCE];
  if (!Array.isArray(pending)) return;
  await appendGuidance(dbDir, pending as GuidanceRecord[]);
  delete meta[PENDING_GUIDANCE];
}

export async function appendGuidance(dbDir: string, records: readonly GuidanceRecord[]): Promise<void> {
  if (records.length === 0) return;
  const file = path.join(dbDir, GUIDANCE_FILE);
  let fh: Awaited<ReturnType<typeof fsp.open>> | undefined;
  let size = 0;
  try {
    await ensureDir(dbDir);
    fh = await fsp.open(file, 'a+', FILE_MODE);
    size = (await fh.stat()).size;
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await fh.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await fh.appendFile(`${prefix}${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    await fh.sync();
  } catch (e) {
    if (fh) await fh.truncate(size).catch(() => undefined);
    throw writeError(e, file);
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** Records whose `at` falls in [from, to] (ISO strings or YYYY-MM-DD days, both inclusive), oldest first. */
export async function readGuidance(dbDir: string, range: { from?: string; to?: string } = {}, pending: readonly GuidanceRecord[] = []): Promise<GuidanceRecord[]> {
  let text = '';
  try {
    text = await fsp.readFile(path.join(dbDir, GUIDANCE_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const byId = new Map<string, GuidanceRecord>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as GuidanceRecord;
      if (typeof r?.id === 'string' && typeof r.at === 'string') byId.set(r.id, r);
    } catch {
      // a torn line from a crash: its record was never acknowledged
    }
  }
  for (const r of pending) byId.set(r.id, r);
  return [...byId.values()].filter((r) => inRange(r.at, range)).sort((a, b) => a.at.localeCompare(b.at));
}

export function inRange(at: string, range: { from?: string; to?: string }): boolean {
  const day = at.slice(0, 10);
  if (range.from && (range.from.length === 10 ? day < range.from : at < range.from)) return false;
  if (range.to && (range.to.length === 10 ? day > range.to : at > range.to)) return false;
  return true;
}

import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { Low } from 'lowdb';
import { failure } from '../errors.js';
import { derive, isClosed } from '../domain/dossier/status.js';
import type { Dossier } from '../domain/dossier/types.js';
import { parseDossierCode } from '../domain/dossier/code.js';
import { type ArchiveProblem, appendToArchive, archiveShards, archiveYears, findInArchive, readArchive } from './archive.js';
import { exists, InvalidUtf8Error, isAtomicTemp, readUtf8StrictIfExists, writeFileAtomic } from './files.js';
import { withLock } from './lock.js';
import { raiseTo, readHighWater, recordHighWater } from './high-water.js';
import { migrate } from './migrations.js';
import type { Repository } from './repository.js';
import type { ActiveDb } from './schema.js';
import { CURRENT_SCHEMA_VERSION, emptyActiveDb } from './version.js';
import { activeDbLooksValid } from './fast-check.js';
import { ensurePeopleIndex, lookupPeople } from './people-index.js';
import type { KnownPerson } from '../domain/identity-conflict.js';

/**
 * lowdb adapter that validates on read and writes atomically with owner-only permissions.
 * (lowdb's presets are avoided on purpose: they switch to memory under NODE_ENV=test, design §5.)
 */
class ValidatedJsonFile implements Adapter<ActiveDb> {
  /**
   * `full`: validate every record with the schema (the write path: a file that fails is never
   * overwritten). Read-only commands check the version and the top-level shape only, which keeps
   * `show` and `list` fast on a busy desk; anything written has passed the full check.
   */
  constructor(private readonly file: string, private readonly full: boolean, private readonly isActive = true) {}

  async read(): Promise<ActiveDb | null> {
    let text: string | undefined;
    try {
      text = await readUtf8StrictIfExists(this.file);
    } catch (e) {
      if (e instanceof InvalidUtf8Error) throw damaged(this.file, 'invalid UTF-8');
      throw e;
    }
    if (text === undefined) {
      if (this.isActive) await refuseIfDataElsewhere(this.file);
      return null;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw damaged(this.file, (e as Error).message);
    }
    const m = migrate(raw);
    if (m.kind === 'newer') {
      throw failure('STORE_NEWER_VERSION', {
        vi: 'Tệp {path} do phiên bản gov-desk mới hơn tạo ra (lược đồ {version}); không đọc và không ghi đè.',
        en: '{path} was written by a newer gov-desk (schema {version}); it was neither read nor overwritten.',
      }, { vars: { path: this.file, version: m.version }, hint: { vi: 'Cập nhật gov-desk.', en: 'Update gov-desk.' } });
    }
    if (m.kind === 'unknown') throw damaged(this.file, 'missing or unknown schemaVersion');
    if (!this.full) {
      const data = m.data as Partial<ActiveDb>;
      const isObj = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
      if (!isObj(data.dossiers) || !isObj(data.drafts) || !isObj(data.sequences) || !Array.isArray(data.outbox)) throw damaged(this.file, 'top-level shape');
      return m.data as ActiveDb;
    }
    if (activeDbLooksValid(m.data, CURRENT_SCHEMA_VERSION)) return m.data as ActiveDb;
    // only now load zod: its message names the field that is wrong
    const { activeDbSchema } = await import('./schema.js');
    const parsed = activeDbSchema.safeParse(m.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw damaged(this.file, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }

  async write(data: ActiveDb): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(data)}\n`, { keepPrevious: true });
  }
}

/**
 * No active file: a fresh home starts empty, but a home that has a `.bak` or archived dossiers lost
 * its active file (deleted, or a restore gone wrong). Starting empty there would issue the day's
 * codes again from 0001 (issue 13 §4), so it is refused, naming what was found.
 */
async function refuseIfDataElsewhere(file: string): Promise<void> {
  const dbDir = path.dirname(file);
  const found: string[] = [];
  if (await exists(`${file}.bak`)) found.push(`${file}.bak`);
  for (const y of await archiveYears(dbDir)) {
    const shards = await archiveShards(dbDir, y);
    if (shards.length) {
      found.push(...shards.slice(0, 3), ...(shards.length > 3 ? ['…'] : []));
      break;
    }
  }
  if (found.length === 0) return;
  throw failure('STORE_ACTIVE_MISSING', {
    vi: 'Thiếu tệp dữ liệu {path}, nhưng còn dữ liệu của nơi làm việc này: {found}. gov-desk không tạo cơ sở dữ liệu trống (mã hồ sơ sẽ bắt đầu lại từ 0001).',
    en: 'The data file {path} is missing, but this home still holds data: {found}. gov-desk does not start an empty database (codes would restart at 0001).',
  }, {
    vars: { path: file, found: found.join(', ') },
    hint: {
      vi: 'Khôi phục bản sao lưu mới nhất (`gov-desk restore <tệp>`), hoặc chép {path}.bak thành {path} nếu có; rồi chạy `gov-desk doctor`.',
      en: 'Restore the latest backup (`gov-desk restore <file>`), or copy {path}.bak to {path} if it is there; then run `gov-desk doctor`.',
    },
  });
}

/**
 * Temporary files of a writer that was killed between creating and renaming them
 * (`.active.json.<pid>.<random>.tmp`). Called under the store lock: only the lock holder writes
 * the active file, so any such file left now is an orphan.
 */
async function removeStaleTemps(dbDir: string, base: string): Promise<void> {
  const names = await fsp.readdir(dbDir).catch(() => [] as string[]);
  for (const n of names) if (isAtomicTemp(n, base)) await fsp.rm(path.join(dbDir, n), { force: true }).catch(() => undefined);
}

function damaged(file: string, detail: string) {
  return failure('STORE_CORRUPT', {
    vi: 'Tệp dữ liệu {path} bị hỏng ({detail}). Tệp không bị ghi đè. Bản trước đó: {path}.bak',
    en: 'The data file {path} is damaged ({detail}). It was not overwritten. The previous version: {path}.bak',
  }, {
    vars: { path: file, detail },
    hint: { vi: 'Khôi phục bằng `gov-desk restore <bản sao lưu>` hoặc chép tệp .bak đè lên.', en: 'Restore with `gov-desk restore <backup>` or copy the .bak file over it.' },
  });
}

/**
 * Read and fully validate a database file (the active file or its `.bak`) without the lock and
 * without the "missing active file" rule: undefined when absent; throws STORE_CORRUPT,
 * STORE_NEWER_VERSION. Used by `gov-desk doctor`.
 */
export async function readDbFile(file: string): Promise<ActiveDb | undefined> {
  return (await new ValidatedJsonFile(file, true, false).read()) ?? undefined;
}

export class LowdbRepository implements Repository {
  readonly location: string;
  private readonly dbDir: string;
  private readonly activeFile: string;
  /** Damaged archive lines met by this repository's reads (issue 13 §5). */
  private readonly seen: ArchiveProblem[] = [];

  constructor(home: string, private readonly clock: () => Date = () => new Date()) {
    this.location = home;
    this.dbDir = path.join(home, 'db');
    this.activeFile = path.join(this.dbDir, 'active.json');
  }

  private async load(full: boolean): Promise<Low<ActiveDb>> {
    const low = new Low<ActiveDb>(new ValidatedJsonFile(this.activeFile, full), emptyActiveDb(this.clock().toISOString()));
    await low.read();
    return low;
  }

  async read(): Promise<ActiveDb> {
    return (await this.load(false)).data;
  }

  withLock<T>(fn: () => Promise<T>): Promise<T> {
    return withLock(this.location, '.store', fn);
  }

  async transact<T>(fn: (db: ActiveDb) => T | Promise<T>): Promise<T> {
    return withLock(this.location, '.store', async (lock) => {
      await removeStaleTemps(this.dbDir, path.basename(this.activeFile));
      const low = await this.load(true); // re-read and fully validate under the lock
      // counters never go below what this home has ever issued (a restore of an older backup)
      const floor = await readHighWater(this.location);
      raiseTo(low.data, floor);
      const result = await fn(low.data);
      const closed = Object.values(low.data.dossiers).filter((d) => isClosed(derive(d).status));
      // the people index of a home from before it (or after a restore, or in doubt): built once, here
      await ensurePeopleIndex(this.dbDir, () => this.scanArchive());
      // still ours? (a stalled process whose lock was taken over must not write beside the new holder)
      await lock.assertHeld();
      // Archive first, then drop from the active file: a crash in between duplicates, never loses.
      await appendToArchive(this.dbDir, closed);
      for (const d of closed) delete low.data.dossiers[d.code];
      await low.write();
      await recordHighWater(this.location, low.data, floor);
      return result;
    });
  }

  async getDossier(code: string): Promise<{ dossier: Dossier; archived: boolean } | undefined> {
    const db = await this.read();
    const open = db.dossiers[code];
    if (open) return { dossier: open, archived: false };
    const parsed = parseDossierCode(code);
    const d = await findInArchive(this.dbDir, code, parsed ? { year: parsed.year, month: parsed.month } : undefined, this.seen);
    return d ? { dossier: d, archived: true } : undefined;
  }

  async *archived(years?: number[]): AsyncIterable<Dossier> {
    const all = await archiveYears(this.dbDir);
    for (const y of all) {
      if (years && !years.includes(y)) continue;
      for (const d of await readArchive(this.dbDir, y, this.seen)) yield d;
    }
  }

  archiveYears(): Promise<number[]> {
    return archiveYears(this.dbDir);
  }

  indexedPeople(ids: readonly string[]): Promise<KnownPerson[] | undefined> {
    return lookupPeople(this.dbDir, ids);
  }

  /** The whole archive for a rebuild of the index (damaged lines are the readers' to report). */
  private async *scanArchive(): AsyncIterable<Dossier> {
    for (const y of await archiveYears(this.dbDir)) yield* await readArchive(this.dbDir, y, []);
  }

  problems(): ArchiveProblem[] {
    const byKey = new Map<string, ArchiveProblem>();
    for (const p of this.seen) if (!p.superseded) byKey.set(`${p.file}:${p.line}`, p);
    return [...byKey.values()];
  }
}

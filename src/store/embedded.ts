import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Dossier } from '../domain/dossier/types.js';
import type { GuidanceRecord } from '../domain/guidance/types.js';
import type { KnownPerson } from '../domain/identity-conflict.js';
import type { Profile } from '../config/profile.js'; // the module (zod) is loaded only when the profile is read
import { failure } from '../errors.js';
import { sha256Hex } from '../scan/hash.js';
import type { ArchiveProblem } from './archive.js';
import { flushPendingGuidance, PENDING_GUIDANCE, readGuidance } from './embedded-guidance.js';
import { dumpHome, loadInto, OVERRIDE_DIRS } from './embedded-dump.js';
import type { LoadTx } from './load.js';
import { ensureDir, FILE_MODE, writeFileAtomic } from './files.js';
import { LowdbRepository } from './lowdb-store.js';
import type { FileStore, OverrideKind, Store, StoreItem, StoreTx } from './port.js';
import { overrideName, type CounterKind, type Draft, matchesOutbox, type OutboxEntry, type OutboxFilter, type OutboxKind, type OutboxOf, outboxKey } from './records.js';
import type { ActiveDb } from './schema.js';
import { maxSeq, stampDesk } from './stamp.js';

/** Kept files are read-only (0400) in owner-only folders (0700). */
const KEPT_MODE = 0o400;
/** Folders of the home that hold kept files (scans, result documents, generated PDFs). */
export const FILE_ROOTS = ['attachments', 'documents'] as const;

export function duplicateKey(key: string) {
  return failure('STORE_DUPLICATE_KEY', { vi: 'Việc "{key}" đã có trong hàng đợi; không thêm lần thứ hai.', en: 'The work item "{key}" is already queued; it was not added twice.' }, { vars: { key } });
}

export function damagedFile(rel: string) {
  return failure('FILE_DAMAGED', {
    vi: 'Tệp {path} không còn khớp với mã SHA-256 đã ghi khi lưu; không dùng tệp này.',
    en: 'The file {path} no longer matches the SHA-256 recorded when it was kept; it is not used.',
  }, { vars: { path: rel }, hint: { vi: 'Chạy `gov-desk doctor`, rồi quét lại giấy tờ.', en: 'Run `gov-desk doctor`, then scan the paper again.' } });
}

/** A home-relative path with `/`, inside the home (no `..`, not absolute). */
export function safeRel(rel: string): string[] {
  const parts = rel.split('/');
  if (rel.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\'))) throw new Error(`unsafe stored path: ${rel}`);
  return parts;
}

/** What a load has met so far (read once: a look-up per archived dossier would read a shard each). */
export interface KnownItems {
  codes: Set<string>;
  guidance: Set<string>;
}

export class EmbeddedTx implements LoadTx {
  /** Highest event seq of each dossier as the store held it (events above it are this desk's). */
  private readonly heldSeq = new Map<string, number>();
  constructor(private readonly db: ActiveDb, private readonly repo: LowdbRepository, private readonly desk: string, private readonly known?: KnownItems) {}

  async dossier(code: string): Promise<Dossier | undefined> {
    const d = this.db.dossiers[code] ?? (await this.repo.getDossier(code))?.dossier;
    if (d && !this.heldSeq.has(code)) this.heldSeq.set(code, maxSeq(d));
    return d ? structuredClone(d) : undefined;
  }
  async openDossiers(): Promise<Dossier[]> {
    return Object.values(this.db.dossiers).map((d) => structuredClone(d));
  }
  async putDossier(d: Dossier): Promise<void> {
    const held = this.heldSeq.get(d.code) ?? maxSeq(this.db.dossiers[d.code]);
    // a copy, as the database keeps it: a later change to `d` is not saved without another put
    this.db.dossiers[d.code] = structuredClone(stampDesk(d, this.desk, held));
  }
  async putCopied(d: Dossier): Promise<void> {
    this.db.dossiers[d.code] = structuredClone(d);
    this.known?.codes.add(d.code);
  }
  async heldCodes(codes: readonly string[]): Promise<Set<string>> {
    return new Set(codes.filter((c) => this.db.dossiers[c] || this.known?.codes.has(c)));
  }
  async heldGuidance(ids: readonly string[]): Promise<Set<string>> {
    const pending = (this.db.meta[PENDING_GUIDANCE] as GuidanceRecord[] | undefined) ?? [];
    return new Set(ids.filter((id) => this.known?.guidance.has(id) || pending.some((g) => g.id === id)));
  }
  async raiseTo(counter: CounterKind, key: string, n: number): Promise<boolean> {
    const table = counter === 'sequence' ? this.db.sequences : this.db.registers;
    if (key in table && table[key]! >= n) return false;
    table[key] = Math.max(table[key] ?? 0, n);
    return true;
  }
  async nextNumber(counter: CounterKind, key: string): Promise<number> {
    const table = counter === 'sequence' ? this.db.sequences : this.db.registers;
    const n = (table[key] ?? 0) + 1;
    table[key] = n;
    return n;
  }
  async raiseNumber(counter: CounterKind, key: string, n: number): Promise<void> {
    const table = counter === 'sequence' ? this.db.sequences : this.db.registers;
    table[key] = Math.max(table[key] ?? 0, n);
  }
  async draft(ref: string): Promise<Draft | undefined> {
    const d = this.db.drafts[ref];
    return d ? (structuredClone(d) as unknown as Draft) : undefined;
  }
  async drafts(): Promise<Draft[]> {
    return Object.values(this.db.drafts).map((d) => structuredClone(d) as unknown as Draft);
  }
  async putDraft(d: Draft): Promise<void> {
    this.db.drafts[d.ref] = structuredClone(d) as unknown as Record<string, unknown>;
  }
  async outbox<K extends OutboxKind>(kind: K, filter?: OutboxFilter & { claim?: boolean }): Promise<OutboxOf<K>[]> {
    return entriesOf(this.db, kind, filter).map((e) => structuredClone(e));
  }
  async putOutbox(e: OutboxEntry): Promise<void> {
    const all = this.db.outbox as unknown as OutboxEntry[];
    const key = outboxKey(e);
    if (all.some((x) => x.kind === e.kind && x.id !== e.id && outboxKey(x) === key)) throw duplicateKey(key);
    const i = all.findIndex((x) => x.kind === e.kind && x.id === e.id);
    const copy = structuredClone(e);
    if (i >= 0) all[i] = copy;
    else all.push(copy);
  }
  async meta<T>(key: string): Promise<T | undefined> {
    return structuredClone(this.db.meta[key]) as T | undefined;
  }
  async setMeta(key: string, value: unknown): Promise<void> {
    this.db.meta[key] = structuredClone(value);
  }
  async putGuidance(g: GuidanceRecord): Promise<void> {
    // committed with the active file (and the counter that gave its reference): see embedded-guidance.ts
    const pending = (this.db.meta[PENDING_GUIDANCE] as GuidanceRecord[] | undefined) ?? [];
    this.db.meta[PENDING_GUIDANCE] = [...pending, { ...structuredClone(g), desk: g.desk ?? this.desk }];
    this.known?.guidance.add(g.id);
  }
}

function entriesOf<K extends OutboxKind>(db: Pick<ActiveDb, 'outbox'>, kind: K, filter?: OutboxFilter): OutboxOf<K>[] {
  return (db.outbox as unknown as OutboxEntry[]).filter((e) => e.kind === kind && matchesOutbox(e, filter)) as OutboxOf<K>[];
}

class HomeFiles implements FileStore {
  constructor(private readonly home: string) {}
  private abs(rel: string): string {
    return path.join(this.home, ...safeRel(rel));
  }
  async put(rel: string, bytes: Buffer, o: { sha256: string }): Promise<void> {
    if (sha256Hex(bytes) !== o.sha256) throw damagedFile(rel);
    const abs = this.abs(rel);
    const have = await fsp.readFile(abs).catch(() => undefined);
    if (have && sha256Hex(have) === o.sha256) return;
    if (have) {
      await fsp.chmod(abs, FILE_MODE).catch(() => undefined); // Windows cannot replace a read-only file
      await fsp.rm(abs, { force: true });
    }
    await ensureDir(path.dirname(abs));
    await writeFileAtomic(abs, bytes, { mode: KEPT_MODE });
  }
  async get(rel: string, sha256?: string): Promise<Buffer | undefined> {
    const bytes = await fsp.readFile(this.abs(rel)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
      throw e;
    });
    if (bytes && sha256 && sha256Hex(bytes) !== sha256) throw damagedFile(rel);
    return bytes;
  }
  async localPath(rel: string): Promise<string | undefined> {
    const abs = this.abs(rel);
    return (await fsp.stat(abs).catch(() => undefined))?.isFile() ? abs : undefined;
  }
  async *list(): AsyncIterable<{ rel: string; sha256: string; size: number }> {
    for (const root of FILE_ROOTS) {
      const entries = await fsp.readdir(path.join(this.home, root), { recursive: true, withFileTypes: true }).catch(() => []);
      const files = entries.filter((e) => e.isFile() && !e.name.endsWith('.tmp')).map((e) => path.join(e.parentPath, e.name)).sort();
      for (const abs of files) {
        const bytes = await fsp.readFile(abs);
        yield { rel: path.relative(this.home, abs).split(path.sep).join('/'), sha256: sha256Hex(bytes), size: bytes.length };
      }
    }
  }
}

/**
 * A transaction object that refuses to be used once its transaction has ended (as the database
 * adapter does): a change made through it then would be lost without a word.
 */
function usableUntil<T extends object>(t: T, ended: () => boolean): T {
  return new Proxy(t, {
    get(target, prop) {
      const v: unknown = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => (ended() ? Promise.reject(new Error('a store transaction was used after it ended')) : (v as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}

/** The embedded default: lowdb files under GOV_DESK_HOME (design §5). */
export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  readonly location: string;
  readonly files: FileStore;
  private readonly repo: LowdbRepository;

  constructor(readonly home: string, readonly desk: string, clock: () => Date = () => new Date()) {
    this.location = home;
    this.repo = new LowdbRepository(home, clock);
    this.files = new HomeFiles(home);
  }

  tx<T>(fn: (t: StoreTx) => Promise<T> | T): Promise<T> {
    return this.loadTx(fn);
  }

  /** A transaction with the load operations (src/store/load.ts); `known`: what the load has met. */
  loadTx<T>(fn: (t: LoadTx) => Promise<T> | T, known?: KnownItems): Promise<T> {
    return this.repo.transact(async (db) => {
      await flushPendingGuidance(path.join(this.home, 'db'), db.meta);
      const t = new EmbeddedTx(db, this.repo, this.desk, known);
      let ended = false;
      try {
        return await fn(usableUntil(t, () => ended));
      } finally {
        ended = true;
      }
    });
  }

  async openDossiers(): Promise<Dossier[]> {
    return Object.values((await this.repo.read()).dossiers);
  }
  getDossier(code: string) {
    return this.repo.getDossier(code);
  }
  archived(years?: number[]): AsyncIterable<Dossier> {
    return this.repo.archived(years);
  }
  archiveYears(): Promise<number[]> {
    return this.repo.archiveYears();
  }
  indexedPeople(ids: readonly string[]): Promise<KnownPerson[] | undefined> {
    return this.repo.indexedPeople(ids);
  }
  async draft(ref: string): Promise<Draft | undefined> {
    return (await this.repo.read()).drafts[ref] as unknown as Draft | undefined;
  }
  async drafts(): Promise<Draft[]> {
    return Object.values((await this.repo.read()).drafts) as unknown as Draft[];
  }
  async outbox<K extends OutboxKind>(kind: K, filter?: OutboxFilter): Promise<OutboxOf<K>[]> {
    return entriesOf(await this.repo.read(), kind, filter);
  }
  async meta<T>(key: string): Promise<T | undefined> {
    return (await this.repo.read()).meta[key] as T | undefined;
  }
  async guidance(range?: { from?: string; to?: string }): Promise<GuidanceRecord[]> {
    const pending = (await this.repo.read()).meta[PENDING_GUIDANCE] as GuidanceRecord[] | undefined;
    return readGuidance(path.join(this.home, 'db'), range, pending);
  }
  async overrides(kind: OverrideKind): Promise<{ name: string; content: unknown }[]> {
    const dir = path.join(this.home, OVERRIDE_DIRS[kind]);
    const names = (await fsp.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
    const out: { name: string; content: unknown }[] = [];
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        out.push({ name, content: JSON.parse((await fsp.readFile(file, 'utf8')).replace(/^\uFEFF/, '')) });
      } catch (e) {
        throw failure('OVERRIDE_UNREADABLE', { vi: 'Không đọc được tệp {file}: {detail}', en: 'Cannot read the file {file}: {detail}' }, { vars: { file, detail: (e as Error).message }, hint: { vi: 'Sửa hoặc xóa tệp này.', en: 'Fix or remove the file.' } });
      }
    }
    return out;
  }
  async setOverride(kind: OverrideKind, name: string, content: unknown): Promise<void> {
    const dir = path.join(this.home, OVERRIDE_DIRS[kind]);
    await ensureDir(dir);
    await writeFileAtomic(path.join(dir, overrideName(name)), `${JSON.stringify(content, null, 2)}\n`);
  }
  async profile(): Promise<Profile | undefined> {
    return (await import('../config/profile.js')).readProfile(this.home);
  }
  async setProfile(p: Profile): Promise<void> {
    return (await import('../config/profile.js')).writeProfile(this.home, p);
  }
  problems(): ArchiveProblem[] {
    return this.repo.problems();
  }
  /** Run `fn` under the store lock (the embedded backup copies the home's files this way). */
  withLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.repo.withLock(fn);
  }
  /** The lowdb repository, for the store's own modules (backup, doctor); not for commands. */
  get lowdb(): LowdbRepository {
    return this.repo;
  }
  dump(): AsyncIterable<StoreItem> {
    return dumpHome(this);
  }
  load(items: AsyncIterable<StoreItem>): Promise<Record<StoreItem['type'], number>> {
    return loadInto(this, items);
  }
  async close(): Promise<void> {}
}

/**
 * The repository port (design §5, issue 14): every command and workflow reaches persistence only
 * through these domain operations; no module outside src/store sees a storage format. Two adapters
 * implement it, chosen by configuration (src/store/index.ts): the embedded lowdb store under
 * GOV_DESK_HOME (the default) and a PostgreSQL database shared by every desk of a centre.
 * test/store/contract.ts runs one suite against both.
 */
import type { Dossier } from '../domain/dossier/types.js';
import type { GuidanceRecord } from '../domain/guidance/types.js';
import type { KnownPerson } from '../domain/identity-conflict.js';
import type { Profile } from '../config/profile.js';
import type { ArchiveProblem } from './archive.js';
import type { CounterKind, Draft, OutboxEntry, OutboxFilter, OutboxKind, OutboxOf } from './records.js';

export type StoreKind = 'embedded' | 'postgres';
export type OverrideKind = 'procedure' | 'calendar';

/**
 * One transaction: everything done through it is committed together when the function returns,
 * and nothing is when it throws (or the process dies). The function must not prompt or talk to
 * the network: embedded, it runs under the home's lock; on PostgreSQL, rows it reads for update
 * stay locked until it returns.
 */
export interface StoreTx {
  /** An open dossier, or an archived one (locked for update; put it back to record new events). */
  dossier(code: string): Promise<Dossier | undefined>;
  /** All open dossiers (not locked: use `dossier(code)` before changing one). */
  openDossiers(): Promise<Dossier[]>;
  /**
   * Save a dossier (new or changed). Events without a desk get this store's desk. A closed dossier
   * moves to the archive when the transaction commits.
   */
  putDossier(d: Dossier): Promise<void>;
  /**
   * The next number of a counter (`sequence` per day key, `register` per book), gap-free: a
   * transaction that does not commit gives its number back.
   */
  nextNumber(counter: CounterKind, key: string): Promise<number>;
  /** Make sure the counter is at least `n` (seeding, copying a home). */
  raiseNumber(counter: CounterKind, key: string, n: number): Promise<void>;
  draft(ref: string): Promise<Draft | undefined>;
  drafts(): Promise<Draft[]>;
  putDraft(d: Draft): Promise<void>;
  /**
   * Outbox entries of a kind, oldest first, locked for update. With `claim`, entries another
   * transaction holds are skipped (FOR UPDATE SKIP LOCKED): a concurrent sender never waits for or
   * takes the same entry; leases with an expiry make the claim last past the transaction.
   */
  outbox<K extends OutboxKind>(kind: K, filter?: OutboxFilter & { claim?: boolean }): Promise<OutboxOf<K>[]>;
  /** Add or replace an entry (by id). A second entry with the same idempotency key is refused. */
  putOutbox(e: OutboxEntry): Promise<void>;
  meta<T = unknown>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
  putGuidance(g: GuidanceRecord): Promise<void>;
}

/** Scanned attachments and generated documents, by their home-relative path, checked by SHA-256. */
export interface FileStore {
  /** Keep `bytes` under `rel` (e.g. `attachments/<code>/<component>/<name>.pdf`). Idempotent. */
  put(rel: string, bytes: Buffer, o: { sha256: string; mediaType: string; dossier?: string }): Promise<void>;
  /**
   * The bytes kept under `rel`, or undefined. With `sha256`, bytes that no longer match it are
   * refused (FILE_DAMAGED): a changed file is never sent or printed as the one scanned.
   */
  get(rel: string, sha256?: string): Promise<Buffer | undefined>;
  /** A local path to the file for viewers and printers (embedded: in the home; server: a cached copy). */
  localPath(rel: string): Promise<string | undefined>;
  /** Every kept file (path, SHA-256, size), for copies and checks. */
  list(): AsyncIterable<{ rel: string; sha256: string; size: number }>;
}

/** One item of a consistent snapshot of a whole store (`dump` / `load`: db copy, backup). */
export type StoreItem =
  | { type: 'dossier'; dossier: Dossier; archived: boolean }
  | { type: 'draft'; draft: Draft }
  | { type: 'outbox'; entry: OutboxEntry }
  | { type: 'counter'; counter: CounterKind; key: string; value: number }
  | { type: 'meta'; key: string; value: unknown }
  | { type: 'guidance'; record: GuidanceRecord }
  | { type: 'profile'; profile: Profile }
  | { type: 'override'; kind: 'procedure' | 'calendar'; name: string; content: unknown }
  | { type: 'file'; rel: string; sha256: string; size: number; bytes: Buffer };

export interface Store {
  readonly kind: StoreKind;
  /** Where the data is, for messages (a folder, or a server URL without its password). */
  readonly location: string;
  /** This desk's id (configured, or the host name), recorded on every event it writes. */
  readonly desk: string;
  tx<T>(fn: (t: StoreTx) => Promise<T> | T): Promise<T>;

  /** Reads outside a transaction: each a consistent view, none locks anything. */
  openDossiers(): Promise<Dossier[]>;
  getDossier(code: string): Promise<{ dossier: Dossier; archived: boolean } | undefined>;
  /** Archived dossiers, year by year (oldest first). */
  archived(years?: number[]): AsyncIterable<Dossier>;
  archiveYears(): Promise<number[]>;
  /**
   * The people of archived dossiers with one of these ID numbers (a few small reads); undefined
   * while the store cannot answer from an index: then scan `archived()`.
   */
  indexedPeople(ids: readonly string[]): Promise<KnownPerson[] | undefined>;
  draft(ref: string): Promise<Draft | undefined>;
  drafts(): Promise<Draft[]>;
  outbox<K extends OutboxKind>(kind: K, filter?: OutboxFilter): Promise<OutboxOf<K>[]>;
  meta<T = unknown>(key: string): Promise<T | undefined>;
  guidance(range?: { from?: string; to?: string }): Promise<GuidanceRecord[]>;
  readonly files: FileStore;

  /**
   * The commune's own procedure and calendar files, sorted by name (embedded: `<home>/procedures/`
   * and `<home>/calendar/`; server: one table every desk reads).
   */
  overrides(kind: OverrideKind): Promise<{ name: string; content: unknown }[]>;
  /** Add or replace one (`<name>.json`, checked by the caller with the catalogue's or calendar's parser). */
  setOverride(kind: OverrideKind, name: string, content: unknown): Promise<void>;
  /** The commune profile kept by this store (embedded: config.json in the home). */
  profile(): Promise<Profile | undefined>;
  setProfile(p: Profile): Promise<void>;

  /** Damaged archive lines met by reads so far: commands report them as warnings. */
  problems(): ArchiveProblem[];
  /** Everything, as one consistent snapshot. */
  dump(): AsyncIterable<StoreItem>;
  /** Add a snapshot's items that the store does not have yet (idempotent); returns what was added. */
  load(items: AsyncIterable<StoreItem>): Promise<Record<StoreItem['type'], number>>;
  /** Release connections (a no-op for the embedded store). */
  close(): Promise<void>;
}

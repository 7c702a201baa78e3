import type { Dossier } from '../domain/dossier/types.js';
import type { ActiveDb } from './schema.js';
import type { ArchiveProblem } from './archive.js';
import type { KnownPerson } from '../domain/identity-conflict.js';

/**
 * What commands need from persistence (design §5). The lowdb files under GOV_DESK_HOME are the
 * embedded default; a multi-desk centre can implement this over a server database later without
 * touching commands or domain code.
 */
export interface Repository {
  readonly location: string;
  /** A consistent snapshot of the active data, without taking the lock. */
  read(): Promise<ActiveDb>;
  /**
   * Read-modify-write under the inter-process lock: re-reads under the lock, runs `fn` (which
   * mutates `db` in place and must not prompt), writes atomically, then moves dossiers that were
   * closed to the archive. If `fn` throws, nothing is written.
   */
  transact<T>(fn: (db: ActiveDb) => T | Promise<T>): Promise<T>;
  /** An open or archived dossier. */
  getDossier(code: string): Promise<{ dossier: Dossier; archived: boolean } | undefined>;
  /** Archived dossiers, year by year (oldest first). */
  archived(years?: number[]): AsyncIterable<Dossier>;
  archiveYears(): Promise<number[]>;
  /**
   * The people of archived dossiers with one of these ID numbers, from the store's people index
   * (a few small reads); undefined while the index is not complete: then scan `archived()`.
   */
  indexedPeople(ids: readonly string[]): Promise<KnownPerson[] | undefined>;
  /**
   * Damaged archive lines and shards met by the reads of this repository so far (not those a later
   * complete copy supersedes): commands report them as warnings, never skip them in silence.
   */
  problems(): ArchiveProblem[];
  /** Run `fn` while holding the lock, for consistent snapshots (backup). */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
}

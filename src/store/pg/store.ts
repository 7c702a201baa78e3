import type pg from 'pg';
import { type Profile, parseProfile } from '../../config/profile.js';
import type { Dossier } from '../../domain/dossier/types.js';
import type { GuidanceRecord } from '../../domain/guidance/types.js';
import type { KnownPerson } from '../../domain/identity-conflict.js';
import { isGovDeskError } from '../../errors.js';
import type { ArchiveProblem } from '../archive.js';
import { inRange } from '../embedded-guidance.js';
import { type LoadCounts, type LoadTx, loadItems } from '../load.js';
import type { FileStore, OverrideKind, Store, StoreItem, StoreTx } from '../port.js';
import { createHash } from 'node:crypto';
import { type Draft, type OutboxFilter, type OutboxKind, type OutboxOf, overrideName } from '../records.js';
import { CONNECT_TIMEOUT_MS, connectionOptions, dbError } from './client.js';
import type { DatabaseConfig } from './config.js';
import { addOverride, archivedIn, archiveYearsIn, dumpDatabase } from './dump.js';
import { PgFiles } from './files.js';
import { requireCurrentSchema } from './migrations.js';
import { outboxWhere, PgTx, type Query } from './tx.js';

/** A desk needs few connections: a command runs one transaction at a time, plus a snapshot read. */
const POOL_SIZE = 4;
/** A statement that runs longer (a lock held by a stalled desk, a lost network) stops with an error. */
export const STATEMENT_TIMEOUT_MS = 30_000;
/** A desk killed or hung inside a transaction releases its row locks after this long. */
const IDLE_IN_TX_TIMEOUT_MS = 60_000;
/** A snapshot read (dump, archive) held open between pages by its reader. */
const SNAPSHOT_IDLE_TIMEOUT_MS = 15 * 60_000;

/**
 * The PostgreSQL adapter of the store port (issue 14): every desk of a centre works on one
 * database. Transactions are BEGIN … COMMIT on one pooled connection (ROLLBACK when the function
 * throws, and the server rolls back by itself when the desk dies), rows read for update stay
 * locked until the end, counters are rows (gap-free), outbox claims skip locked rows.
 */
export class PgStore implements Store {
  readonly kind = 'postgres' as const;
  readonly location: string;
  readonly files: FileStore;

  constructor(private readonly cfg: DatabaseConfig, private readonly pool: pg.Pool, readonly desk: string, home: string) {
    this.location = cfg.display;
    this.files = new PgFiles(this, home);
  }

  /** A driver error as a typed error without any secret; gov-desk's own errors pass unchanged. */
  typed(e: unknown): unknown {
    return isGovDeskError(e) ? e : dbError(this.cfg, e);
  }

  query(on: pg.Pool | pg.PoolClient = this.pool): Query {
    return async (sql, params) => {
      try {
        return await on.query(sql, params);
      } catch (e) {
        throw this.typed(e);
      }
    };
  }

  /**
   * A pooled connection for one unit of work. While it is out of the pool, an error the server
   * sends on its own (the session ended: pg_terminate_backend, a restart) is caught here and the
   * connection is dropped on release; the statement waiting on it fails with DB_UNREACHABLE.
   */
  async client(): Promise<pg.PoolClient & { done(): void }> {
    let c: pg.PoolClient;
    try {
      c = await this.pool.connect();
    } catch (e) {
      throw this.typed(e);
    }
    let broken: Error | undefined;
    const onError = (e: Error) => (broken = e);
    c.on('error', onError);
    return Object.assign(c, {
      done: () => {
        c.removeListener('error', onError);
        c.release(broken);
      },
    });
  }

  /**
   * BEGIN … COMMIT on one connection; ROLLBACK when `fn` throws. A broken connection is dropped.
   * A transaction object kept past its end is refused: its statements would otherwise run on a
   * connection that another transaction has taken from the pool.
   */
  async run<T>(begin: string, fn: (q: Query) => Promise<T>): Promise<T> {
    const c = await this.client();
    let ended = false;
    const onConnection = this.query(c);
    const q: Query = (sql, params) => (ended ? Promise.reject(new Error('a store transaction was used after it ended')) : onConnection(sql, params));
    try {
      await q(begin);
      const result = await fn(q);
      await q('COMMIT');
      return result;
    } catch (e) {
      await c.query('ROLLBACK').catch((err: Error) => c.emit('error', err));
      throw e; // the caller's own error as it is; the store's statements are typed already
    } finally {
      ended = true;
      c.done();
    }
  }

  tx<T>(fn: (t: StoreTx) => Promise<T> | T): Promise<T> {
    return this.loadTx(async (t) => fn(t));
  }

  loadTx<T>(fn: (t: LoadTx) => Promise<T>): Promise<T> {
    return this.run('BEGIN', async (q) => fn(new PgTx(q, this.desk)));
  }

  /**
   * A generator over one REPEATABLE READ READ ONLY transaction: every page it reads is of the same
   * snapshot. Ended (and the connection released) also when the reader stops early.
   */
  async *snapshot<T>(gen: (q: Query) => AsyncIterable<T>): AsyncIterable<T> {
    const c = await this.client();
    const q = this.query(c);
    try {
      await q('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // the reader may work a while between pages (a backup writing its archive): not a hung desk
      await q(`SET LOCAL idle_in_transaction_session_timeout = '${SNAPSHOT_IDLE_TIMEOUT_MS}'`);
      yield* gen(q);
    } finally {
      await c.query('ROLLBACK').catch((err: Error) => c.emit('error', err)); // read only: nothing to commit
      c.done();
    }
  }

  async openDossiers(): Promise<Dossier[]> {
    return (await this.query()<{ document: Dossier }>('SELECT document FROM gov_desk.dossiers WHERE closed_at IS NULL ORDER BY received_at, code')).rows.map((r) => r.document);
  }
  async getDossier(code: string): Promise<{ dossier: Dossier; archived: boolean } | undefined> {
    const row = (await this.query()<{ document: Dossier; archived: boolean }>('SELECT document, closed_at IS NOT NULL AS archived FROM gov_desk.dossiers WHERE code = $1', [code])).rows[0];
    return row ? { dossier: row.document, archived: row.archived } : undefined;
  }
  archived(years?: number[]): AsyncIterable<Dossier> {
    return this.snapshot((q) => archivedIn(q, years));
  }
  async archiveYears(): Promise<number[]> {
    return archiveYearsIn(this.query());
  }
  async indexedPeople(ids: readonly string[]): Promise<KnownPerson[] | undefined> {
    if (ids.length === 0) return [];
    const rows = await this.query()<{ code: string; personal_id: string; full_name: string; birth_date: string | null }>(
      `SELECT DISTINCT p.dossier_code AS code, p.personal_id, p.full_name, p.birth_date FROM gov_desk.dossier_people p
       JOIN gov_desk.dossiers d ON d.code = p.dossier_code WHERE d.closed_at IS NOT NULL AND p.personal_id = ANY($1) ORDER BY 1, 2, 3`,
      [[...ids]],
    );
    return rows.rows.map((r) => ({ code: r.code, personalId: r.personal_id, fullName: r.full_name, birthDate: r.birth_date }));
  }
  async draft(ref: string): Promise<Draft | undefined> {
    return (await this.query()<{ content: Draft }>('SELECT content FROM gov_desk.drafts WHERE id = $1', [ref])).rows[0]?.content;
  }
  async drafts(): Promise<Draft[]> {
    return (await this.query()<{ content: Draft }>('SELECT content FROM gov_desk.drafts ORDER BY created_at, id')).rows.map((r) => r.content);
  }
  async outbox<K extends OutboxKind>(kind: K, filter?: OutboxFilter): Promise<OutboxOf<K>[]> {
    const { where, params } = outboxWhere(kind, filter);
    return (await this.query()<{ entry: OutboxOf<K> }>(`SELECT entry FROM gov_desk.outbox WHERE ${where} ORDER BY seq`, params)).rows.map((r) => r.entry);
  }
  async meta<T>(key: string): Promise<T | undefined> {
    return (await this.query()<{ value: T }>('SELECT value FROM gov_desk.sync_state WHERE key = $1', [key])).rows[0]?.value;
  }
  async guidance(range: { from?: string; to?: string } = {}): Promise<GuidanceRecord[]> {
    // the local day narrows it in SQL (indexed); inRange() then applies the exact rule of both stores
    const rows = await this.query()<{ record: GuidanceRecord }>(
      `SELECT record FROM gov_desk.guidance WHERE ($1::text IS NULL OR day COLLATE "C" >= $1) AND ($2::text IS NULL OR day COLLATE "C" <= $2) ORDER BY at COLLATE "C", seq`,
      [range.from?.slice(0, 10) ?? null, range.to?.slice(0, 10) ?? null],
    );
    return rows.rows.map((r) => r.record).filter((r) => inRange(r.at, range));
  }
  async overrides(kind: OverrideKind): Promise<{ name: string; content: unknown }[]> {
    return (await this.query()<{ name: string; content: unknown }>('SELECT name, content FROM gov_desk.overrides WHERE kind = $1 ORDER BY name COLLATE "C"', [kind])).rows;
  }
  async setOverride(kind: OverrideKind, name: string, content: unknown): Promise<void> {
    const text = JSON.stringify(content);
    await this.query()(
      `INSERT INTO gov_desk.overrides (kind, name, content, sha256, updated_by) VALUES ($1, $2, $3::jsonb, $4, $5) ON CONFLICT (kind, name) DO UPDATE SET content = EXCLUDED.content, sha256 = EXCLUDED.sha256, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [kind, overrideName(name), text, createHash('sha256').update(text).digest('hex'), this.desk],
    );
  }
  async profile(): Promise<Profile | undefined> {
    const row = (await this.query()<{ profile: unknown }>('SELECT profile FROM gov_desk.commune_profile WHERE id = 1')).rows[0];
    return row ? parseProfile(row.profile, `${this.location} (gov_desk.commune_profile)`) : undefined;
  }
  async setProfile(p: Profile): Promise<void> {
    await this.query()(
      `INSERT INTO gov_desk.commune_profile (id, profile, updated_by) VALUES (1, $1::jsonb, $2) ON CONFLICT (id) DO UPDATE SET profile = EXCLUDED.profile, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [JSON.stringify(p), this.desk],
    );
  }
  /** The database answers every read or fails: there are no damaged archive lines to report. */
  problems(): ArchiveProblem[] {
    return [];
  }
  dump(): AsyncIterable<StoreItem> {
    return this.snapshot((q) => dumpDatabase(q));
  }
  load(items: AsyncIterable<StoreItem>): Promise<LoadCounts> {
    return loadItems(
      {
        loadTx: (fn) => this.loadTx(fn),
        profile: () => this.profile(),
        setProfile: (p) => this.setProfile(p),
        addOverride: (kind, name, content) => addOverride(this.query(), { kind, name, content, by: this.desk }),
        files: this.files,
        // the content of a kept hash cannot be rewritten by a desk (docs/multi-desk.md, roles)
        hasFile: async (rel) => ((await this.query()('SELECT 1 FROM gov_desk.file_paths WHERE rel = $1', [rel])).rowCount ?? 0) > 0,
      },
      items,
    );
  }
  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}

/**
 * Open the database store: a small pool (node-postgres loaded here, never at start-up), the
 * schema checked before anything else (missing, older, newer or altered: the clear message of
 * requireCurrentSchema, nothing guessed). A server that cannot be reached fails within the
 * connect timeout with DB_UNREACHABLE; no message ever holds the password.
 */
export async function openPgStore(cfg: DatabaseConfig, o: { home: string; desk: string; now: () => Date; lockTimeoutMs?: number }): Promise<Store> {
  const { default: pgmod } = await import('pg');
  const pool = new pgmod.Pool({
    ...connectionOptions(cfg),
    max: POOL_SIZE,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    connectionTimeoutMillis: cfg.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    lock_timeout: o.lockTimeoutMs ?? STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TX_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 5_000,
    keepAlive: true,
    application_name: `gov-desk ${o.desk}`.slice(0, 63),
  });
  pool.on('error', () => undefined); // a dropped idle connection: the next query reports it
  const store = new PgStore(cfg, pool, o.desk, o.home);
  try {
    const c = await store.client();
    try {
      await requireCurrentSchema(c);
    } finally {
      c.done();
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw store.typed(e);
  }
  return store;
}

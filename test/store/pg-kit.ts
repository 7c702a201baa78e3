import pg from 'pg';
import { inject } from 'vitest';
import { connect } from '../../src/store/pg/client.js';
import { type DatabaseConfig, resolveDatabaseConfig } from '../../src/store/pg/config.js';
import { loadMigrations, migrate } from '../../src/store/pg/migrations.js';
import { openPgStore } from '../../src/store/pg/store.js';
import type { Store } from '../../src/store/port.js';
import { tempHome } from '../helpers/context.js';
import { freshDatabase } from '../helpers/postgres.js';

/** PostgreSQL stores for the contract suite: each a fresh database on the test server, migrated. */
const where = new WeakMap<Store, { cfg: DatabaseConfig; url: string }>();

export async function migratedDatabase(): Promise<{ cfg: DatabaseConfig; url: string }> {
  const { url } = await freshDatabase(inject('pg'));
  const cfg = (await resolveDatabaseConfig({ GOV_DESK_DATABASE_URL: url }, tempHome(), process.cwd()))!;
  const c = await connect(cfg);
  try {
    await migrate(c, await loadMigrations(), 'test');
  } finally {
    await c.end();
  }
  return { cfg, url };
}

export async function pgStoreOn(db: { cfg: DatabaseConfig; url: string }, desk: string, o: { lockTimeoutMs?: number } = {}): Promise<Store> {
  const s = await openPgStore(db.cfg, { home: tempHome('gov-desk-pgdesk-'), desk, now: () => new Date(), ...o });
  where.set(s, db);
  return s;
}

/** A superuser connection to the store's database (for faults the desk cannot cause). */
export async function superuser<T>(s: Store, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: where.get(s)!.url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export const postgres = {
  fresh: async (desk = 'desk-a'): Promise<Store> => pgStoreOn(await migratedDatabase(), desk),
  twin: async (s: Store, desk: string): Promise<Store> => pgStoreOn(where.get(s)!, desk),
  damage: (s: Store, rel: string): Promise<void> =>
    superuser(s, async (c) => {
      await c.query(`UPDATE gov_desk.files SET content = $2 WHERE sha256 = (SELECT sha256 FROM gov_desk.file_paths WHERE rel = $1)`, [rel, Buffer.alloc(25, 'x')]);
    }),
};

import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src/store/pg/client.js';
import { resolveDatabaseConfig } from '../../src/store/pg/config.js';
import { loadMigrations, migrate, schemaProblem, schemaStatus } from '../../src/store/pg/migrations.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { freshDatabase } from '../helpers/postgres.js';

const server = inject('pg');
/** The schema version this gov-desk brings (every migration file), and all its steps. */
const LATEST = (await loadMigrations()).length;
const ALL = Array.from({ length: LATEST }, (_, i) => i + 1);
const opened: pg.Client[] = [];

async function sql(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  opened.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.end()));
});

const db = (url: string, args: string[], env: Record<string, string> = {}) =>
  runInProcess(['db', ...args], { env: { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_DATABASE_URL: url, ...env } });

describe('gov-desk db migrate / status on a real PostgreSQL server', () => {
  it('status on an empty database: missing schema, exit 1, tells to migrate', async () => {
    const { url } = await freshDatabase(server);
    const r = await db(url, ['status', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, state: 'missing', version: 0, expected: LATEST, pending: ALL });
    expect(r.stderr).toMatch(/no gov-desk schema yet/);
    expect(r.stderr).toMatch(/db migrate/);
    expect(r.stdout + r.stderr).not.toContain(server.password);
  });

  it('migrate on an empty database creates the schema; a second migrate is a no-op; status then exits 0', async () => {
    const { url } = await freshDatabase(server);
    const first = await db(url, ['migrate', '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ applied: ALL, version: LATEST, state: 'current' });
    const c = await sql(url);
    const tables = (await c.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'gov_desk' ORDER BY 1`)).rows.map((r) => r.t);
    expect(tables).toEqual(['commune_profile', 'dossier_events', 'dossier_people', 'dossiers', 'drafts', 'file_paths', 'files', 'guidance', 'outbox', 'overrides', 'register_counters', 'schema_migrations', 'sequence_counters', 'sync_state']);
    const second = await db(url, ['migrate']);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`already version ${LATEST}; nothing to do`);
    expect((await c.query('SELECT count(*)::int AS n FROM gov_desk.schema_migrations')).rows[0].n).toBe(LATEST);
    const st = await db(url, ['status']);
    expect(st.code).toBe(0);
    expect(st.stdout).toContain(`Schema: ${LATEST}/${LATEST} (current)`);
    expect(st.stdout).toContain(`postgres://postgres@127.0.0.1:${server.port}/`);
    expect(st.stdout + st.stderr).not.toContain(server.password);
  });

  it('a newer schema (another desk runs a later gov-desk): status and migrate stop with exit 1, nothing changed', async () => {
    const { url } = await freshDatabase(server);
    expect((await db(url, ['migrate'])).code).toBe(0);
    const c = await sql(url);
    await c.query(`INSERT INTO gov_desk.schema_migrations (version, name, sha256, applied_by) VALUES ($1, 'later', repeat('a', 64), 'test')`, [LATEST + 1]);
    const st = await db(url, ['status', '--json']);
    expect(st.code).toBe(1);
    expect(JSON.parse(st.stdout)).toMatchObject({ state: 'newer', version: LATEST + 1, expected: LATEST });
    expect(st.stderr).toMatch(/newer than this gov-desk knows/);
    const m = await db(url, ['migrate']);
    expect(m.code).toBe(1);
    expect(m.stderr).toMatch(/Update gov-desk/);
    expect((await c.query('SELECT count(*)::int AS n FROM gov_desk.schema_migrations')).rows[0].n).toBe(LATEST + 1);
  });

  it('an applied step that differs from this gov-desk’s file is reported, never re-applied or guessed', async () => {
    const { url } = await freshDatabase(server);
    expect((await db(url, ['migrate'])).code).toBe(0);
    const c = await sql(url);
    await c.query(`UPDATE gov_desk.schema_migrations SET sha256 = repeat('0', 64) WHERE version = 1`);
    const st = await db(url, ['status', '--json']);
    expect(st.code).toBe(1);
    expect(JSON.parse(st.stdout)).toMatchObject({ state: 'modified', modified: [1] });
    expect((await db(url, ['migrate'])).code).toBe(1);
  });

  it('an older schema (a gov-desk update brings a new step) is "older" with the step pending; migrate applies only that step', async () => {
    const { url } = await freshDatabase(server);
    const cfg = (await resolveDatabaseConfig({ GOV_DESK_DATABASE_URL: url }, tempHome(), process.cwd()))!;
    const real = await loadMigrations();
    const client = await connect(cfg);
    opened.push(client);
    await migrate(client, real, 'test');
    const next = [...real, { version: LATEST + 1, name: 'add_note', sql: 'ALTER TABLE gov_desk.drafts ADD COLUMN note text', sha256: 'b'.repeat(64) }];
    const s = await schemaStatus(client, next);
    expect(s).toMatchObject({ state: 'older', version: LATEST, expected: LATEST + 1, pending: [LATEST + 1] });
    expect(schemaProblem(s)?.code).toBe('DB_SCHEMA_OLDER');
    expect(schemaProblem(s)?.exitCode).toBe(1);
    expect((await migrate(client, next, 'test')).applied).toEqual([LATEST + 1]);
    expect((await schemaStatus(client, next)).state).toBe('current');
  });

  it('a failing step rolls back the whole migration: nothing half-applied', async () => {
    const { url } = await freshDatabase(server);
    const cfg = (await resolveDatabaseConfig({ GOV_DESK_DATABASE_URL: url }, tempHome(), process.cwd()))!;
    const client = await connect(cfg);
    opened.push(client);
    const broken = [...(await loadMigrations()), { version: LATEST + 1, name: 'broken', sql: 'CREATE TABLE gov_desk.x (a int); SELECT no_such_function()', sha256: 'c'.repeat(64) }];
    await expect(migrate(client, broken, 'test')).rejects.toThrow(/no_such_function/);
    expect((await schemaStatus(client, broken)).state).toBe('missing');
  });

  it('sslmode=require is honoured: a server without TLS is refused, never a silent plain connection', async () => {
    const { url } = await freshDatabase(server);
    const r = await db(`${url}?sslmode=require`, ['status']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The encrypted connection to 127\.0\.0\.1:\d+ failed: The server does not support SSL connections/);
    expect(r.stdout + r.stderr).not.toContain(server.password);
  });

  it('wrong password: exit 1 DB_AUTH_FAILED, the password appears nowhere', async () => {
    const { name } = await freshDatabase(server);
    const wrong = 'Wr0ng-s3cret-xyz';
    const r = await db(`postgres://postgres:${wrong}@127.0.0.1:${server.port}/${name}`, ['status']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused the login of user postgres/);
    expect(r.stdout + r.stderr).not.toContain(wrong);
  });

  it('the password from an owner-only file in the home (database.passwordFile) logs in; a group-readable one is refused', async () => {
    const { name } = await freshDatabase(server);
    const home = tempHome();
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ database: { url: `postgres://postgres@127.0.0.1:${server.port}/${name}`, passwordFile: 'secrets/db-password' } }));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(home, 'secrets'), { mode: 0o700 });
    const file = path.join(home, 'secrets', 'db-password');
    writeFileSync(file, `${server.password}\n`, { mode: 0o600 });
    const ok = await runInProcess(['db', 'migrate', '--json'], { home });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ applied: ALL });
    chmodSync(file, 0o640);
    const bad = await runInProcess(['db', 'status'], { home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/must be readable by its owner only \(current mode 640\)/);
    expect(bad.stdout + bad.stderr).not.toContain(server.password);
  });
});

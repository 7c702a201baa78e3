import net from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempHome } from '../helpers/context.js';
import { freshDatabase } from '../helpers/postgres.js';
import { loadMigrations } from '../../src/store/pg/migrations.js';

/** Every migration this gov-desk brings (1, 2, …). */
const ALL = (await loadMigrations()).map((m) => m.version);

const server = inject('pg');

/** A port on loopback with nothing listening (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A server that accepts TCP connections and never answers (a hung or half-dead database host). */
const sockets = new Set<net.Socket>();
const silent = net.createServer((s) => void sockets.add(s.on('error', () => undefined)));
const silentPort = new Promise<number>((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as net.AddressInfo).port)));
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => silent.close(() => r()));
});

describe('gov-desk db (built CLI, real PostgreSQL)', () => {
  it('two `db migrate` processes at once: both succeed, the schema is applied exactly once (advisory lock)', async () => {
    const { url } = await freshDatabase(server);
    const env = { GOV_DESK_DATABASE_URL: url };
    const [a, b] = await Promise.all([runCli(['db', 'migrate', '--json'], { home: tempHome(), env }), runCli(['db', 'migrate', '--json'], { home: tempHome(), env })]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    const applied = [JSON.parse(a.stdout).applied, JSON.parse(b.stdout).applied].sort();
    expect(applied).toEqual([[], ALL]);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      expect((await c.query('SELECT count(*)::int AS n FROM gov_desk.schema_migrations')).rows[0].n).toBe(ALL.length);
    } finally {
      await c.end();
    }
  });

  it('server down (closed port): exit 1 at once with a clear message; the password is not printed', async () => {
    const port = await closedPort();
    const secret = 'Top-S3cret-pw';
    const t0 = Date.now();
    const r = await runCli(['db', 'status'], { home: tempHome(), env: { GOV_DESK_DATABASE_URL: `postgres://desk:${secret}@127.0.0.1:${port}/govdesk` } });
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot reach the database server 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // a known error: one line and a hint, no stack
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('server hung (accepts, never answers): exit 1 after the connect timeout, in Vietnamese by default', async () => {
    const port = await silentPort;
    const secret = 'Top-S3cret-pw';
    const t0 = Date.now();
    const r = await runCli(['db', 'migrate'], { home: tempHome(), env: { GOV_DESK_LANG: '', GOV_DESK_DATABASE_URL: `postgres://desk:${secret}@127.0.0.1:${port}/govdesk?connect_timeout=1` } });
    const ms = Date.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(8_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Không kết nối được máy chủ cơ sở dữ liệu 127.0.0.1:${port}`);
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('a plain connection to another machine warns; no database configured is a usage error (exit 2)', async () => {
    const none = await runCli(['db', 'status'], { home: tempHome(), env: { GOV_DESK_DATABASE_URL: '' } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No shared database configured/);
    const r = await runCli(['db', 'status'], { home: tempHome(), env: { GOV_DESK_DATABASE_URL: 'postgres://desk@192.0.2.1:1/govdesk?connect_timeout=1' } });
    expect(r.stderr).toMatch(/Warning: the connection to 192\.0\.2\.1 is not encrypted/);
    expect(r.code).toBe(1);
  });
});

import net from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { connect } from '../../src/store/pg/client.js';
import { resolveDatabaseConfig } from '../../src/store/pg/config.js';
import { loadMigrations, migrate } from '../../src/store/pg/migrations.js';
import { openPgStore } from '../../src/store/pg/store.js';
import type { Store } from '../../src/store/port.js';
import type { NotifyRecord } from '../../src/store/records.js';
import { tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';
import { freshDatabase } from '../helpers/postgres.js';
import { migratedDatabase, pgStoreOn, superuser } from './pg-kit.js';

const server = inject('pg');
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
const track = (s: Store) => (opened.push(s), s);

const DAY = '000.00.00.H99-260302';
async function receive(s: Store, hold?: () => Promise<void>): Promise<Dossier> {
  return s.tx(async (t) => {
    const seq = await t.nextNumber('sequence', DAY);
    const d = { ...sampleDossier(`${DAY}-${String(seq).padStart(4, '0')}`), register: { book: '2026', number: await t.nextNumber('register', '2026') } };
    await t.putDossier(d);
    await hold?.();
    await t.setMeta('last-received', d.code);
    return d;
  });
}

const config = async (url: string) => (await resolveDatabaseConfig({ GOV_DESK_DATABASE_URL: url }, tempHome(), process.cwd()))!;

describe('PostgreSQL store: a desk killed mid-transaction', () => {
  it('the server ends the connection inside a reception: nothing half-written, no gap, the desk goes on', async () => {
    const db = await migratedDatabase();
    const a = track(await pgStoreOn(db, 'desk-killed'));
    const b = track(await pgStoreOn(db, 'desk-b'));
    let reached!: () => void;
    const inside = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const killed = new Promise<void>((r) => (release = r));
    const doomed = receive(a, async () => {
      reached();
      await killed;
    });
    await inside; // numbers allocated and the dossier written, not committed
    const ended = await superuser(a, async (c) => {
      const pids = (await c.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'gov-desk desk-killed' AND state = 'idle in transaction'`)).rows;
      expect(pids).toHaveLength(1);
      return (await c.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pids[0]!.pid])).rows[0]!.ok;
    });
    expect(ended).toBe(true);
    release();
    await expect(doomed).rejects.toMatchObject({ code: 'DB_UNREACHABLE' });

    const next = await receive(b);
    expect([next.code, next.register.number]).toEqual([`${DAY}-0001`, 1]);
    expect((await b.openDossiers()).map((d) => d.code)).toEqual([next.code]);
    expect(await b.meta('last-received')).toBe(next.code);
    await superuser(a, async (c) => {
      const n = async (sql: string) => (await c.query<{ n: number }>(sql)).rows[0]!.n;
      expect(await n('SELECT count(*)::int AS n FROM gov_desk.dossiers')).toBe(1);
      expect(await n('SELECT count(*)::int AS n FROM gov_desk.dossier_events')).toBe(1);
      expect(await n('SELECT count(*)::int AS n FROM gov_desk.dossier_people')).toBe(1);
      expect(await n(`SELECT last_value AS n FROM gov_desk.sequence_counters WHERE key = '${DAY}'`)).toBe(1);
    });
    // the killed desk's pool dropped the dead connection: its next reception works and continues the count
    expect((await receive(a)).register.number).toBe(2);
  });
});

describe('PostgreSQL store: opening', () => {
  it('a server that is down: DB_UNREACHABLE at once, without the password', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const secret = 'S3cret-never-printed';
    const started = Date.now();
    const err = await openPgStore(await config(`postgres://govdesk_desk:${secret}@127.0.0.1:${port}/govdesk`), { home: tempHome(), desk: 'd', now: () => new Date() }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'DB_UNREACHABLE', exitCode: 1 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(JSON.stringify(err) + String(err) + (err as Error).stack).not.toContain(secret);
  });

  it('a server that accepts and never answers: DB_UNREACHABLE after the connect timeout', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => void sockets.push(s.on('error', () => undefined)));
    const port = await new Promise<number>((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as net.AddressInfo).port)));
    try {
      const started = Date.now();
      const err = await openPgStore(await config(`postgres://govdesk_desk:pw-xyz-123@127.0.0.1:${port}/govdesk?connect_timeout=1`), { home: tempHome(), desk: 'd', now: () => new Date() }).catch((e: Error) => e);
      expect(err).toMatchObject({ code: 'DB_UNREACHABLE' });
      expect(Date.now() - started).toBeLessThan(4000);
      expect(String(err)).not.toContain('pw-xyz-123');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('a missing, older, newer or altered schema stops the open with its own message; nothing is guessed or written', async () => {
    const open = async (url: string) => openPgStore(await config(url), { home: tempHome(), desk: 'd', now: () => new Date() }).catch((e: { code: string }) => e.code);
    const empty = await freshDatabase(server);
    expect(await open(empty.url)).toBe('DB_SCHEMA_MISSING');

    const all = await loadMigrations();
    const older = await freshDatabase(server);
    const c = await connect(await config(older.url));
    try {
      await migrate(c, all.slice(0, 1), 'test');
      expect(await open(older.url)).toBe('DB_SCHEMA_OLDER');
      await migrate(c, all, 'test');
      await c.query(`INSERT INTO gov_desk.schema_migrations (version, name, sha256, applied_by) VALUES ($1, 'later', repeat('a', 64), 'test')`, [all.length + 1]);
      expect(await open(older.url)).toBe('DB_SCHEMA_NEWER');
      await c.query('DELETE FROM gov_desk.schema_migrations WHERE version = $1', [all.length + 1]);
      await c.query(`UPDATE gov_desk.schema_migrations SET sha256 = repeat('0', 64) WHERE version = 1`);
      expect(await open(older.url)).toBe('DB_SCHEMA_MODIFIED');
      expect((await c.query('SELECT count(*)::int AS n FROM gov_desk.dossiers')).rows[0].n).toBe(0);
    } finally {
      await c.end();
    }
  });
});

describe('PostgreSQL store: what only a server shows', () => {
  it('a claim skips rows another sender holds instead of waiting for them', async () => {
    const db = await migratedDatabase();
    const a = track(await pgStoreOn(db, 'desk-a'));
    const b = track(await pgStoreOn(db, 'desk-b'));
    const entry = (id: string): NotifyRecord => ({
      kind: 'notify', id, key: `k-${id}`, dossier: `${DAY}-0001`, event: 'received', series: 's', channel: 'sms', contact: 'phone', to: '0912345678', lang: 'vi', vars: {}, status: 'created',
      createdAt: '2026-03-02T09:00:00+07:00', updatedAt: '2026-03-02T09:00:00+07:00', attempts: 0, nextAttemptAt: null, retry: true, lease: null, accepted: false, uncertain: false,
      provider: null, sms: null, email: null, requestId: id, providerId: null, acceptedAt: null, confirmed: false, cost: null, error: null, history: [],
    });
    await a.tx(async (t) => {
      await t.putOutbox(entry('n1'));
      await t.putOutbox(entry('n2'));
    });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let claimed!: () => void;
    const hasClaimed = new Promise<void>((r) => (claimed = r));
    const first = a.tx(async (t) => {
      const [e] = await t.outbox('notify', { claim: true, pending: true, ids: ['n1'] });
      claimed();
      await held;
      return e?.id;
    });
    await hasClaimed;
    // while desk-a holds n1, desk-b gets n2 at once (a plain FOR UPDATE would wait for desk-a)
    const other = await b.tx(async (t) => (await t.outbox('notify', { claim: true, pending: true })).map((e) => e.id));
    expect(other).toEqual(['n2']);
    release();
    expect(await first).toBe('n1');
  });

  it('a dossier another desk holds too long: DB_BUSY after the lock timeout, nothing written', async () => {
    const db = await migratedDatabase();
    const a = track(await pgStoreOn(db, 'desk-a'));
    const b = track(await pgStoreOn(db, 'desk-b', { lockTimeoutMs: 300 }));
    const d = await receive(a);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = a.tx(async (t) => {
      await t.dossier(d.code);
      locked();
      await held;
    });
    await isLocked;
    const err = await b
      .tx(async (t) => {
        await t.setMeta('written-by-b', true);
        await t.dossier(d.code);
      })
      .catch((e: { code: string }) => e);
    release();
    await holder;
    expect(err).toMatchObject({ code: 'DB_BUSY', exitCode: 1 });
    expect(await b.meta('written-by-b')).toBeUndefined();
  });

  it('events are kept in the append-only event table with operator and desk; status and closing time are cached', async () => {
    const db = await migratedDatabase();
    const a = track(await pgStoreOn(db, 'quay-1'));
    const b = track(await pgStoreOn(db, 'quay-2'));
    const d = await receive(a);
    await b.tx(async (t) => {
      const cur = (await t.dossier(d.code))!;
      await t.putDossier(applyAction(cur, 'withdrawn', { at: new Date('2026-03-02T03:00:00Z'), operator: 'Lê Thị Mai' }).dossier);
    });
    await superuser(a, async (c) => {
      const ev = (await c.query('SELECT seq, type, operator, desk FROM gov_desk.dossier_events ORDER BY seq')).rows;
      expect(ev).toEqual([
        { seq: 1, type: 'received', operator: 'tester', desk: 'quay-1' },
        { seq: 2, type: 'withdrawn', operator: 'Lê Thị Mai', desk: 'quay-2' },
      ]);
      const row = (await c.query<{ status: string; closed_at: Date; created_by_desk: string }>('SELECT status, closed_at, created_by_desk FROM gov_desk.dossiers')).rows[0]!;
      expect([row.status, row.closed_at.toISOString(), row.created_by_desk]).toEqual(['withdrawn', '2026-03-02T03:00:00.000Z', 'quay-1']);
    });
  });
});

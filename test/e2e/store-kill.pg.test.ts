import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/port.js';
import { ROOT } from '../helpers/cli.js';
import { sampleDossier } from '../helpers/dossier.js';
import { migratedDatabase, pgStoreOn, superuser } from '../store/pg-kit.js';

const DAY = '000.00.00.H99-260302';
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/**
 * A desk process (the built store, dist/) that allocates a code and a register number, saves the
 * dossier, says so on stdout and then waits inside the transaction, never committing.
 */
const DESK = `
const { openPgStore } = await import(process.env.STORE_MODULE);
const { resolveDatabaseConfig } = await import(process.env.CONFIG_MODULE);
const cfg = await resolveDatabaseConfig(process.env, process.cwd(), process.cwd());
const store = await openPgStore(cfg, { home: process.cwd(), desk: 'desk-doomed', now: () => new Date() });
await store.tx(async (t) => {
  const seq = await t.nextNumber('sequence', '${DAY}');
  const reg = await t.nextNumber('register', '2026');
  const d = JSON.parse(process.env.DOSSIER);
  await t.putDossier({ ...d, code: '${DAY}-' + String(seq).padStart(4, '0'), register: { book: '2026', number: reg } });
  await t.setMeta('doomed', true);
  process.stdout.write('inside\\n');
  await new Promise(() => {});
});
`;

describe('a desk process killed (SIGKILL) in the middle of a reception, real PostgreSQL', () => {
  it('the server rolls its transaction back: no dossier, no used-up number, the next desk gets 0001', async () => {
    const db = await migratedDatabase();
    const dist = (p: string) => pathToFileURL(path.join(ROOT, 'dist', p)).href;
    const child = spawn(process.execPath, ['--input-type=module', '-e', DESK], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', GOV_DESK_DATABASE_URL: db.url, STORE_MODULE: dist('store/pg/store.js'), CONFIG_MODULE: dist('store/pg/config.js'), DOSSIER: JSON.stringify(sampleDossier()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => c.toString().includes('inside') && resolve());
      child.on('exit', (code) => reject(new Error(`desk exited (${code}) before the kill: ${err}`)));
    });
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;

    const next = await pgStoreOn(db, 'desk-b');
    opened.push(next);
    // the server notices the closed socket and rolls back; the counter row lock is released with it
    const got = await next.tx(async (t) => [await t.nextNumber('sequence', DAY), await t.nextNumber('register', '2026')]);
    expect(got).toEqual([1, 1]);
    expect(await next.openDossiers()).toEqual([]);
    expect(await next.meta('doomed')).toBeUndefined();
    await superuser(next, async (c) => {
      expect((await c.query('SELECT count(*)::int AS n FROM gov_desk.dossier_events')).rows[0].n).toBe(0);
      expect((await c.query('SELECT count(*)::int AS n FROM gov_desk.dossiers')).rows[0].n).toBe(0);
    });
  });
});

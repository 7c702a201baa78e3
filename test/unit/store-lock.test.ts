import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLock } from '../../src/store/lock.js';
import { LowdbRepository } from '../../src/store/lowdb-store.js';
import { tempHome } from '../helpers/context.js';

const errorOf = async (p: Promise<unknown>) => p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e as { code?: string; message: string });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the store lock (issue 13 §7)', () => {
  it('a lock taken over by another process mid-transaction: STORE_LOCK_LOST, nothing written, no uncaught ECOMPROMISED', async () => {
    const home = tempHome();
    const repo = new LowdbRepository(home);
    await repo.transact((db) => void (db.meta.n = 1));
    const active = path.join(home, 'db', 'active.json');
    const before = await fsp.readFile(active, 'utf8');
    const lockDir = path.join(home, '.store.lock');
    const e = await errorOf(repo.transact(async (db) => {
      db.meta.n = 2;
      // another process decided the lock was stale and took it
      await fsp.rmdir(lockDir);
      await fsp.mkdir(lockDir);
      await sleep(3_000); // proper-lockfile's heartbeat (every 2.5 s) notices: "compromised"
    }));
    expect(e.code).toBe('STORE_LOCK_LOST');
    expect(await fsp.readFile(active, 'utf8')).toBe(before);
    expect(existsSync(lockDir)).toBe(true); // the other holder's lock is left alone
  }, 10_000);

  it('a holder starved past the stale time learns it before it returns (no silent success)', async () => {
    const dir = tempHome();
    const e = await errorOf(withLock(dir, '.store', async () => {
      const until = Date.now() + 2_600;
      while (Date.now() < until); // the event loop is blocked: no heartbeat can run
    }, { staleMs: 2_000 }));
    expect(e.code).toBe('STORE_LOCK_LOST');
  }, 10_000);

  it('a lock folder with a time stamp hours in the future is stale once it has not moved for staleMs', async () => {
    const dir = tempHome();
    const lockDir = path.join(dir, '.store.lock');
    await fsp.mkdir(lockDir);
    const future = new Date(Date.now() + 10 * 3600_000);
    await fsp.utimes(lockDir, future, future);
    const t0 = Date.now();
    expect(await withLock(dir, '.store', async () => 'got it', { staleMs: 2_000, waitMs: 8_000 })).toBe('got it');
    expect(Date.now() - t0).toBeLessThan(6_000);
  }, 15_000);

  it('partial temporary files of a killed writer are removed under the lock', async () => {
    const home = tempHome();
    const repo = new LowdbRepository(home);
    await repo.transact((db) => void (db.meta.n = 1));
    const tmp = path.join(home, 'db', '.active.json.999999.deadbeef.tmp');
    await fsp.writeFile(tmp, '{"schemaVersion":1,"half');
    await repo.transact((db) => void (db.meta.n = 2));
    expect(existsSync(tmp)).toBe(false);
    expect((await repo.read()).meta.n).toBe(2);
  });
});

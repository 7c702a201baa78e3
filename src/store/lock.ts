import path from 'node:path';
import { failure } from '../errors.js';
import { ensureDir } from './files.js';

/**
 * The inter-process lock around every read-modify-write (design §5). The operator's desk and cron
 * may write at the same time; proper-lockfile makes a lock folder next to the database and
 * refreshes it while held, so a crashed holder's lock goes stale after `staleMs`.
 */
export interface LockOptions {
  /** How long to keep trying before giving up (ms). */
  waitMs?: number;
  staleMs?: number;
}

export async function withLock<T>(dbDir: string, name: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const release = await acquire(dbDir, name, opts);
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

/** Try once; undefined when someone else holds it (used by `sync`'s run lock). */
export async function tryLock(dbDir: string, name: string, opts: LockOptions = {}): Promise<(() => Promise<void>) | undefined> {
  const lockfile = await import('proper-lockfile');
  await ensureDir(dbDir);
  try {
    return await lockfile.lock(path.join(dbDir, name), { lockfilePath: path.join(dbDir, `${name}.lock`), stale: opts.staleMs ?? 30_000, retries: 0, realpath: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
    throw e;
  }
}

async function acquire(dbDir: string, name: string, opts: LockOptions): Promise<() => Promise<void>> {
  const lockfile = await import('proper-lockfile');
  await ensureDir(dbDir);
  const waitMs = opts.waitMs ?? 15_000;
  const started = Date.now();
  let delay = 5;
  for (;;) {
    try {
      // proper-lockfile keys its own registry by the first argument: one distinct name per lock
      return await lockfile.lock(path.join(dbDir, name), {
        lockfilePath: path.join(dbDir, `${name}.lock`),
        stale: opts.staleMs ?? 5_000,
        retries: 0,
        realpath: false,
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      if (Date.now() - started > waitMs) {
        throw failure('STORE_BUSY', {
          vi: 'Cơ sở dữ liệu đang bận (một tiến trình khác giữ khóa {path}).',
          en: 'The database is busy (another process holds the lock {path}).',
        }, { vars: { path: path.join(dbDir, `${name}.lock`) }, hint: { vi: 'Thử lại sau ít giây.', en: 'Try again in a few seconds.' } });
      }
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 100);
    }
  }
}

import fs, { promises as fsp } from 'node:fs';
import path from 'node:path';
import { failure } from '../errors.js';
import { ensureDir, writeError } from './files.js';

/**
 * The inter-process lock around every read-modify-write (design §5). The operator's desk and cron
 * may write at the same time; proper-lockfile makes a lock folder next to the database and
 * refreshes its time stamp (heartbeat, every `staleMs / 2`) while held, so a crashed holder's lock
 * goes stale after `staleMs`, and a long operation keeps its lock for its whole length.
 *
 * What can still go wrong, and what happens then (issue 13 §7):
 * - the heartbeat could not run (the process was stopped or starved for longer than `staleMs`) and
 *   another process took the lock over: the holder learns it through `assertHeld()` (checked before
 *   the store writes anything, and when `withLock` ends) and fails with STORE_LOCK_LOST instead of
 *   writing beside the other process; proper-lockfile's own "compromised" signal is recorded, never
 *   thrown from a timer as an uncaught ECOMPROMISED;
 * - a lock folder whose time stamp lies in the future (the clock was set back after a crash) is
 *   never "older than staleMs": it is treated as stale once its time stamp has not moved for
 *   `staleMs` while we watched (a live holder's heartbeat moves it every `staleMs / 2`).
 */
export interface LockOptions {
  /** How long to keep trying before giving up (ms). */
  waitMs?: number;
  staleMs?: number;
}

export interface HeldLock {
  /** Throws STORE_LOCK_LOST when this process no longer holds the lock (or may lose it any moment). */
  assertHeld(): Promise<void>;
}

export async function withLock<T>(dbDir: string, name: string, fn: (lock: HeldLock) => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const { release, held } = await acquire(dbDir, name, opts);
  try {
    const result = await fn(held);
    await held.assertHeld();
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}

/** Try once; undefined when someone else holds it (used by `sync`'s run lock). */
export async function tryLock(dbDir: string, name: string, opts: LockOptions = {}): Promise<(() => Promise<void>) | undefined> {
  const lockfile = await import('proper-lockfile');
  await ensureDir(dbDir);
  try {
    return await lockfile.lock(path.join(dbDir, name), { lockfilePath: path.join(dbDir, `${name}.lock`), stale: opts.staleMs ?? 30_000, retries: 0, realpath: false, onCompromised: () => undefined });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
    throw e;
  }
}

function lockLost(lockPath: string, detail: string) {
  return failure('STORE_LOCK_LOST', {
    vi: 'Mất khóa cơ sở dữ liệu {path} giữa chừng ({detail}); thao tác dừng lại, không ghi gì thêm.',
    en: 'The database lock {path} was lost part-way ({detail}); the operation stopped without writing anything more.',
  }, { vars: { path: lockPath, detail }, hint: { vi: 'Máy đang quá tải hoặc tiến trình bị tạm dừng quá lâu. Làm lại thao tác.', en: 'The computer was overloaded or the process was paused too long. Run the command again.' } });
}

async function acquire(dbDir: string, name: string, opts: LockOptions): Promise<{ release: () => Promise<void>; held: HeldLock }> {
  const lockfile = await import('proper-lockfile');
  await ensureDir(dbDir);
  const waitMs = opts.waitMs ?? 15_000;
  const staleMs = Math.max(opts.staleMs ?? 5_000, 2_000); // proper-lockfile's own minimum
  const lockPath = path.join(dbDir, `${name}.lock`);
  const started = Date.now();
  let delay = 5;
  let future: { mtimeMs: number; seenAt: number } | undefined;
  for (;;) {
    const state: { mtimeMs: number; refreshedAt: number; compromised?: Error } = { mtimeMs: 0, refreshedAt: 0 };
    // the heartbeat's utimes calls tell us the time stamp our lock should carry
    const watched = {
      ...fs,
      utimes: (p: fs.PathLike, a: fs.TimeLike, m: fs.TimeLike, cb: (err: NodeJS.ErrnoException | null) => void) =>
        fs.utimes(p, a, m, (err) => {
          if (!err && String(p) === lockPath) Object.assign(state, { mtimeMs: new Date(m as Date).getTime(), refreshedAt: Date.now() });
          cb(err);
        }),
    };
    try {
      // proper-lockfile keys its own registry by the first argument: one distinct name per lock
      const release = await lockfile.lock(path.join(dbDir, name), {
        lockfilePath: lockPath,
        stale: staleMs,
        retries: 0,
        realpath: false,
        fs: watched,
        onCompromised: (err: Error) => {
          state.compromised = err;
        },
      });
      Object.assign(state, { mtimeMs: (await fsp.stat(lockPath)).mtimeMs, refreshedAt: Date.now() });
      const held: HeldLock = {
        async assertHeld() {
          if (state.compromised) throw lockLost(lockPath, state.compromised.message);
          const st = await fsp.stat(lockPath).catch(() => undefined);
          if (!st) throw lockLost(lockPath, 'lock folder removed');
          if (Math.abs(st.mtimeMs - state.mtimeMs) > 1_000) throw lockLost(lockPath, 'taken over by another process');
          if (Date.now() - state.refreshedAt > staleMs) throw lockLost(lockPath, `not refreshed for ${Math.round((Date.now() - state.refreshedAt) / 1000)} s`);
        },
      };
      return { release, held };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw writeError(e, lockPath); // a full disk: a clear message
      future = await removeIfFrozenInFuture(lockPath, staleMs, future);
      if (future === undefined) continue; // removed: try again at once
      if (Date.now() - started > waitMs) {
        throw failure('STORE_BUSY', {
          vi: 'Cơ sở dữ liệu đang bận (một tiến trình khác giữ khóa {path}).',
          en: 'The database is busy (another process holds the lock {path}).',
        }, { vars: { path: lockPath }, hint: { vi: 'Thử lại sau ít giây.', en: 'Try again in a few seconds.' } });
      }
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 100);
    }
  }
}

/**
 * A lock whose time stamp is in the future cannot go stale by age. Watch it: when its time stamp
 * has not moved for `staleMs` (no live holder's heartbeat), remove it, after checking again that it
 * is still the same frozen one. Returns undefined when removed (or gone), else what was seen.
 */
async function removeIfFrozenInFuture(lockPath: string, staleMs: number, seen: { mtimeMs: number; seenAt: number } | undefined): Promise<{ mtimeMs: number; seenAt: number } | undefined> {
  const st = await fsp.stat(lockPath).catch(() => undefined);
  if (!st) return undefined;
  const now = Date.now();
  if (st.mtimeMs <= now + 2_000) return { mtimeMs: st.mtimeMs, seenAt: now }; // not in the future: proper-lockfile's age rule applies
  if (!seen || seen.mtimeMs !== st.mtimeMs) return { mtimeMs: st.mtimeMs, seenAt: now };
  if (now - seen.seenAt < staleMs) return seen;
  const again = await fsp.stat(lockPath).catch(() => undefined);
  if (again && again.mtimeMs === seen.mtimeMs) await fsp.rmdir(lockPath).catch(() => undefined);
  return undefined;
}

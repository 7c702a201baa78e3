import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { failure, GovDeskError } from '../errors.js';
import { toVnIso } from '../domain/time.js';
import type { FileProblem } from '../scan/recorded.js';
import { cleanStaleStaging, makeStaging } from './backup.js';
import { type ReadBackup, readBackup, requireFile } from './backup-read.js';
import { restoreFailed } from './backup-problems.js';
import { DATA_ENTRIES } from './backup-layout.js';
import { dumpOnHome, isDumpManifest } from './backup-dump.js';
import { ensureDir, FILE_MODE, readTextIfExists, writeFileAtomic } from './files.js';
import { above, type Counters, maxCounters, raiseTo, readHighWater, recordHighWater } from './high-water.js';
import { tryLock, withLock } from './lock.js';

/** Extracted folders come with the archive's modes: put the owner-only modes back (design §5). */
async function restrictTree(p: string): Promise<void> {
  const st = await fsp.lstat(p);
  if (st.isDirectory()) {
    await fsp.chmod(p, 0o700);
    for (const name of await fsp.readdir(p)) await restrictTree(path.join(p, name));
  } else if (st.isFile()) {
    await fsp.chmod(p, (st.mode & 0o200) === 0 ? 0o400 : FILE_MODE);
  }
}

/** The counters in a database file, or none when it is missing or unreadable. */
async function countersIn(activeFile: string): Promise<Counters> {
  try {
    const db = JSON.parse((await readTextIfExists(activeFile)) ?? '{}') as Partial<Counters>;
    const ok = (v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, number>) : {});
    return { sequences: ok(db.sequences), registers: ok(db.registers) };
  } catch {
    return { sequences: {}, registers: {} };
  }
}

/** A new `.pre-restore-<time>` folder (never one of an earlier restore). */
async function freshKeepFolder(home: string, stamp: string): Promise<string> {
  for (let n = 1; ; n++) {
    const dir = path.join(home, `.pre-restore-${stamp}${n > 1 ? `-${n}` : ''}`);
    try {
      await fsp.mkdir(dir, { mode: 0o700 });
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

function busy(home: string) {
  return failure('RESTORE_BUSY', { vi: 'Một lệnh khôi phục khác đang chạy trên {home}.', en: 'Another restore is running on {home}.' }, {
    vars: { home },
    hint: { vi: 'Đợi lệnh đó xong rồi kiểm tra lại.', en: 'Wait for it to finish, then check the home.' },
  });
}

/** Check a backup without changing anything; the extracted copy lives in a private folder removed in all cases. */
export async function verifyBackup(file: string, scratchParent: string, passphrase: () => Promise<string>): Promise<ReadBackup> {
  await ensureDir(scratchParent);
  const staging = await makeStaging(scratchParent, 'verify');
  try {
    return await readBackup(file, staging, passphrase);
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
  }
}

export interface RestoreResult {
  files: number;
  keptAt: string | null;
  encrypted: boolean;
  secrets: 'excluded' | 'included';
  /** What the (unencrypted) backup left out: secret files and config.json fields to set again. */
  secretsLeftOut: string[];
  /** Counters above the backup's: kept, so that those codes and numbers are not issued again. */
  countersKept: ReturnType<typeof above>;
  damaged: FileProblem[];
}

/**
 * Restore: under a restore lock (one restore at a time), check the whole backup in a private
 * folder of the home (nothing changes if that fails), raise its counters to the home's high-water
 * mark, then under the store lock swap each top-level entry; the replaced data is kept in a new
 * `<home>/.pre-restore-<time>/`. Secrets of this home stay when the backup has none.
 */
export async function restoreBackup(home: string, file: string, now: Date, passphrase: () => Promise<string>): Promise<RestoreResult> {
  await requireFile(file);
  await ensureDir(home);
  const release = await tryLock(home, '.restore');
  if (!release) throw busy(home);
  try {
    await cleanStaleStaging(home);
    const staging = await makeStaging(home, 'restore');
    try {
      const b = await readBackup(file, staging, passphrase);
      if (isDumpManifest(b.manifest)) throw dumpOnHome(file); // a centre's database: restored through the port on a database desk
      return await withLock(home, '.store', async () => {
        // the floor: the mark, and the current database for a home from before the mark
        const floor = maxCounters(await readHighWater(home), await countersIn(path.join(home, 'db', 'active.json')));
        const stagedActive = path.join(b.tree, 'db', 'active.json');
        const backupCounters = await countersIn(stagedActive);
        const countersKept = above(floor, backupCounters);
        if (countersKept.length > 0) {
          const db = JSON.parse(await fsp.readFile(stagedActive, 'utf8')) as Counters;
          raiseTo(db, floor);
          await writeFileAtomic(stagedActive, `${JSON.stringify(db)}\n`);
        }
        await recordHighWater(home, maxCounters(floor, backupCounters), floor);
        // derived data is rebuilt from the restored archive, never taken from a backup (backup-layout `derived`)
        await fsp.rm(path.join(b.tree, 'db', 'people'), { recursive: true, force: true });
        const tops = new Set<string>([...DATA_ENTRIES, ...b.manifest.files.map((f) => f.path.split('/')[0]!)]);
        let keptAt: string | null = null;
        const stamp = toVnIso(now).replace(/[-:+]/g, '').slice(0, 15);
        for (const e of [...tops].sort()) {
          const cur = path.join(home, e);
          if (await fsp.lstat(cur).catch(() => undefined)) {
            keptAt ??= await freshKeepFolder(home, stamp);
            await fsp.rename(cur, path.join(keptAt, e));
          }
          const next = path.join(b.tree, e);
          if (await fsp.lstat(next).catch(() => undefined)) {
            await fsp.rename(next, cur);
            await restrictTree(cur);
          }
        }
        return { files: b.manifest.files.length, keptAt, encrypted: b.encrypted, secrets: b.encrypted ? 'included' : 'excluded', secretsLeftOut: [...(b.manifest.secretFilesLeftOut ?? []), ...(b.manifest.removedFromConfig ?? []).map((f) => `config.json: ${f}`)], countersKept, damaged: b.damaged };
      });
    } finally {
      await fsp.rm(staging, { recursive: true, force: true });
    }
  } catch (e) {
    if (e instanceof GovDeskError) throw e;
    throw restoreFailed(e);
  } finally {
    await release().catch(() => undefined);
  }
}

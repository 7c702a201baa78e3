import { promises as fsp, constants as FS, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Files hold personal data: readable by the owner only (design §5). */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export async function ensureDir(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: DIR_MODE });
}

/**
 * Write a file atomically: a temporary file in the same folder (mode 0600), fsync, then rename over
 * the target. A reader sees the old or the new content, never half of it; a crash leaves the old one.
 * When `keepPrevious` is set, the replaced version stays as `<file>.bak` (a hard link: no copy).
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: { keepPrevious?: boolean; mode?: number } = {}): Promise<void> {
  const dir = path.dirname(file);
  await ensureDir(dir);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await fsp.open(tmp, 'wx', FILE_MODE);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    if (opts.mode !== undefined) await fsp.chmod(tmp, opts.mode);
    if (opts.keepPrevious) {
      const bak = `${file}.bak`;
      await fsp.rm(bak, { force: true });
      await fsp.link(file, bak).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
    await fsp.rename(tmp, file);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const fh = await fsp.open(dir, FS.O_RDONLY);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // some file systems refuse fsync on folders; the rename is still atomic
  }
}

export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export async function exists(p: string): Promise<boolean> {
  try {
    await fsp.access(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Read a file only if it is a regular file, checked on the open handle (no window between the
 * check and the read). Opened without blocking, so a FIFO with no writer does not hang; a device,
 * a socket or a folder is not read. `maxBytes` is checked on the handle too.
 */
export async function readRegular(file: string, maxBytes = Infinity): Promise<{ ok: true; bytes: Buffer } | { ok: false; stats: Stats | null; tooLarge?: number }> {
  let fh: FileHandle;
  try {
    fh = await fsp.open(file, FS.O_RDONLY | (FS.O_NONBLOCK ?? 0));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENXIO') return { ok: false, stats: null }; // a socket
    throw e;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { ok: false, stats: st };
    if (st.size > maxBytes) return { ok: false, stats: st, tooLarge: st.size };
    return { ok: true, bytes: await fh.readFile() };
  } finally {
    await fh.close();
  }
}

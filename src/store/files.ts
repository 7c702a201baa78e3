import { promises as fsp, constants as FS } from 'node:fs';
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

/** Decoding that refuses invalid UTF-8 instead of putting U+FFFD in its place (and later writing that back). */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

export class InvalidUtf8Error extends Error {
  readonly code = 'EILSEQ';
  constructor(readonly file: string) {
    super(`${file}: invalid UTF-8`);
  }
}

export function decodeUtf8Strict(bytes: Uint8Array, file: string): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new InvalidUtf8Error(file);
  }
}

/** Like readTextIfExists, for database files: invalid UTF-8 throws InvalidUtf8Error. */
export async function readUtf8StrictIfExists(file: string): Promise<string | undefined> {
  try {
    return decodeUtf8Strict(await fsp.readFile(file), file);
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

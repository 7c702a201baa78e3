import { promises as fsp, constants as FS, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { failure } from '../errors.js';

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
/** The name writeFileAtomic gives its temporary file: `.<name>.<pid>.<8 hex>.tmp`. */
export function isAtomicTemp(name: string, of?: string): boolean {
  const m = /^\.(.+)\.\d+\.[0-9a-f]{8}\.tmp$/.exec(name);
  return m !== null && (of === undefined || m[1] === of);
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: { keepPrevious?: boolean; mode?: number } = {}): Promise<void> {
  const dir = path.dirname(file);
  let tmp: string | undefined;
  try {
    await ensureDir(dir);
    tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const fh = await fsp.open(tmp, 'wx', FILE_MODE);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close().catch(() => undefined);
    }
    if (opts.mode !== undefined) await fsp.chmod(tmp, opts.mode);
    if (opts.keepPrevious) {
      const bak = `${file}.bak`;
      await fsp.rm(bak, { force: true });
      await fsp.link(file, bak).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
    await fsp.rename(tmp, file);
    tmp = undefined;
  } catch (e) {
    // a full disk or a refused write leaves no half-written temporary file; the target is untouched
    if (tmp) await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw writeError(e, file);
  }
  await syncDir(dir);
}

/** Errors of the file system that a desk meets (full disk, quota, read-only or locked-down folder). */
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);
const REFUSED = new Set(['EROFS', 'EACCES', 'EPERM']);

/**
 * A write that failed because of the disk becomes a known error with a clear message (no stack);
 * anything else is passed on unchanged.
 */
export function writeError(e: unknown, file: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && DISK_FULL.has(code)) {
    return failure('DISK_FULL', {
      vi: 'Ổ đĩa đã đầy (hết chỗ trống hoặc hết hạn mức, {errno}) khi ghi {path}. Không có gì được ghi dở; tệp cũ vẫn nguyên.',
      en: 'The disk is full (no space or quota left, {errno}) while writing {path}. Nothing was half-written; the previous file is intact.',
    }, { vars: { path: file, errno: code }, cause: e, hint: { vi: 'Giải phóng chỗ trống trên ổ đĩa (hoặc chuyển bản sao lưu cũ sang nơi khác) rồi làm lại.', en: 'Free some disk space (or move old backups elsewhere), then try again.' } });
  }
  if (code && REFUSED.has(code)) {
    return failure('WRITE_REFUSED', {
      vi: 'Không ghi được {path} ({errno}: ổ chỉ đọc hoặc không có quyền ghi). Không có gì được ghi dở; tệp cũ vẫn nguyên.',
      en: 'Cannot write {path} ({errno}: read-only disk or no write permission). Nothing was half-written; the previous file is intact.',
    }, { vars: { path: file, errno: code }, cause: e, hint: { vi: 'Kiểm tra quyền ghi của thư mục dữ liệu (GOV_DESK_HOME) và ổ đĩa.', en: 'Check that the data folder (GOV_DESK_HOME) and its disk are writable.' } });
  }
  return e;
}

export async function syncDir(dir: string): Promise<void> {
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

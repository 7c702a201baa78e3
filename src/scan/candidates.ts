import { promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { type GovDeskError, usageError } from '../errors.js';
import { readRegular } from '../store/files.js';
import { type CheckedScan, checkScan, emptyFile, type ScanLimits, tooLarge } from './check.js';
import { badNameReason, naturalCompare } from './match.js';

/** A file offered for import, and the scan folder it must stay inside (symbolic links included). */
export interface Candidate {
  /** As given or found (absolute). */
  path: string;
  /** Base name, NFC. */
  name: string;
  /** The scan folder: the folder of a file given by name, or --from-dir / --watch. */
  folder: string;
}

export interface ReadCandidate extends Candidate {
  bytes: Uint8Array;
  checked: CheckedScan;
}

export function candidateFor(cwd: string, given: string): Candidate {
  const abs = path.resolve(cwd, given);
  return { path: abs, name: path.basename(abs).normalize('NFC'), folder: path.dirname(abs) };
}

const BAD_NAME = {
  control: { vi: 'Tên tệp {file} chứa ký tự điều khiển; không nhập tệp này.', en: 'The file name {file} contains control characters; it is not imported.' },
  separator: { vi: 'Tên tệp {file} chứa dấu phân cách thư mục (/ hoặc \\); không nhập tệp này.', en: 'The file name {file} contains a path separator (/ or \\); it is not imported.' },
  empty: { vi: 'Tên tệp {file} không hợp lệ.', en: 'The file name {file} is not valid.' },
} as const;

function badName(file: string, reason: keyof typeof BAD_NAME): GovDeskError {
  return usageError('SCAN_BAD_NAME', BAD_NAME[reason], {
    vars: { file: JSON.stringify(file) },
    hint: { vi: 'Đổi tên tệp (chỉ chữ, số, dấu gạch) rồi nhập lại.', en: 'Rename the file (letters, digits, dashes) and import it again.' },
  });
}

export function notFound(file: string): GovDeskError {
  return usageError('SCAN_FILE_NOT_FOUND', { vi: 'Không tìm thấy tệp {file}.', en: 'File {file} does not exist.' }, { vars: { file } });
}

function isDirectory(file: string): GovDeskError {
  return usageError('SCAN_IS_DIRECTORY', { vi: '{file} là một thư mục, không phải tệp.', en: '{file} is a folder, not a file.' }, {
    vars: { file },
    hint: { vi: 'Dùng --from-dir {file} để nhập mọi tệp trong thư mục.', en: 'Use --from-dir {file} to import every file in the folder.' },
  });
}

function notRegular(file: string): GovDeskError {
  return usageError('SCAN_NOT_A_FILE', { vi: '{file} không phải tệp thông thường.', en: '{file} is not a regular file.' }, { vars: { file } });
}

function linkOutside(file: string, target: string, folder: string): GovDeskError {
  return usageError('SCAN_SYMLINK_OUTSIDE', {
    vi: '{file} là liên kết tới {target}, nằm ngoài thư mục quét {folder}; không nhập.',
    en: '{file} is a link to {target}, outside the scan folder {folder}; it is not imported.',
  }, { vars: { file, target, folder }, hint: { vi: 'Chép chính tệp vào thư mục quét.', en: 'Copy the file itself into the scan folder.' } });
}

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Read one candidate safely: a clean name, an existing regular file (a symbolic link only when it
 * stays inside the scan folder), within the size limit before reading, then the content checks.
 * Throws a GovDeskError (exit 2) naming the file; the original is only ever read.
 */
export async function readCandidate(c: Candidate, limits: ScanLimits): Promise<ReadCandidate> {
  const reason = badNameReason(c.name);
  if (reason) throw badName(c.name, reason);
  let st: Stats;
  try {
    st = await fsp.lstat(c.path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') throw notFound(c.path);
    throw e;
  }
  let real = c.path;
  if (st.isSymbolicLink()) {
    try {
      real = await fsp.realpath(c.path);
    } catch {
      throw notFound(c.path);
    }
    const folder = await fsp.realpath(c.folder).catch(() => c.folder);
    if (!inside(real, folder)) throw linkOutside(c.path, real, folder);
    st = await fsp.stat(real);
  }
  if (st.isDirectory()) throw isDirectory(c.path);
  if (!st.isFile()) throw notRegular(c.path);
  if (st.size === 0) throw emptyFile(c.name);
  if (st.size > limits.maxBytes) throw tooLarge(c.name, st.size, limits);
  // read on a handle checked again: the file may have been swapped for a FIFO or a device since the check above
  const read = await readRegular(real, limits.maxBytes);
  if (!read.ok) throw read.tooLarge !== undefined ? tooLarge(c.name, read.tooLarge, limits) : notRegular(c.path);
  const bytes = new Uint8Array(read.bytes);
  const checked = await checkScan(bytes, c.name, limits);
  return { ...c, bytes, checked };
}

/** Files of a scan folder (not recursive): hidden files and unfinished downloads are left alone; natural order. */
export async function listFolder(dir: string): Promise<Candidate[]> {
  let st: Stats;
  try {
    st = await fsp.stat(dir);
  } catch {
    throw usageError('SCAN_DIR_NOT_FOUND', { vi: 'Không tìm thấy thư mục {dir}.', en: 'Folder {dir} does not exist.' }, { vars: { dir } });
  }
  if (!st.isDirectory()) {
    throw usageError('SCAN_NOT_A_DIRECTORY', { vi: '{dir} không phải thư mục.', en: '{dir} is not a folder.' }, {
      vars: { dir },
      hint: { vi: 'Đưa tệp vào danh sách tệp thay vì --from-dir/--watch.', en: 'Give the file as an argument instead of --from-dir/--watch.' },
    });
  }
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory() && !isIgnored(e.name))
    .map((e) => ({ path: path.join(dir, e.name), name: e.name.normalize('NFC'), folder: dir }))
    .sort((a, b) => naturalCompare(a.name, b.name));
}

/** Hidden files, temporary and partial files a scanner or browser is still writing. */
export function isIgnored(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || /\.(tmp|part|crdownload|partial|lock)$/i.test(name) || name.endsWith('~') || /^(thumbs\.db|desktop\.ini)$/i.test(name);
}

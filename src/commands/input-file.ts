/**
 * Reading a file the user names (`intake --from-file`): only a regular file is read. A FIFO, a
 * device (`/dev/zero`, `/dev/tty`), a socket or a folder is refused with exit 2 instead of
 * blocking forever or reading without end. The file is opened without blocking and checked on the
 * open handle (no window between the check and the read).
 */
import type { Stats } from 'node:fs';
import { type GovDeskError, usageError } from '../errors.js';
import { readRegular } from '../store/files.js';

function kindOf(st: Stats): { vi: string; en: string } {
  if (st.isFIFO()) return { vi: 'một ống dẫn (FIFO)', en: 'a pipe (FIFO)' };
  if (st.isCharacterDevice() || st.isBlockDevice()) return { vi: 'một thiết bị', en: 'a device' };
  if (st.isSocket()) return { vi: 'một socket', en: 'a socket' };
  if (st.isDirectory()) return { vi: 'một thư mục', en: 'a folder' };
  return { vi: 'không phải tệp thông thường', en: 'not a regular file' };
}

function notRegular(file: string, option: string, kind: { vi: string; en: string }): GovDeskError {
  return usageError('FILE_NOT_REGULAR', { vi: `${option}: {file} là ${kind.vi}, không phải tệp thông thường; không đọc.`, en: `${option}: {file} is ${kind.en}, not a regular file; it is not read.` }, {
    vars: { file },
    hint: { vi: 'Ghi dữ liệu ra một tệp (CSV, JSON hoặc NDJSON) rồi chỉ tới tệp đó.', en: 'Save the data to a file (CSV, JSON or NDJSON) and name that file.' },
  });
}

export async function readRegularFile(file: string, option: string): Promise<Buffer> {
  let r: Awaited<ReturnType<typeof readRegular>>;
  try {
    r = await readRegular(file);
  } catch (e) {
    throw usageError('FILE_MISSING', { vi: 'Không đọc được tệp {file}: {err}', en: 'Cannot read {file}: {err}' }, { vars: { file, err: (e as NodeJS.ErrnoException).code ?? String(e) } });
  }
  if (!r.ok) throw notRegular(file, option, r.stats ? kindOf(r.stats) : { vi: 'một socket', en: 'a socket' });
  return r.bytes;
}

/**
 * For offices without a gateway: messages are written to a CSV file per day that an operator sends
 * by hand (from the centre's phone). UTF-8 with a BOM and CRLF line ends, so that Excel on Windows
 * opens it correctly; cells neutralised against formula injection and the phone kept as text
 * (src/domain/csv.ts). A crashed run is recovered by looking for the RequestId in the files.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { csvLine, keepDigits } from '../../domain/csv.js';
import { toVnIso, vnDate } from '../../domain/time.js';
import { ensureDir, FILE_MODE } from '../../store/files.js';
import type { NotifyConfig } from '../config.js';
import type { SmsMessage, SmsProvider } from './types.js';

export const FILE_HEADER = ['request_id', 'dossier', 'phone', 'segments', 'text', 'written_at'];

export function fileProviderDir(c: Pick<NotifyConfig, 'home' | 'sms'>): string {
  return c.sms.file.dir ? path.resolve(c.home, c.sms.file.dir) : path.join(c.home, 'notify', 'outgoing');
}

export function createFileProvider(c: Pick<NotifyConfig, 'home' | 'sms'>, now: () => Date): SmsProvider {
  const dir = fileProviderDir(c);
  return {
    name: 'file',
    dedupes: false,
    async send(m: SmsMessage) {
      const at = now();
      const file = path.join(dir, `sms-${vnDate(at)}.csv`);
      await ensureDir(dir);
      const fh = await fsp.open(file, 'a', FILE_MODE);
      try {
        const { size } = await fh.stat();
        const head = size === 0 ? `\uFEFF${csvLine(FILE_HEADER)}` : '';
        await fh.appendFile(head + csvLine([m.requestId, m.dossier, keepDigits(m.to), m.segments, m.text, toVnIso(at)]), 'utf8');
        await fh.sync();
      } finally {
        await fh.close();
      }
      return { kind: 'accepted', providerId: null, final: true, detail: `written to ${file} for sending by hand` };
    },
    async alreadySent(m: SmsMessage) {
      let names: string[];
      try {
        names = await fsp.readdir(dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw e;
      }
      for (const n of names.filter((x) => /^sms-.*\.csv$/.test(x))) {
        const text = await fsp.readFile(path.join(dir, n), 'utf8');
        if (text.includes(`\n${m.requestId},`)) return true;
      }
      return false;
    },
  };
}

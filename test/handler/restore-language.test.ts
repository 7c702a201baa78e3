import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Desk, newDesk } from '../helpers/backup-desk.js';
import { listed, manifest, type RawEntry, writeRawTar } from '../helpers/backup-files.js';

let dest: string;
let run: Desk['run'];

beforeEach(async () => {
  ({ dest, run } = await newDesk());
});

/** English words of the old details: none of them may reach a Vietnamese screen. */
const ENGLISH = /\b(checksum|mismatch|missing|links?|allowed|manifest|unsafe|path|leaves|listed|twice|belong|secrets|unencrypted|size|differs|entry|type|archive|damaged|unreadable|database|not|is)\b/i;

const body = 'hello';
const CASES: [string, RawEntry[] | Buffer][] = [
  ['changed', [{ path: 'gov-desk-backup.json', body: manifest([listed('procedures/a.json', body)]) }, { path: 'procedures/a.json', body: 'hellO' }]],
  ['missing', [{ path: 'gov-desk-backup.json', body: manifest([listed('procedures/a.json', body)]) }]],
  ['extra', [{ path: 'gov-desk-backup.json', body: manifest([]) }, { path: 'procedures/b.json', body }]],
  ['symlink', [{ path: 'gov-desk-backup.json', body: manifest([]) }, { path: 'procedures/x', type: 'SymbolicLink', linkpath: '/etc/passwd' }]],
  ['fifo', [{ path: 'gov-desk-backup.json', body: manifest([]) }, { path: 'procedures/x', type: 'FIFO' }]],
  ['escape', [{ path: 'gov-desk-backup.json', body: manifest([]) }, { path: '../outside', body: 'x' }]],
  ['unsafe', [{ path: 'gov-desk-backup.json', body: manifest([listed('../x', 'x')]) }]],
  ['secret', [{ path: 'gov-desk-backup.json', body: manifest([listed('secrets/portal-secret', 's')]) }]],
  ['not-json', [{ path: 'gov-desk-backup.json', body: '{' }]],
  ['no-manifest', [{ path: 'procedures/a.json', body }]],
  ['garbage', Buffer.from('this is not a gzip file at all')],
];

describe('restore of a damaged backup speaks the UI language throughout (issue 12)', () => {
  for (const [name, content] of CASES) {
    it(`${name}: Vietnamese by default, English with --lang en, same code`, async () => {
      const file = path.join(dest, `${name}.tar.gz`);
      if (Buffer.isBuffer(content)) writeFileSync(file, content);
      else writeRawTar(file, content);
      const vi = await run(['restore', file, '--verify-only', '--json'], undefined, { GOV_DESK_LANG: 'vi' });
      expect(vi.code, vi.stderr).toBe(2);
      const err = (JSON.parse(vi.stdout) as { error: { code: string; message: string } }).error;
      expect(err.code).toBe('BACKUP_INVALID');
      expect(err.message).toMatch(/^Bản sao lưu .* không hợp lệ: .+\. Không có gì bị thay đổi\.$/);
      // the file name and archive paths are values, not words: take them out before looking for English
      const words = err.message.replace(file, '').replace(/[\w./-]+\.(json|gz)\b|procedures\/\w+|secrets\/[\w-]+|\.\.\/\w+|\/etc\/passwd/g, '');
      if (name !== 'garbage') expect(words).not.toMatch(ENGLISH);
      else expect(words).toMatch(/tệp nén bị hỏng hoặc không đọc được \(/);
      const en = await run(['restore', file, '--verify-only', '--json'], undefined, { GOV_DESK_LANG: 'en' });
      const enErr = (JSON.parse(en.stdout) as { error: { code: string; message: string } }).error;
      expect(enErr.code).toBe('BACKUP_INVALID');
      expect(enErr.message).toMatch(/^Backup .* is not valid: .+\. Nothing was changed\.$/);
      expect(enErr.message).not.toMatch(/[ạảãáàâầấẩẫậăằắẳẵặđêềếểễệôồốổỗộơờớởỡợưừứửữự]/i);
    });
  }
});

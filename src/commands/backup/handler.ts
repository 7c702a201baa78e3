import os from 'node:os';
import path from 'node:path';
import { printJson, t, writeErr } from '../../context.js';
import { usageError } from '../../errors.js';
import type { FileProblem } from '../../scan/recorded.js';
import { createBackup } from '../../store/backup.js';
import { exists } from '../../store/files.js';
import { restoreBackup, verifyBackup } from '../../store/restore.js';
import type { Context } from '../../context.js';
import type { Handler } from '../types.js';
import { passphrase } from './passphrase.js';

function reportDamaged(ctx: Context, damaged: FileProblem[]): void {
  if (damaged.length === 0) return;
  writeErr(ctx, t(ctx, { vi: 'Cảnh báo: {n} tệp lưu trữ không khớp SHA-256 đã ghi nhận (thiếu hoặc bị thay đổi):', en: 'Warning: {n} stored files do not match their recorded SHA-256 (missing or changed):' }, { n: damaged.length }));
  for (const d of damaged) writeErr(ctx, `  ${d.code} ${d.path} (${d.problem === 'missing' ? t(ctx, { vi: 'thiếu', en: 'missing' }) : t(ctx, { vi: 'khác SHA-256', en: 'SHA-256 differs' })})`);
}

export const backupHandler: Handler = async (ctx, { opts }) => {
  if (!(await exists(path.join(ctx.home, 'db'))) && !(await exists(path.join(ctx.home, 'config.json')))) {
    throw usageError('HOME_EMPTY', { vi: 'Thư mục dữ liệu {home} chưa có gì để sao lưu.', en: 'The data folder {home} has nothing to back up.' }, { vars: { home: ctx.home } });
  }
  const encrypt = Boolean(opts.encrypt) || typeof opts.passphraseFile === 'string';
  const pass = encrypt ? await passphrase(ctx, opts, true) : undefined;
  const r = await createBackup(ctx.home, path.resolve(ctx.cwd, String(opts.to)), ctx.now(), { passphrase: pass });
  if (opts.json) printJson(ctx, { schemaVersion: 1, file: r.file, files: r.files, bytes: r.bytes, encrypted: r.encrypted, secrets: r.secrets, removedFromConfig: r.removedFromConfig, damaged: r.damaged });
  else {
    ctx.stdout.write(`${r.file}\n`);
    writeErr(ctx, t(ctx, { vi: 'Đã sao lưu {n} tệp ({kb} KiB).', en: 'Backed up {n} files ({kb} KiB).' }, { n: r.files, kb: Math.ceil(r.bytes / 1024) }));
    if (!r.encrypted) {
      writeErr(ctx, t(ctx, { vi: 'Bản sao lưu không mã hóa: không chứa thư mục secrets/{fields}. Dùng --encrypt để giữ cả mật khẩu.', en: 'Unencrypted backup: secrets/ is not in it{fields}. Use --encrypt to keep the secrets too.' }, {
        fields: r.removedFromConfig.length ? t(ctx, { vi: ' và đã bỏ {f} khỏi config.json', en: ', and {f} were removed from config.json' }, { f: r.removedFromConfig.join(', ') }) : '',
      }));
    }
  }
  reportDamaged(ctx, r.damaged);
  return r.damaged.length > 0 ? 1 : 0;
};

export const restoreHandler: Handler = async (ctx, { args, opts }) => {
  const file = path.resolve(ctx.cwd, args[0] ?? '');
  // asked only when the file turns out to be encrypted
  const pass = () => passphrase(ctx, opts, false);
  if (opts.verifyOnly) {
    const scratch = (await exists(ctx.home)) ? ctx.home : os.tmpdir();
    const b = await verifyBackup(file, scratch, pass);
    if (opts.json) printJson(ctx, { schemaVersion: 1, file, valid: b.damaged.length === 0, files: b.manifest.files.length, createdAt: b.manifest.createdAt, encrypted: b.encrypted, damaged: b.damaged });
    else writeErr(ctx, t(ctx, { vi: 'Bản sao lưu hợp lệ: {n} tệp, tạo lúc {at}.', en: 'Backup is valid: {n} files, made {at}.' }, { n: b.manifest.files.length, at: b.manifest.createdAt }));
    reportDamaged(ctx, b.damaged);
    return b.damaged.length > 0 ? 1 : 0;
  }
  if ((await exists(path.join(ctx.home, 'db', 'active.json'))) && !opts.force) {
    throw usageError('RESTORE_NEEDS_FORCE', { vi: '{home} đang có dữ liệu.', en: '{home} already holds data.' }, {
      vars: { home: ctx.home },
      hint: { vi: 'Thêm --force để khôi phục đè (dữ liệu hiện tại được giữ lại trong .pre-restore-*).', en: 'Add --force to restore over it (the current data is kept in .pre-restore-*).' },
    });
  }
  const r = await restoreBackup(ctx.home, file, ctx.now(), pass);
  if (opts.json) printJson(ctx, { schemaVersion: 1, file, restored: r.files, previousDataKeptAt: r.keptAt, encrypted: r.encrypted, secrets: r.secrets, countersKept: r.countersKept, damaged: r.damaged });
  else {
    if (r.keptAt) writeErr(ctx, t(ctx, { vi: 'Đã khôi phục {n} tệp. Dữ liệu trước đó được giữ tại {kept}.', en: 'Restored {n} files. The previous data is kept at {kept}.' }, { n: r.files, kept: r.keptAt }));
    else writeErr(ctx, t(ctx, { vi: 'Đã khôi phục {n} tệp.', en: 'Restored {n} files.' }, { n: r.files }));
    if (r.countersKept.length > 0) {
      writeErr(ctx, t(ctx, {
        vi: 'Sau bản sao lưu này đã cấp thêm mã hồ sơ / số vào sổ ({list}); các số đó không được cấp lại: số tiếp theo tiếp nối số cao nhất đã cấp. Hồ sơ nhận sau bản sao lưu không có trong bản này (xem dữ liệu giữ lại).',
        en: 'Codes / register numbers were issued after this backup ({list}); they are not issued again: numbering continues after the highest issued. Dossiers received after the backup are not in it (see the data kept aside).',
      }, { list: r.countersKept.map((c) => `${c.key}: ${c.inBackup} → ${c.issued}`).join(', ') }));
    }
    if (!r.encrypted) writeErr(ctx, t(ctx, { vi: 'Bản sao lưu không chứa mật khẩu: kiểm tra secrets/ và config.json (docs/notify.md).', en: 'The backup holds no secrets: check secrets/ and config.json (docs/notify.md).' }));
  }
  reportDamaged(ctx, r.damaged);
  return 0;
};

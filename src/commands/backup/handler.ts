import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printJson, t, writeErr } from '../../context.js';
import { usageError } from '../../errors.js';
import { createBackup, restoreBackup, verifyBackup } from '../../store/backup.js';
import { exists } from '../../store/files.js';
import type { Handler } from '../types.js';

export const backupHandler: Handler = async (ctx, { opts }) => {
  if (!(await exists(path.join(ctx.home, 'db'))) && !(await exists(path.join(ctx.home, 'config.json')))) {
    throw usageError('HOME_EMPTY', { vi: 'Thư mục dữ liệu {home} chưa có gì để sao lưu.', en: 'The data folder {home} has nothing to back up.' }, { vars: { home: ctx.home } });
  }
  const r = await createBackup(ctx.home, path.resolve(ctx.cwd, String(opts.to)), ctx.now());
  if (opts.json) printJson(ctx, { schemaVersion: 1, file: r.file, files: r.files, bytes: r.bytes });
  else {
    ctx.stdout.write(`${r.file}\n`);
    writeErr(ctx, t(ctx, { vi: 'Đã sao lưu {n} tệp ({kb} KiB).', en: 'Backed up {n} files ({kb} KiB).' }, { n: r.files, kb: Math.ceil(r.bytes / 1024) }));
  }
  return 0;
};

export const restoreHandler: Handler = async (ctx, { args, opts }) => {
  const file = path.resolve(ctx.cwd, args[0] ?? '');
  if (opts.verifyOnly) {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'gov-desk-verify-'));
    try {
      const m = await verifyBackup(file, dir);
      if (opts.json) printJson(ctx, { schemaVersion: 1, file, valid: true, files: m.files.length, createdAt: m.createdAt });
      else writeErr(ctx, t(ctx, { vi: 'Bản sao lưu hợp lệ: {n} tệp, tạo lúc {at}.', en: 'Backup is valid: {n} files, made {at}.' }, { n: m.files.length, at: m.createdAt }));
      return 0;
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  }
  if ((await exists(path.join(ctx.home, 'db', 'active.json'))) && !opts.force) {
    throw usageError('RESTORE_NEEDS_FORCE', { vi: '{home} đang có dữ liệu.', en: '{home} already holds data.' }, {
      vars: { home: ctx.home },
      hint: { vi: 'Thêm --force để khôi phục đè (dữ liệu hiện tại được giữ lại trong .pre-restore-*).', en: 'Add --force to restore over it (the current data is kept in .pre-restore-*).' },
    });
  }
  const r = await restoreBackup(ctx.home, file, ctx.now());
  if (opts.json) printJson(ctx, { schemaVersion: 1, file, restored: r.files, previousDataKeptAt: r.keptAt });
  else if (r.keptAt) writeErr(ctx, t(ctx, { vi: 'Đã khôi phục {n} tệp. Dữ liệu trước đó được giữ tại {kept}.', en: 'Restored {n} files. The previous data is kept at {kept}.' }, { n: r.files, kept: r.keptAt }));
  else writeErr(ctx, t(ctx, { vi: 'Đã khôi phục {n} tệp.', en: 'Restored {n} files.' }, { n: r.files }));
  return 0;
};

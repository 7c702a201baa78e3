import os from 'node:os';
import path from 'node:path';
import { printJson, t, writeErr } from '../../context.js';
import { usageError } from '../../errors.js';
import type { FileProblem } from '../../scan/recorded.js';
import type { Difference } from '../../store/copy.js';
import { createBackup } from '../../store/backup.js';
import { exists } from '../../store/files.js';
import { type RestoreResult, restoreBackup, verifyBackup } from '../../store/restore.js';
import type { Context } from '../../context.js';
import type { Handler } from '../types.js';
import { passphrase } from './passphrase.js';
import { openStore } from '../../store/index.js';

function reportDamaged(ctx: Context, damaged: FileProblem[]): void {
  if (damaged.length === 0) return;
  writeErr(ctx, t(ctx, { vi: 'Cảnh báo: {n} tệp lưu trữ không khớp SHA-256 đã ghi nhận (thiếu hoặc bị thay đổi):', en: 'Warning: {n} stored files do not match their recorded SHA-256 (missing or changed):' }, { n: damaged.length }));
  for (const d of damaged) writeErr(ctx, `  ${d.code} ${d.path} (${d.problem === 'missing' ? t(ctx, { vi: 'thiếu', en: 'missing' }) : t(ctx, { vi: 'khác SHA-256', en: 'SHA-256 differs' })})`);
}

/** `260302: 3 → 7` read as an operator would: whose numbers, up to which. */
function describeCounter(ctx: Context, c: RestoreResult['countersKept'][number]): string {
  const m = /^(HD|TC)?(\d{2})(\d{2})(\d{2})$/.exec(c.key);
  if (c.kind === 'sequence' && m) {
    const day = `${m[4]}/${m[3]}/20${m[2]}`;
    const n = String(c.issued).padStart(4, '0');
    return m[1] ? t(ctx, { vi: 'mã {p}- ngày {day} đến số {n}', en: '{p}- references of {day} up to {n}' }, { p: m[1], day, n }) : t(ctx, { vi: 'mã hồ sơ ngày {day} đến số {n}', en: 'dossier codes of {day} up to {n}' }, { day, n });
  }
  return t(ctx, { vi: 'sổ {book} đến số {n}', en: 'register {book} up to no. {n}' }, { book: c.key, n: c.issued });
}

export const backupHandler: Handler = async (ctx, { opts }) => {
  const store = await openStore(ctx);
  if (store.kind === 'embedded' && !(await exists(path.join(ctx.home, 'db'))) && !(await exists(path.join(ctx.home, 'config.json')))) {
    throw usageError('HOME_EMPTY', { vi: 'Thư mục dữ liệu {home} chưa có gì để sao lưu.', en: 'The data folder {home} has nothing to back up.' }, { vars: { home: ctx.home } });
  }
  const encrypt = Boolean(opts.encrypt) || typeof opts.passphraseFile === 'string';
  const pass = encrypt ? await passphrase(ctx, opts, true) : undefined;
  const to = path.resolve(ctx.cwd, String(opts.to));
  // a centre's database: its consistent snapshot through the port (src/store/backup-dump.ts)
  const r = store.kind === 'embedded' ? await createBackup(ctx.home, to, ctx.now(), { passphrase: pass }) : await (await import('../../store/backup-dump.js')).createDumpBackup(store, ctx.home, to, ctx.now(), { passphrase: pass });
  if (opts.json) printJson(ctx, { schemaVersion: 1, file: r.file, files: r.files, bytes: r.bytes, encrypted: r.encrypted, secrets: r.secrets, removedFromConfig: r.removedFromConfig, secretFilesLeftOut: r.secretFilesLeftOut, damaged: r.damaged });
  else {
    ctx.stdout.write(`${r.file}\n`);
    writeErr(ctx, t(ctx, { vi: 'Đã sao lưu {n} tệp ({kb} KiB).', en: 'Backed up {n} files ({kb} KiB).' }, { n: r.files, kb: Math.ceil(r.bytes / 1024) }));
    const left = [...r.secretFilesLeftOut, ...r.removedFromConfig.map((f) => `config.json: ${f}`)];
    if (left.length > 0) {
      writeErr(ctx, t(ctx, { vi: 'Bản sao lưu không mã hóa nên không chứa mật khẩu: {list}. Dùng --encrypt để giữ cả chúng.', en: 'An unencrypted backup holds no secrets; left out: {list}. Use --encrypt to keep them too.' }, { list: left.join(', ') }));
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
  const store = await openStore(ctx);
  const r: RestoreResult & { added?: Record<string, number>; differences?: Difference[] } = store.kind === 'embedded' ? await restoreHome(ctx, file, pass, Boolean(opts.force)) : await (await import('../../store/backup-dump.js')).restoreIntoStore(store, ctx.home, file, { passphrase: pass, force: Boolean(opts.force) });
  if (opts.json) printJson(ctx, { schemaVersion: 1, file, restored: r.files, previousDataKeptAt: r.keptAt, encrypted: r.encrypted, secrets: r.secrets, secretsLeftOut: r.secretsLeftOut, countersKept: r.countersKept, damaged: r.damaged, ...(r.added ? { added: r.added, differences: r.differences } : {}) });
  else {
    if (r.keptAt) writeErr(ctx, t(ctx, { vi: 'Đã khôi phục {n} tệp. Dữ liệu trước đó được giữ tại {kept}.', en: 'Restored {n} files. The previous data is kept at {kept}.' }, { n: r.files, kept: r.keptAt }));
    else writeErr(ctx, t(ctx, { vi: 'Đã khôi phục {n} tệp.', en: 'Restored {n} files.' }, { n: r.files }));
    if (r.countersKept.length > 0) {
      writeErr(ctx, t(ctx, {
        vi: 'Sau bản sao lưu này đã cấp thêm số ({list}); các số đó đã ghi trên biên nhận nên không được cấp lại: số tiếp theo tiếp nối số cao nhất đã cấp. Hồ sơ nhận sau bản sao lưu không có trong bản này (xem dữ liệu giữ lại).',
        en: 'Numbers were issued after this backup ({list}); they are on receipts, so they are not issued again: numbering continues after the highest issued. Dossiers received after the backup are not in it (see the data kept aside).',
      }, { list: r.countersKept.map((c) => describeCounter(ctx, c)).join('; ') }));
    }
    if (r.secretsLeftOut.length > 0) writeErr(ctx, t(ctx, { vi: 'Bản sao lưu này không chứa mật khẩu; cần đặt lại (nếu máy này chưa có): {list} (docs/notify.md, docs/portal.md).', en: 'This backup holds no secrets; set them again (unless this PC has them): {list} (docs/notify.md, docs/portal.md).' }, { list: r.secretsLeftOut.join(', ') }));
  }
  reportDamaged(ctx, r.damaged);
  if (r.differences?.length) {
    // the store kept its own item under these codes (another citizen's): the backup's is not in it
    const { PROBLEMS } = await import('../db/copy.js');
    for (const d of r.differences.slice(0, 50)) writeErr(ctx, `  ${d.type} ${d.key}: ${t(ctx, PROBLEMS[d.problem])}`);
    writeErr(ctx, t(ctx, { vi: 'Có {n} mục của bản sao lưu không được khôi phục vì cơ sở dữ liệu đã có mục khác cùng mã; báo cho người quản trị.', en: '{n} item(s) of the backup were not restored because the database holds other items under the same codes; tell the administrator.' }, { n: r.differences.length }));
    return 1;
  }
  return 0;
};

/** The one-PC restore (src/store/restore.ts): a home that holds data needs --force. */
async function restoreHome(ctx: Context, file: string, pass: () => Promise<string>, force: boolean): Promise<RestoreResult> {
  if ((await exists(path.join(ctx.home, 'db', 'active.json'))) && !force) {
    throw usageError('RESTORE_NEEDS_FORCE', { vi: '{home} đang có dữ liệu.', en: '{home} already holds data.' }, {
      vars: { home: ctx.home },
      hint: { vi: 'Thêm --force để khôi phục đè (dữ liệu hiện tại được giữ lại trong .pre-restore-*).', en: 'Add --force to restore over it (the current data is kept in .pre-restore-*).' },
    });
  }
  return restoreBackup(ctx.home, file, ctx.now(), pass);
}

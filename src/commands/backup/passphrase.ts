import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { type Context, isInteractive, t } from '../../context.js';
import { usageError } from '../../errors.js';
import { checkPassphrase } from '../../store/backup-crypto.js';

export const PASSPHRASE_ENV = 'GOV_DESK_BACKUP_PASSPHRASE';

/**
 * The backup passphrase: `--passphrase-file` (first line), else GOV_DESK_BACKUP_PASSPHRASE, else a
 * hidden prompt when someone is at the desk (asked twice for a new backup). Never printed.
 */
export async function passphrase(ctx: Context, opts: Record<string, unknown>, confirm: boolean): Promise<string> {
  if (typeof opts.passphraseFile === 'string') {
    const file = path.resolve(ctx.cwd, opts.passphraseFile);
    const text = await fsp.readFile(file, 'utf8').catch(() => {
      throw usageError('FILE_MISSING', { vi: 'Không đọc được tệp {file}.', en: 'Cannot read the file {file}.' }, { vars: { file } });
    });
    return checkPassphrase(text.split(/\r?\n/)[0] ?? '');
  }
  const env = ctx.env[PASSPHRASE_ENV];
  if (env) return checkPassphrase(env);
  if (!isInteractive(ctx, { json: Boolean(opts.json) })) {
    throw usageError('BACKUP_PASSPHRASE_MISSING', { vi: 'Cần cụm mật khẩu của bản sao lưu mã hóa.', en: 'The encrypted backup needs its passphrase.' }, {
      hint: { vi: `Dùng --passphrase-file TỆP hoặc biến môi trường ${PASSPHRASE_ENV}.`, en: `Use --passphrase-file FILE or the ${PASSPHRASE_ENV} environment variable.` },
    });
  }
  const p = await ctx.prompter();
  const ask = (m: { vi: string; en: string }) => (p.password ? p.password({ message: t(ctx, m) }) : p.input({ message: t(ctx, m) }));
  const first = checkPassphrase(await ask({ vi: 'Cụm mật khẩu sao lưu', en: 'Backup passphrase' }));
  if (confirm && (await ask({ vi: 'Nhập lại cụm mật khẩu', en: 'Repeat the passphrase' })) !== first) {
    throw usageError('BACKUP_PASSPHRASE_MISMATCH', { vi: 'Hai lần nhập cụm mật khẩu không khớp.', en: 'The two passphrases differ.' });
  }
  return first;
}

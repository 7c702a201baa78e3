import { type Context, t, writeErr } from '../context.js';
import { type CommandLine, nodeSpawner, openFile, printFile } from './system.js';

/**
 * `--printer [NAME]` and `--open` of `print` and `intake`: send the PDF written to the system
 * printer and/or the default viewer. One run of the file each: Mẫu 01 already holds its two copies
 * (Liên 1: Lưu and Liên 2: Giao người nộp hồ sơ) as separate sheets, so printing it once gives
 * the two copies the form asks for; `-n 2` would print four sheets.
 */
export async function sendOut(ctx: Context, file: string, opts: { printer?: unknown; open?: unknown }): Promise<{ printed: CommandLine[] | null; opened: CommandLine | null }> {
  const spawner = ctx.spawn ?? nodeSpawner;
  const platform = ctx.platform ?? process.platform;
  let printed: CommandLine[] | null = null;
  let opened: CommandLine | null = null;
  if (opts.printer !== undefined && opts.printer !== false) {
    const printer = typeof opts.printer === 'string' && opts.printer.trim() ? opts.printer.trim() : null;
    printed = await printFile(spawner, platform, file, { printer, copies: 1 });
    writeErr(ctx, t(ctx, { vi: 'Đã gửi tới máy in {p}.', en: 'Sent to the printer {p}.' }, { p: printer ?? t(ctx, { vi: '(mặc định)', en: '(default)' }) }));
  }
  if (opts.open) opened = await openFile(spawner, platform, file);
  return { printed, opened };
}

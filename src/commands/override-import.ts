import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { type Context, printJson, t, writeErr } from '../context.js';
import { isGovDeskError, usageError } from '../errors.js';
import type { Msg } from '../i18n/index.js';
import { openStore } from '../store/index.js';
import type { OverrideKind } from '../store/port.js';
import type { Handler } from './types.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.json$/;

const WHAT: Record<OverrideKind, Msg> = {
  procedure: { vi: 'thủ tục', en: 'procedure' },
  calendar: { vi: 'lịch', en: 'calendar' },
};

/**
 * `catalog import FILE` / `calendar import FILE`: the commune's own procedure or calendar file put
 * into the store this desk works on (a one-PC home's `procedures/` or `calendar/` folder, or the
 * centre's shared database, where every desk reads it). The file is checked alone and together
 * with what the store already has (the whole catalogue or calendar is built with it) before
 * anything is written: a file that would break every desk's next command is refused, exit 2.
 */
export interface OverrideCheck {
  /** Parse and validate the file alone (throws a typed error naming the file and the field). */
  parse(text: string, file: string): Promise<unknown>;
  /** Build the whole catalogue or calendar with these own files; returns a label for the message. */
  build(ctx: Context, own: { name: string; content: unknown }[], content: unknown): Promise<string>;
}

/** A file that does not pass is bad input (exit 2), whatever the loader would call it. */
async function asInput<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!isGovDeskError(e) || e.kind === 'usage') throw e;
    throw usageError(e.code, e.text, { ...(e.hint ? { hint: e.hint } : {}), ...(e.vars ? { vars: e.vars } : {}), cause: e });
  }
}

export function overrideImport(kind: OverrideKind, check: OverrideCheck): Handler {
  return async (ctx, { args, opts }) => {
    const file = path.resolve(ctx.cwd, String(args[0] ?? ''));
    const name = path.basename(file);
    if (!NAME.test(name)) {
      throw usageError('OVERRIDE_BAD_NAME', { vi: 'Tên tệp {name} không dùng được: cần dạng <tên>.json (chữ không dấu, số, . _ -).', en: 'The file name {name} cannot be used: it must be <name>.json (ASCII letters, digits, . _ -).' }, { vars: { name } });
    }
    const text = await fsp.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw usageError('FILE_UNREADABLE', { vi: 'Không đọc được tệp {file} ({code}).', en: 'Cannot read the file {file} ({code}).' }, { vars: { file, code: e.code ?? 'error' } });
    });
    const store = await openStore(ctx);
    const held = await store.overrides(kind);
    const own = held.filter((o) => o.name !== name);
    const replaced = own.length !== held.length;
    const content = await asInput(() => check.parse(text, file));
    const label = await asInput(() => check.build(ctx, [...own, { name, content }], content));
    await store.setOverride(kind, name, content);
    const where = store.kind === 'postgres' ? t(ctx, { vi: 'cơ sở dữ liệu dùng chung (mọi máy dùng từ lệnh sau)', en: 'the shared database (every desk uses it from its next command)' }) : store.location;
    if (opts.json) printJson(ctx, { schemaVersion: 1, kind, name, replaced, store: store.kind, label });
    else writeErr(ctx, t(ctx, { vi: 'Đã {verb} tệp {what} {name} ({label}) vào {where}.', en: 'The {what} file {name} ({label}) was {verb} in {where}.' }, { verb: t(ctx, replaced ? { vi: 'thay', en: 'replaced' } : { vi: 'thêm', en: 'added' }), what: t(ctx, WHAT[kind]), name, label, where }));
    return 0;
  };
}

import { type Lang, type Msg, tr } from './i18n/index.js';
import { terminalSafe } from './domain/text.js';

/** Exit codes of design §6. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  /** Nothing failed, but the work is only queued: the remote system could not be reached (EX_TEMPFAIL). */
  queued: 75,
  cancelled: 130,
} as const;

export type ErrorKind = 'usage' | 'failed' | 'cancelled';

/**
 * A known error: a stable `code` (tests assert on it), a bilingual message, an optional hint.
 * Known errors print one line plus the hint; anything else is a bug and prints its stack.
 */
export class GovDeskError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly text: Msg;
  readonly hint: Msg | undefined;
  readonly vars: Record<string, string | number> | undefined;
  readonly details: unknown;

  constructor(
    code: string,
    kind: ErrorKind,
    text: Msg,
    opts: { hint?: Msg; vars?: Record<string, string | number>; details?: unknown; cause?: unknown } = {},
  ) {
    super(tr('en', text, opts.vars), opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'GovDeskError';
    this.code = code;
    this.kind = kind;
    this.text = text;
    this.hint = opts.hint;
    this.vars = opts.vars;
    this.details = opts.details;
  }

  get exitCode(): number {
    return this.kind === 'usage' ? EXIT.usage : this.kind === 'cancelled' ? EXIT.cancelled : EXIT.failed;
  }

  /** The message and hint to show; values put into them (a file name, a code typed) are made terminal-safe. */
  render(lang: Lang): { message: string; hint?: string } {
    const vars = this.vars && Object.fromEntries(Object.entries(this.vars).map(([k, v]) => [k, typeof v === 'string' ? terminalSafe(v) : v]));
    const out: { message: string; hint?: string } = { message: tr(lang, this.text, vars) };
    if (this.hint) out.hint = tr(lang, this.hint, vars);
    return out;
  }
}

export function usageError(code: string, text: Msg, opts: ConstructorParameters<typeof GovDeskError>[3] = {}): GovDeskError {
  return new GovDeskError(code, 'usage', text, opts);
}

export function failure(code: string, text: Msg, opts: ConstructorParameters<typeof GovDeskError>[3] = {}): GovDeskError {
  return new GovDeskError(code, 'failed', text, opts);
}

export function cancelled(): GovDeskError {
  return new GovDeskError('CANCELLED', 'cancelled', { vi: 'Đã hủy. Không có gì được ghi.', en: 'Cancelled. Nothing was written.' });
}

export function isGovDeskError(e: unknown): e is GovDeskError {
  return e instanceof GovDeskError;
}

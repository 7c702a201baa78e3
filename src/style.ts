/**
 * Colour for people, never for scripts: headings, statuses, warnings and errors. Off with NO_COLOR,
 * `--no-color`, TERM=dumb or FORCE_COLOR=0, and on a stream that is not a terminal (a pipe, a file);
 * FORCE_COLOR=1..3 turns it on for a pipe. chalk is imported only when a stream is coloured, so the
 * start-up path and every script run never load it.
 */
import type { Context } from './context.js';
import type { Status } from './domain/dossier/status.js';

export interface Styles {
  heading(s: string): string;
  error(s: string): string;
  warn(s: string): string;
  hint(s: string): string;
  ok(s: string): string;
  /** A dossier status: green when done or returned, red when overdue, yellow while paused. */
  status(s: string, status: Status, overdue?: boolean): string;
}

const plain = (s: string): string => s;
export const PLAIN: Styles = { heading: plain, error: plain, warn: plain, hint: plain, ok: plain, status: plain };

function forced(env: Record<string, string | undefined>): number | undefined {
  const f = env.FORCE_COLOR;
  if (f === undefined) return undefined;
  if (f === '' || f === 'true') return 1;
  const n = Number(f);
  return Number.isInteger(n) && n >= 0 && n <= 3 ? n : undefined;
}

/** Whether colours are allowed at all: NO_COLOR, TERM=dumb and FORCE_COLOR=0 turn them off. */
export function colourAllowed(env: Record<string, string | undefined>): boolean {
  if (forced(env) === 0) return false;
  // no-color.org: NO_COLOR present and not empty
  return !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && env.TERM !== 'dumb';
}

/** Colour on this stream: allowed (ctx.color, which --no-color clears) and a terminal or forced. */
export function colourOn(ctx: Pick<Context, 'color' | 'env' | 'stdout' | 'stderr'>, stream: 'stdout' | 'stderr'): boolean {
  if (!ctx.color || !colourAllowed(ctx.env)) return false;
  return (forced(ctx.env) ?? 0) > 0 || Boolean(ctx[stream].isTTY);
}

/** The styles for one stream (plain text unless colour is on there). */
export async function styles(ctx: Pick<Context, 'color' | 'env' | 'stdout' | 'stderr'>, stream: 'stdout' | 'stderr'): Promise<Styles> {
  if (!colourOn(ctx, stream)) return PLAIN;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: (Math.max(1, forced(ctx.env) ?? 1) as 1 | 2 | 3) });
  return {
    heading: (s) => c.bold(s),
    error: (s) => c.red(s),
    warn: (s) => c.yellow(s),
    hint: (s) => c.dim(s),
    ok: (s) => c.green(s),
    status: (s, st, overdue) => (overdue ? c.red(s) : st === 'done' || st === 'returned' ? c.green(s) : st === 'supplement-requested' || st === 'awaiting-payment' ? c.yellow(s) : st === 'refused' || st === 'stopped' || st === 'withdrawn' ? c.dim(s) : s),
  };
}

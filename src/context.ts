import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { type Lang, type Msg, parseLang, tr } from './i18n/index.js';
import type { Prompter } from './prompts.js';
import { colourAllowed } from './style.js';

/**
 * Everything a command touches in the outside world. Handlers receive it; tests build a fake one
 * (see test/helpers/context.ts). Nothing in src/ reads process.* directly except createNodeContext().
 */
export interface Context {
  lang: Lang;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The clock; tests pin it. */
  now(): Date;
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  /** `--no-input` was given. */
  noInput: boolean;
  /** Colours allowed (NO_COLOR unset, no --no-color); each stream also needs a TTY or FORCE_COLOR (src/style.ts). */
  color: boolean;
  /** The data folder (GOV_DESK_HOME or --home or the platform default). */
  home: string;
  /** Prompt implementation; only command handlers use it. */
  prompter(this: Context): Promise<Prompter>;
  /** Runs printer/viewer programs (src/print/system.ts); tests pass a fake. Default: child_process. */
  spawn?: import('./print/system.js').Spawner;
  /** The platform whose printing commands are used; default process.platform. */
  platform?: NodeJS.Platform;
  /** Process-wide signal hooks (SIGINT handling for long jobs); a no-op in tests. */
  onSignal?(signal: 'SIGINT' | 'SIGTERM', fn: () => void): () => void;
}

export function t(ctx: Pick<Context, 'lang'>, m: Msg, vars?: Record<string, string | number>): string {
  return tr(ctx.lang, m, vars);
}

/** Prompt only when a person is there: TTY both ways, no --no-input, no --json, CI unset (design §6). */
export function isInteractive(ctx: Context, opts: { json?: boolean } = {}): boolean {
  if (ctx.noInput || opts.json) return false;
  if (ctx.env.CI && ctx.env.CI !== '0' && ctx.env.CI.toLowerCase() !== 'false') return false;
  return Boolean(ctx.stdin.isTTY && ctx.stdout.isTTY);
}

export function writeOut(ctx: Context, text: string): void {
  ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function writeErr(ctx: Context, text: string): void {
  ctx.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(ctx: Context, doc: unknown): void {
  ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}

export function printNdjson(ctx: Context, doc: unknown): void {
  ctx.stdout.write(`${JSON.stringify(doc)}\n`);
}

/** The per-user data folder, following each platform's conventions. */
export function defaultHome(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform, homedir = os.homedir()): string {
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA || path.join(homedir, 'AppData', 'Local');
    return path.win32.join(base, 'gov-desk');
  }
  if (platform === 'darwin') return path.join(homedir, 'Library', 'Application Support', 'gov-desk');
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(homedir, '.local', 'share');
  return path.join(xdg, 'gov-desk');
}

export function resolveHome(env: Record<string, string | undefined>, cwd: string, flag?: string): string {
  const chosen = flag || env.GOV_DESK_HOME;
  return chosen ? path.resolve(cwd, chosen) : defaultHome(env);
}

export function resolveLang(env: Record<string, string | undefined>, flag?: string): Lang {
  return parseLang(flag) ?? parseLang(env.GOV_DESK_LANG) ?? 'vi';
}

/** The real process. Called once, by bin/gov-desk.js. */
export function createNodeContext(): Context {
  const env = process.env as Record<string, string | undefined>;
  return {
    lang: resolveLang(env),
    env,
    cwd: process.cwd(),
    now: () => new Date(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    noInput: false,
    color: colourAllowed(env),
    home: resolveHome(env, process.cwd()),
    // `this` is the context the command runs with (its --lang), so the prompts speak that language
    async prompter(this: Context) {
      return (await import('./prompts.js')).createInquirerPrompter(process.stdin, process.stderr, this.lang);
    },
    onSignal(signal, fn) {
      process.on(signal, fn);
      return () => process.off(signal, fn);
    },
  };
}

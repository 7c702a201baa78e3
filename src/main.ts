import { readFileSync } from 'node:fs';
import { closeStores } from './store/live.js';
import type { Command as CommandT, CommanderError } from 'commander';
import { type Context, resolveHome, resolveLang } from './context.js';
import { EXIT, isGovDeskError, usageError } from './errors.js';
import { commandLineTooLong } from './domain/limits.js';
import { commanderError, helpOverrides } from './i18n/commander.js';
import { type Msg, tr } from './i18n/index.js';
import { loadRegistry } from './commands/registry.js';
import { styles } from './style.js';
import type { CommandKit, Handler } from './commands/types.js';

const TEXT = {
  description: {
    vi: 'Công cụ dòng lệnh cho bộ phận một cửa của Trung tâm Phục vụ hành chính công cấp xã.',
    en: "Command-line toolkit for a Vietnamese commune's one-stop counter (Public Administration Service Centre).",
  },
  home: { vi: 'thư mục dữ liệu (mặc định: GOV_DESK_HOME hoặc thư mục của người dùng)', en: 'data folder (default: GOV_DESK_HOME or the per-user folder)' },
  lang: { vi: 'ngôn ngữ: vi (mặc định) hoặc en', en: 'language: vi (default) or en' },
  noInput: { vi: 'không hỏi gì; thiếu giá trị bắt buộc thì dừng với mã 2', en: 'never prompt; a missing required value exits with code 2' },
  noColor: { vi: 'không dùng màu', en: 'no colours' },
  version: { vi: 'in số phiên bản', en: 'print the version' },
  help: { vi: 'hiện trợ giúp', en: 'show help' },
  examples: { vi: 'Ví dụ:', en: 'Examples:' },
  hint: { vi: 'Gợi ý', en: 'Hint' },
  internal: {
    vi: 'Lỗi nội bộ không mong đợi. Vui lòng gửi báo cáo kèm nội dung dưới đây.',
    en: 'Unexpected internal error. Please report it with the text below.',
  },
  helpCmd: { vi: 'hiện trợ giúp của một lệnh', en: 'display help for a command' },
} satisfies Record<string, Msg>;

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

interface Globals {
  home?: string;
  lang?: string;
  noInput: boolean;
  noColor: boolean;
  /** `--json` or `--ndjson` was given: a failure is then also a JSON document on stdout. */
  json: boolean;
}

/** Global flags are needed before commander runs (the help text language depends on --lang). */
export function prescan(argv: string[]): Globals {
  const g: Globals = { noInput: false, noColor: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const take = (name: string): string | undefined => {
      if (a === name) return argv[i + 1];
      if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
      return undefined;
    };
    const home = take('--home');
    if (home !== undefined) g.home = home;
    const lang = take('--lang');
    if (lang !== undefined) g.lang = lang;
    if (a === '--no-input') g.noInput = true;
    if (a === '--no-color') g.noColor = true;
    if (a === '--json' || a === '--ndjson') g.json = true;
  }
  return g;
}

/** Parse argv, run one command, return the exit code. Never calls process.exit. */
export async function run(argv: string[], base: Context): Promise<number> {
  const g = prescan(argv);
  const ctx: Context = {
    ...base,
    lang: resolveLang(base.env, g.lang),
    home: g.home !== undefined || base.env.GOV_DESK_HOME ? resolveHome(base.env, base.cwd, g.home) : base.home,
    noInput: base.noInput || g.noInput,
    color: base.color && !g.noColor,
  };
  const t = (m: Msg): string => tr(ctx.lang, m);
  const { Command, Help, Option } = await import('commander');

  let exitCode: number = EXIT.ok;
  const kit: CommandKit = {
    lang: ctx.lang,
    t,
    handle(cmd: CommandT, load: () => Promise<Handler>) {
      cmd.action(async (...params: unknown[]) => {
        const self = params[params.length - 1] as CommandT;
        // every free-text input is bounded before anything runs (issue 13 §7): exit 2, nothing written
        const long = commandLineTooLong(self.args, self.opts());
        if (long) throw usageError('TEXT_TOO_LONG', long);
        const handler = await load();
        try {
          exitCode = await handler(ctx, { args: self.args.slice(), opts: self.optsWithGlobals() });
        } finally {
          await closeStores(ctx); // this command's stores: a server store's connections must not keep the process alive
        }
      });
    },
    examples(cmd: CommandT, lines: string[]) {
      cmd.addHelpText('after', `\n${t(TEXT.examples)}\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
    },
  };

  const program = new Command('gov-desk')
    .description(t(TEXT.description))
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void ctx.stdout.write(s),
      writeErr: (s) => void ctx.stderr.write(s),
      outputError: (s, write) => write(commanderError(ctx.lang, s)),
    })
    .configureHelp(helpOverrides(ctx.lang, Help.prototype as never))
    .showSuggestionAfterError(true)
    .helpOption('-h, --help', t(TEXT.help))
    .helpCommand('help [command]', t(TEXT.helpCmd))
    .version(packageVersion(), '-V, --version', t(TEXT.version))
    .addOption(new Option('--home <dir>', t(TEXT.home)))
    .addOption(new Option('--lang <lang>', t(TEXT.lang)).choices(['vi', 'en']))
    .option('--no-input', t(TEXT.noInput))
    .option('--no-color', t(TEXT.noColor));

  for (const def of await loadRegistry()) {
    const cmd = program.command(def.name).description(t(def.summary)).helpOption('-h, --help', t(TEXT.help));
    def.configure(cmd, kit);
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    return await reportError(ctx, e, g.json);
  }
}

function isCommanderError(e: unknown): e is CommanderError {
  return typeof e === 'object' && e !== null && (e as { name?: string }).name === 'CommanderError';
}

/** With --json a failure is also one document on stdout: `{"schemaVersion":1,"error":{code,message,hint}}`. */
function jsonError(ctx: Context, code: string, message: string, hint: string | null): void {
  ctx.stdout.write(`${JSON.stringify({ schemaVersion: 1, error: { code, message, hint } })}\n`);
}

async function reportError(ctx: Context, e: unknown, json: boolean): Promise<number> {
  if (isCommanderError(e)) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    if (e.code === 'commander.executeSubCommandAsync') return EXIT.ok;
    // commander already printed its message on stderr
    if (json) jsonError(ctx, 'USAGE', commanderError(ctx.lang, e.message).replace(/^(error|lỗi): /, ''), null);
    return EXIT.usage;
  }
  if (isGovDeskError(e)) {
    const r = e.render(ctx.lang);
    const s = await styles(ctx, 'stderr');
    ctx.stderr.write(`${s.error(`gov-desk: ${r.message}`)}\n`);
    if (r.hint) ctx.stderr.write(`  ${s.hint(`${tr(ctx.lang, TEXT.hint)}: ${r.hint}`)}\n`);
    if (json) jsonError(ctx, e.code, r.message, r.hint ?? null);
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  ctx.stderr.write(`gov-desk: ${tr(ctx.lang, TEXT.internal)}\n${err.stack ?? err.message}\n`);
  if (json) jsonError(ctx, 'INTERNAL', err.message, null);
  return EXIT.failed;
}

import type { Argument, Command, Option } from 'commander';
import { type Lang, type Msg, tr } from '../../i18n/index.js';
import type { CommandDefinition, CommandKit } from '../types.js';

/**
 * A plain description of the command tree, read from the command registry through commander, so
 * that the completion scripts follow every new command and option without being edited.
 */

/** What to offer for a value: codes are looked up by calling gov-desk itself. */
export type ValueKind =
  | { kind: 'text' }
  | { kind: 'procedure' }
  | { kind: 'dossier' }
  | { kind: 'file' }
  | { kind: 'dir' }
  | { kind: 'command' }
  | { kind: 'choices'; values: string[] };

export interface OptionSpec {
  /** e.g. ['-h', '--help'] or ['--procedure']. */
  names: string[];
  description: string;
  value: 'none' | 'required' | 'optional';
  /** `<files...>`: takes every following word that does not start with '-'. */
  variadic: boolean;
  /** May be given more than once (variadic or collected). */
  repeatable: boolean;
  kind: ValueKind;
}

export interface ArgSpec {
  name: string;
  description: string;
  required: boolean;
  variadic: boolean;
  kind: ValueKind;
}

export interface CommandSpec {
  name: string;
  /** Command words from the top, e.g. ['catalog', 'show']; [] for gov-desk itself. */
  path: string[];
  description: string;
  options: OptionSpec[];
  args: ArgSpec[];
  subcommands: CommandSpec[];
}

/**
 * The global options of src/main.ts. main.ts builds them inside run(), so they are repeated here;
 * keep the two lists in step (test/handler/completion.test.ts checks them against `--help`).
 */
const GLOBALS: { flags: string; text: Msg; choices?: string[] }[] = [
  { flags: '--home <dir>', text: { vi: 'thư mục dữ liệu', en: 'data folder' } },
  { flags: '--lang <lang>', text: { vi: 'ngôn ngữ: vi hoặc en', en: 'language: vi or en' }, choices: ['vi', 'en'] },
  { flags: '--no-input', text: { vi: 'không hỏi gì', en: 'never prompt' } },
  { flags: '--no-color', text: { vi: 'không dùng màu', en: 'no colours' } },
];
const HELP: Msg = { vi: 'hiện trợ giúp', en: 'show help' };
const HELP_CMD: Msg = { vi: 'hiện trợ giúp của một lệnh', en: 'display help for a command' };
const VERSION: Msg = { vi: 'in số phiên bản', en: 'print the version' };

/** The value name inside `<...>` or `[...]` of an option's flags, without `...`. */
export function valueName(flags: string): string | undefined {
  const m = /[<[]([^>\]]+)[>\]]/.exec(flags);
  return m ? m[1]!.replace(/\.\.\.$/, '') : undefined;
}

/**
 * The rules that turn a name into a completion kind, in one place:
 * `--procedure` → procedure codes; a value or argument named `code(s)` → procedure or dossier codes
 * when its English description says which (not for `--xyz-code`, whose name says what it is);
 * `file(s)` → files; `dir` → folders; `a|b` or
 * commander choices → those words; `help [command]` → the sibling commands.
 */
export function classify(name: string | undefined, enDescription: string, opts: { long?: string; choices?: readonly string[] } = {}): ValueKind {
  if (opts.choices && opts.choices.length > 0) return { kind: 'choices', values: [...opts.choices] };
  if (opts.long === '--procedure') return { kind: 'procedure' };
  if (!name) return { kind: 'text' };
  if (/^[a-z0-9-]+(\|[a-z0-9-]+)+$/i.test(name)) return { kind: 'choices', values: name.split('|') };
  if (name === 'code' || name === 'codes') {
    // `--agency-code <code>`: the option's own name says what kind of code it is
    if (opts.long && /^--\w.*-code$/.test(opts.long)) return { kind: 'text' };
    if (/\bprocedure\b/i.test(enDescription)) return { kind: 'procedure' };
    return /\bdossier\b/i.test(enDescription) ? { kind: 'dossier' } : { kind: 'text' };
  }
  if (name === 'file' || name === 'files') return { kind: 'file' };
  if (name === 'dir') return { kind: 'dir' };
  if (name === 'command') return { kind: 'command' };
  return { kind: 'text' };
}

/**
 * Run every definition's configure() on a throwaway commander program. Help texts are requested in
 * English (for classify) and shown in `lang`: the kit remembers which message each English text
 * came from.
 */
export async function describeProgram(defs: readonly CommandDefinition[], lang: Lang): Promise<CommandSpec> {
  const { Command: CommandCtor } = await import('commander');
  const seen = new Map<string, Msg>();
  const t = (m: Msg): string => {
    if (!seen.has(m.en)) seen.set(m.en, m);
    return m.en;
  };
  const show = (en: string): string => {
    const m = seen.get(en);
    return oneLine(m ? tr(lang, m) : en);
  };
  // an action on each command, as in main.ts: commander adds an implicit `help` command otherwise
  const kit: CommandKit = { lang: 'en', t, handle: (cmd) => void cmd.action(() => {}), examples() {} };

  const program = new CommandCtor('gov-desk')
    .helpOption('-h, --help', t(HELP))
    .helpCommand('help [command]', t(HELP_CMD))
    .version('0.0.0', '-V, --version', t(VERSION));
  for (const g of GLOBALS) {
    const o = program.createOption(g.flags, t(g.text));
    program.addOption(g.choices ? o.choices(g.choices) : o);
  }
  for (const def of defs) {
    const cmd = program.command(def.name).description(t(def.summary)).helpOption('-h, --help', t(HELP));
    def.configure(cmd, kit);
  }
  return walk(program, [], show);
}

function walk(cmd: Command, path: string[], show: (en: string) => string): CommandSpec {
  const help = cmd.createHelp();
  const options = help.visibleOptions(cmd).map((o) => optionSpec(o, show));
  const args = cmd.registeredArguments.map((a) => argSpec(a, show));
  const subcommands = help.visibleCommands(cmd).map((c) => walk(c, [...path, c.name()], show));
  return { name: path.length ? path[path.length - 1]! : cmd.name(), path, description: show(cmd.description()), options, args, subcommands };
}

function optionSpec(o: Option, show: (en: string) => string): OptionSpec {
  const names = [o.short, o.long].filter((n): n is string => typeof n === 'string');
  const value = o.required ? 'required' : o.optional ? 'optional' : 'none';
  const kind = value === 'none' ? { kind: 'text' as const } : classify(valueName(o.flags), o.description, o.argChoices ? { long: o.long ?? '', choices: o.argChoices } : { long: o.long ?? '' });
  return { names, description: show(o.description), value, variadic: o.variadic, repeatable: o.variadic || (typeof o.parseArg === 'function' && !o.argChoices), kind };
}

function argSpec(a: Argument, show: (en: string) => string): ArgSpec {
  const kind = classify(a.name(), a.description, a.argChoices ? { choices: a.argChoices } : {});
  return { name: a.name(), description: show(a.description), required: a.required, variadic: a.variadic, kind };
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 89)}…` : flat;
}

/** Every command of the tree, depth first, the program itself first. */
export function allCommands(root: CommandSpec): CommandSpec[] {
  return [root, ...root.subcommands.flatMap(allCommands)];
}

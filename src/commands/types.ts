import type { Command } from 'commander';
import type { Context } from '../context.js';
import type { Lang, Msg } from '../i18n/index.js';

export interface HandlerInput {
  /** Positional arguments of the (sub)command. */
  args: string[];
  /** Options of the command, merged with the global ones. */
  opts: Record<string, unknown>;
}

/** Returns the exit code. Throws GovDeskError for known failures. */
export type Handler = (ctx: Context, input: HandlerInput) => Promise<number>;

export interface CommandKit {
  lang: Lang;
  t(m: Msg): string;
  /** Attach a lazily imported handler as the command's action. */
  handle(cmd: Command, load: () => Promise<Handler>): void;
  /** Add an "Examples" block to the command's --help. */
  examples(cmd: Command, lines: string[]): void;
}

/** One entry of the command registry: cheap to import (no heavy modules), handlers load lazily. */
export interface CommandDefinition {
  name: string;
  summary: Msg;
  configure(cmd: Command, kit: CommandKit): void;
}

import { type Readable, Writable } from 'node:stream';
import { cancelled } from './errors.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
  disabled?: boolean | string;
}

/** The prompts the handlers use. The real one wraps @inquirer/prompts; tests script the answers. */
export interface Prompter {
  input(o: { message: string; default?: string; validate?: (v: string) => true | string }): Promise<string>;
  confirm(o: { message: string; default?: boolean }): Promise<boolean>;
  select<T>(o: { message: string; choices: Choice<T>[]; default?: T; pageSize?: number }): Promise<T>;
  search<T>(o: { message: string; source: (term: string | undefined) => Promise<Choice<T>[]> | Choice<T>[]; pageSize?: number }): Promise<T>;
  checkbox<T>(o: { message: string; choices: (Choice<T> & { checked?: boolean })[]; pageSize?: number }): Promise<T[]>;
  /** Hidden input (a backup passphrase). */
  password?(o: { message: string }): Promise<string>;
}

/** Ctrl-C inside a prompt becomes the typed "cancelled" error (exit 130, nothing written). */
async function guard<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError')) throw cancelled();
    throw e;
  }
}

export async function createInquirerPrompter(input: Readable, output: Writable, lang: 'vi' | 'en' = 'vi'): Promise<Prompter> {
  const inq = await import('@inquirer/prompts');
  // Each prompt pipes into `output` and ends its pipe when done; a pass-through that ignores the end
  // keeps the real stream open for the next prompt (process.stderr ignores end(), other streams do not).
  const keepOpen = (): Writable => {
    const w = new Writable({ write: (chunk, enc, cb) => void output.write(chunk, enc, cb) });
    const o = output as Writable & { isTTY?: boolean; columns?: number; rows?: number };
    Object.defineProperties(w, { isTTY: { get: () => o.isTTY }, columns: { get: () => o.columns ?? 80 }, rows: { get: () => o.rows ?? 24 } });
    return w;
  };
  const context = { input, get output() { return keepOpen(); }, clearPromptOnDone: false };
  return {
    password: (o) => guard(inq.password({ message: o.message, mask: '*' }, context)),
    input: (o) => guard(inq.input({ message: o.message, default: o.default, validate: o.validate }, context)),
    confirm: (o) => guard(inq.confirm({ message: o.message, default: o.default, transformer: (v) => (v ? (lang === 'vi' ? 'Có' : 'Yes') : lang === 'vi' ? 'Không' : 'No') }, context)),
    select: (o) => guard(inq.select({ message: o.message, choices: o.choices, default: o.default, pageSize: o.pageSize }, context)),
    search: (o) => guard(inq.search({ message: o.message, source: async (term) => o.source(term), pageSize: o.pageSize }, context)),
    checkbox: (o) => guard(inq.checkbox({ message: o.message, choices: o.choices, pageSize: o.pageSize }, context)),
  };
}

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

/** A yes/no answer in Vietnamese (c/có, k/không) or English (y/yes, n/no); empty → the default; else undefined. */
export function parseYesNo(value: string, dflt: boolean | undefined): boolean | undefined {
  const v = value.trim().toLowerCase().normalize('NFC');
  if (v === '') return dflt;
  if (/^(c|có|co|y|yes)$/.test(v)) return true;
  if (/^(k|không|khong|n|no)$/.test(v)) return false;
  return undefined;
}

/** The words of the prompts' key hints (↑↓ navigate • ⏎ select) in Vietnamese. */
const KEY_WORDS_VI: Record<string, string> = { navigate: 'di chuyển', select: 'chọn', submit: 'xác nhận', all: 'chọn tất cả', invert: 'đảo chọn', space: 'dấu cách' };

export function keysHelpTip(lang: 'vi' | 'en', keys: [string, string][]): string {
  const w = (x: string) => (lang === 'vi' ? (KEY_WORDS_VI[x] ?? x) : x);
  return keys.map(([key, action]) => `${w(key)} ${w(action)}`).join(' • ');
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
  const theme = { style: { keysHelpTip: (keys: [string, string][]) => keysHelpTip(lang, keys) } };
  // Vietnamese yes/no: "(c/K)", answered c/có or k/không (y/n still understood)
  const confirmVi = async (o: { message: string; default?: boolean }): Promise<boolean> => {
    const hint = o.default === true ? 'C/k' : o.default === false ? 'c/K' : 'c/k';
    const answer = await inq.input({
      message: `${o.message} (${hint})`,
      validate: (v) => (parseYesNo(v, o.default) === undefined ? 'Trả lời c (có) hoặc k (không).' : true),
      transformer: (v, { isFinal }) => (isFinal ? (parseYesNo(v, o.default) ? 'Có' : 'Không') : v),
    }, context);
    return parseYesNo(answer, o.default) ?? false;
  };
  return {
    password: (o) => guard(inq.password({ message: o.message, mask: '*' }, context)),
    input: (o) => guard(inq.input({ message: o.message, default: o.default, validate: o.validate }, context)),
    confirm: (o) => guard(lang === 'vi' ? confirmVi(o) : inq.confirm({ message: o.message, default: o.default }, context)),
    select: (o) => guard(inq.select({ message: o.message, choices: o.choices, default: o.default, pageSize: o.pageSize, theme }, context)),
    search: (o) => guard(inq.search({ message: o.message, source: async (term) => o.source(term), pageSize: o.pageSize, theme }, context)),
    checkbox: (o) => guard(inq.checkbox({ message: o.message, choices: o.choices, pageSize: o.pageSize, theme }, context)),
  };
}

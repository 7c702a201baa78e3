/**
 * Commander writes its own words ("Usage:", "Options:", "error: unknown command …"). In Vietnamese
 * they are rendered in Vietnamese: the help headings and usage words through commander's Help
 * hooks, its error lines by matching the (stable, English) message patterns it produces.
 */
import type { Lang } from './index.js';

const TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Options:': 'Tùy chọn:',
  'Commands:': 'Lệnh:',
  'Arguments:': 'Tham số:',
  'Global Options:': 'Tùy chọn chung:',
};

const USAGE_WORDS: [RegExp, string][] = [
  [/\[options\]/g, '[tùy chọn]'],
  [/\[command\]/g, '[lệnh]'],
];

/** `(choices: …, default: …)` in option and argument descriptions. */
const EXTRA_WORDS: [RegExp, string][] = [
  [/\bchoices: /g, 'lựa chọn: '],
  [/\bdefault: /g, 'mặc định: '],
  [/\bpreset: /g, 'đặt sẵn: '],
  [/\benv: /g, 'biến môi trường: '],
];

/** Commander's error messages (lib/command.js, lib/suggestSimilar.js) → Vietnamese. */
const ERRORS: [RegExp, string][] = [
  [/^error: unknown option '(.+?)'/, "lỗi: không có tùy chọn '$1'"],
  [/^error: unknown command '(.+?)'/, "lỗi: không có lệnh '$1'"],
  [/^error: missing required argument '(.+?)'/, "lỗi: thiếu tham số bắt buộc '$1'"],
  [/^error: option '(.+?)' argument missing/, "lỗi: tùy chọn '$1' thiếu giá trị"],
  [/^error: required option '(.+?)' not specified/, "lỗi: chưa có tùy chọn bắt buộc '$1'"],
  [/^error: option '(.+?)' argument '(.+?)' is invalid\./, "lỗi: giá trị '$2' của tùy chọn '$1' không hợp lệ."],
  [/^error: command-argument value '(.+?)' is invalid for argument '(.+?)'\./, "lỗi: giá trị '$1' của tham số '$2' không hợp lệ."],
  [/^error: too many arguments for '(.+?)'\. Expected (\d+) arguments? but got (\d+)\./, "lỗi: thừa tham số cho lệnh '$1': cần $2, nhận $3."],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./, 'lỗi: thừa tham số: cần $1, nhận $2.'],
  [/^error: (.+) cannot be used with (.+)$/m, 'lỗi: $1 không dùng cùng với $2'],
  [/Allowed choices are (.+)\./, 'Chỉ nhận: $1.'],
  [/\(Did you mean one of (.+)\?\)/, '(Có phải ý bạn là một trong: $1?)'],
  [/\(Did you mean (.+)\?\)/, '(Có phải ý bạn là $1?)'],
];

function replaceAll(s: string, table: [RegExp, string][]): string {
  return table.reduce((acc, [re, to]) => acc.replace(re, to), s);
}

/** One of commander's error lines in the UI language. */
export function commanderError(lang: Lang, text: string): string {
  return lang === 'vi' ? replaceAll(text, ERRORS) : text;
}

/** Overrides for `program.configureHelp()`: headings and usage words in Vietnamese. */
export function helpOverrides(lang: Lang, base: { optionDescription(o: unknown): string; argumentDescription(a: unknown): string; styleUsage(s: string): string; styleSubcommandTerm(s: string): string }): Record<string, unknown> {
  if (lang !== 'vi') return {};
  return {
    styleTitle: (s: string) => TITLES[s] ?? s,
    styleUsage: (s: string) => base.styleUsage(replaceAll(s, USAGE_WORDS)),
    styleSubcommandTerm: (s: string) => base.styleSubcommandTerm(replaceAll(s, USAGE_WORDS)),
    optionDescription(this: unknown, o: unknown) {
      return replaceAll(base.optionDescription.call(this, o), EXTRA_WORDS);
    },
    argumentDescription(this: unknown, a: unknown) {
      return replaceAll(base.argumentDescription.call(this, a), EXTRA_WORDS);
    },
  };
}

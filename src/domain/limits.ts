/**
 * Length limits of free text typed or imported at the desk (issue 13 §7). Sanity limits of the
 * tool, not legal rules: far above what a form holds, low enough that nothing downstream (PDF
 * line breaking, the store's lock) can be held up by a pasted megabyte. Counted in characters
 * (code points) after NFC. Pure.
 */
import type { Msg } from '../i18n/index.js';
import { NAME_MAX_LENGTH } from './person.js';

export const TEXT_LIMITS = {
  name: NAME_MAX_LENGTH,
  address: 300,
  email: 254,
  phone: 30,
  operator: 100,
  /** reasons, notes, the supplement note, a refusal. */
  note: 1000,
  /** Any other option or argument on the command line (paths, codes, lists, QR lines). */
  other: 4000,
} as const;

/** Command-line options (commander's camelCase names) and the limit each gets. */
export const OPTION_LIMITS: Record<string, number> = {
  name: TEXT_LIMITS.name,
  repName: TEXT_LIMITS.name,
  signer: TEXT_LIMITS.name,
  operator: TEXT_LIMITS.operator,
  member: TEXT_LIMITS.operator,
  address: TEXT_LIMITS.address,
  postAddress: TEXT_LIMITS.address,
  email: TEXT_LIMITS.email,
  phone: TEXT_LIMITS.phone,
  repPhone: TEXT_LIMITS.phone,
  note: TEXT_LIMITS.note,
  reason: TEXT_LIMITS.note,
  refuse: TEXT_LIMITS.note,
  refused: TEXT_LIMITS.note,
  supplementNote: TEXT_LIMITS.note,
  invalid: TEXT_LIMITS.note,
};

export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** A problem message when `value` is longer than `max` characters, else undefined. */
export function tooLong(label: string, value: string, max: number): Msg | undefined {
  const n = value.length <= max ? value.length : textLength(value);
  if (n <= max) return undefined;
  return { vi: `${label}: quá dài (${n} ký tự, tối đa ${max})`, en: `${label}: too long (${n} characters, at most ${max})` };
}

const kebab = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The first option or argument of a command line that is too long (string values, also inside arrays). */
export function commandLineTooLong(args: readonly string[], opts: Record<string, unknown>): Msg | undefined {
  for (const [k, v] of Object.entries(opts)) {
    for (const s of Array.isArray(v) ? v : [v]) {
      if (typeof s !== 'string') continue;
      const m = tooLong(kebab(k), s, OPTION_LIMITS[k] ?? TEXT_LIMITS.other);
      if (m) return m;
    }
  }
  for (const a of args) {
    const m = tooLong(a.slice(0, 12) + '…', a, TEXT_LIMITS.other);
    if (m) return m;
  }
  return undefined;
}

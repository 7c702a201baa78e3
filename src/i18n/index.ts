/**
 * Messages are written next to the code that uses them as `{ vi, en }` pairs, so that a module
 * brings its own texts and nothing loads a global message table at startup.
 * Vietnamese is the default language; English with `--lang en` or `GOV_DESK_LANG=en`.
 */
export type Lang = 'vi' | 'en';

export interface Msg {
  vi: string;
  en: string;
}

export const LANGS: readonly Lang[] = ['vi', 'en'];

export function parseLang(value: string | undefined): Lang | undefined {
  if (!value) return undefined;
  const v = value.trim().toLowerCase();
  if (v.startsWith('vi')) return 'vi';
  if (v.startsWith('en')) return 'en';
  return undefined;
}

/** Pick the text for a language and fill `{name}` placeholders. */
export function tr(lang: Lang, msg: Msg, vars?: Record<string, string | number>): string {
  const text = msg[lang];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = vars[key];
    return v === undefined ? whole : String(v);
  });
}

export function msg(vi: string, en: string): Msg {
  return { vi, en };
}

import { stripDiacritics } from '../domain/text.js';

/**
 * The file-name convention for non-interactive imports (docs/scan-import.md): the component id
 * appears in the file name as a whole word, e.g. `to-khai.jpg`, `to-khai-2.jpg`,
 * `giay-chung-sinh_p1.png`, `HS0001 to khai 3.jpg`. Case, Vietnamese diacritics and the
 * separators ` `, `_`, `.`, `-` do not matter. When one id is part of a longer one that also
 * matches at the same place (`to-khai` in `to-khai-ket-hon`), the longer one wins; two ids at
 * different places make the name ambiguous. Pure.
 */
export function normalizeName(fileName: string): string {
  const base = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return stripDiacritics(base.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export type MatchResult = { kind: 'one'; id: string } | { kind: 'ambiguous'; ids: string[] } | { kind: 'none' };

export function matchComponent(fileName: string, ids: readonly string[]): MatchResult {
  const name = `-${normalizeName(fileName)}-`;
  const spans: { id: string; start: number; end: number }[] = [];
  for (const id of ids) {
    const key = `-${normalizeName(id)}-`;
    if (key === '--') continue;
    for (let at = name.indexOf(key); at >= 0; at = name.indexOf(key, at + 1)) spans.push({ id, start: at, end: at + key.length });
  }
  const kept = spans.filter((s) => !spans.some((o) => o !== s && o.id !== s.id && o.start <= s.start && o.end >= s.end && o.end - o.start > s.end - s.start));
  const found = [...new Set(kept.map((s) => s.id))];
  if (found.length === 1) return { kind: 'one', id: found[0]! };
  if (found.length > 1) return { kind: 'ambiguous', ids: found };
  return { kind: 'none' };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Natural order of file names (`to-khai`, `to-khai-2`, `to-khai-10`): compared without extension,
 * diacritics, case and separator differences first, numbers by value.
 */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(normalizeName(a), normalizeName(b)) || collator.compare(a, b);
}

/** Names that cannot be stored or shown safely: path separators or control characters. */
export function badNameReason(name: string): 'separator' | 'control' | 'empty' | null {
  if (name.length === 0 || name === '.' || name === '..') return 'empty';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'control';
  if (/[/\\]/.test(name)) return 'separator';
  return null;
}

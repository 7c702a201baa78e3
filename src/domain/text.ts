/** Vietnamese text helpers: NFC on input, diacritic-free folding for search and unsigned SMS. */

export function nfc(s: string): string {
  return s.normalize('NFC');
}

/** Trim, collapse inner white space, NFC. */
export function cleanText(s: string): string {
  return nfc(s).replace(/\s+/g, ' ').trim();
}

/**
 * Remove Vietnamese diacritics: decompose, drop combining marks, and map đ/Đ explicitly
 * (they are letters of their own, not d + a mark, so NFD leaves them alone).
 */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Lower-case, diacritic-free, punctuation to spaces: the key for searches. */
export function foldForSearch(s: string): string {
  return stripDiacritics(s)
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Keep the first and last characters, star the middle: `060******234`. Identifiers stay strings. */
export function maskMiddle(s: string, keepStart: number, keepEnd: number): string {
  if (s.length <= keepStart + keepEnd) return '*'.repeat(s.length);
  return s.slice(0, keepStart) + '*'.repeat(s.length - keepStart - keepEnd) + s.slice(s.length - keepEnd);
}

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

/**
 * Stored or typed text made safe to print on a terminal: C0 controls (ESC, BEL, backspace, CR, LF,
 * tab…), DEL, C1 controls (U+0080–U+009F, CSI U+009B included), the bidi overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) and the line/paragraph separators are
 * shown escaped (`\x1b`, `\u202e`) instead of acting on the terminal: a name cannot clear the
 * screen, retitle the window, hide text or reverse a line. The one function used wherever stored
 * text reaches human output; JSON output carries the text as it is (escaped by JSON).
 */
export function terminalSafe(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

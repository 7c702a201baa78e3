/**
 * SMS text: unsigned (không dấu) conversion and segment counting (sms-gateways.md, "Encoding and
 * length"). Pure: no I/O.
 *
 * - GSM-7: 160 septets in one segment, 153 per segment when split; the extension table
 *   (`^ { } \ [ ~ ] | €`) costs two septets (escape + character) and is never split.
 * - Any character outside GSM-7 makes the whole message UCS-2: 70 UTF-16 units in one segment,
 *   67 per segment when split; a surrogate pair is never split.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** GSM 03.38 basic character set (the escape 0x1B excluded). */
const GSM7_BASIC = new Set([
  ...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
]);

/** GSM 03.38 extension table as listed in the reference: each counts as two septets. */
export const GSM7_EXTENSION: readonly string[] = ['^', '{', '}', '\\', '[', '~', ']', '|', '€'];
const GSM7_EXT = new Set(GSM7_EXTENSION);

export function isGsm7Char(c: string): boolean {
  return GSM7_BASIC.has(c) || GSM7_EXT.has(c);
}

export function isGsm7(text: string): boolean {
  for (const c of text) if (!isGsm7Char(c)) return false;
  return true;
}

export interface SegmentInfo {
  encoding: SmsEncoding;
  /** Characters (code points) after NFC. */
  characters: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Capacity of one segment for this message: 160/153 (GSM-7) or 70/67 (UCS-2). */
  perSegment: number;
  /** Characters outside GSM-7 that forced UCS-2 (distinct, in order of appearance). */
  nonGsm: string[];
}

/** Count the segments of a message as the carriers do. The text is normalised to NFC first. */
export function countSegments(input: string): SegmentInfo {
  const text = input.normalize('NFC');
  const chars = [...text];
  const nonGsm = [...new Set(chars.filter((c) => !isGsm7Char(c)))];
  if (nonGsm.length === 0) {
    const sizes = chars.map((c) => (GSM7_EXT.has(c) ? 2 : 1));
    return pack('GSM-7', chars.length, sizes, 160, 153, nonGsm);
  }
  const sizes = chars.map((c) => c.length); // 2 for characters outside the BMP
  return pack('UCS-2', chars.length, sizes, 70, 67, nonGsm);
}

/** Greedy packing: an item (escape sequence, surrogate pair) never straddles two segments. */
function pack(encoding: SmsEncoding, characters: number, sizes: number[], single: number, multi: number, nonGsm: string[]): SegmentInfo {
  const units = sizes.reduce((a, b) => a + b, 0);
  if (units === 0) return { encoding, characters, units, segments: 0, perSegment: single, nonGsm };
  if (units <= single) return { encoding, characters, units, segments: 1, perSegment: single, nonGsm };
  let segments = 1;
  let used = 0;
  for (const s of sizes) {
    if (used + s > multi) {
      segments++;
      used = 0;
    }
    used += s;
  }
  return { encoding, characters, units, segments, perSegment: multi, nonGsm };
}

/**
 * Remove Vietnamese diacritics for unsigned SMS: NFC, decompose, drop the combining marks, and
 * map `đ`/`Đ` explicitly (they have no decomposition, so NFD alone leaves them as they are).
 */
export function unsign(text: string): string {
  return text
    .normalize('NFC')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Typographic characters that are not GSM-7 and would silently switch a message to UCS-2. */
const TYPOGRAPHIC: readonly [RegExp, string][] = [
  [/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"'],
  [/[\u2018\u2019\u201A]/g, "'"],
  [/[\u2013\u2014\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u200B-\u200D\uFEFF]/g, ''],
  [/[\t\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' '],
];

/**
 * Characters some carriers refuse (the reference names `&` and `#`) and what they become. A commune
 * can change this table in the profile (`notify.sms.replace`).
 */
export const DEFAULT_REFUSED: Readonly<Record<string, string>> = { '&': ' va ', '#': ' so ' };

export interface PrepareOptions {
  /** Remove diacritics (the default for brandname customer-care messages). */
  unsigned: boolean;
  /** Characters carriers refuse → replacement. */
  replace?: Readonly<Record<string, string>>;
}

export interface PreparedSms {
  text: string;
  /** Refused characters that were replaced (distinct). */
  replaced: string[];
  info: SegmentInfo;
}

/** Character-level preparation (no trimming): NFC, typographic clean-up, unsigning, refused characters. */
export function transformSmsChars(input: string, opts: PrepareOptions): { text: string; replaced: string[] } {
  let text = input.normalize('NFC').replace(/\r\n?/g, '\n');
  for (const [re, to] of TYPOGRAPHIC) text = text.replace(re, to);
  if (opts.unsigned) text = unsign(text);
  const replaced: string[] = [];
  for (const [from, to] of Object.entries(opts.replace ?? DEFAULT_REFUSED)) {
    if (from && text.includes(from)) {
      replaced.push(from);
      text = text.split(from).join(to);
    }
  }
  return { text, replaced };
}

/** NFC, optional unsigning, typographic clean-up, refused characters replaced, spaces tidied. */
export function prepareSmsText(input: string, opts: PrepareOptions): PreparedSms {
  const t = transformSmsChars(input, opts);
  const text = t.text
    .split('\n')
    .map((l) => l.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .trim();
  return { text, replaced: t.replaced, info: countSegments(text) };
}

/** Estimated cost: segments × price per segment (a configured value; see docs/notify.md). */
export function estimateCost(info: Pick<SegmentInfo, 'segments'>, pricePerSegment: number): number {
  return info.segments * pricePerSegment;
}

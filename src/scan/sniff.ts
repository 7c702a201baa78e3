/**
 * What a file really is, judged by its first bytes (magic numbers), never by its name. Pure.
 * Scanners produce PDF, JPEG, PNG and sometimes TIFF; everything else is named only to give a
 * clear message ("this .pdf is really a ZIP archive").
 */
export const SCAN_TYPES = ['pdf', 'jpeg', 'png', 'tiff'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

/**
 * The scan type of some bytes, or null. A PDF may start with a little junk before `%PDF-`
 * (readers accept up to 1024 bytes); the image formats must start with their signature.
 */
export function sniffType(bytes: Uint8Array): ScanType | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (pdfHeaderOffset(bytes) >= 0) return 'pdf';
  return null;
}

/** Where `%PDF-` starts within the first 1024 bytes, or -1. */
export function pdfHeaderOffset(bytes: Uint8Array): number {
  const sig = ascii('%PDF-');
  const end = Math.min(bytes.length - sig.length, 1024);
  for (let i = 0; i <= end; i++) if (startsWith(bytes, sig, i)) return i;
  return -1;
}

/** Other formats people drop into a scan folder, recognised only to name them in messages. */
const OTHER: { name: string; test: (b: Uint8Array) => boolean }[] = [
  { name: 'ZIP', test: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]) },
  { name: 'GIF', test: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')) },
  { name: 'BMP', test: (b) => startsWith(b, ascii('BM')) && b.length > 14 },
  { name: 'WebP', test: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  { name: 'HEIC', test: (b) => startsWith(b, ascii('ftyp'), 4) && /^(heic|heix|mif1|msf1|hevc)$/.test(String.fromCharCode(...b.subarray(8, 12))) },
  { name: 'RAR', test: (b) => startsWith(b, ascii('Rar!')) },
  { name: '7z', test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { name: 'gzip', test: (b) => startsWith(b, [0x1f, 0x8b]) },
  { name: 'Word/Excel (OLE)', test: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
  { name: 'executable', test: (b) => startsWith(b, ascii('MZ')) || startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) },
];

/** A short name for what the bytes are (for messages): a scan type in capitals, another known format, text, or "unknown". */
export function describeContent(bytes: Uint8Array): string {
  const t = sniffType(bytes);
  if (t) return t.toUpperCase();
  for (const o of OTHER) if (o.test(bytes)) return o.name;
  const head = bytes.subarray(0, 512);
  if (head.length > 0 && head.every((c) => c === 0x09 || c === 0x0a || c === 0x0d || c >= 0x20)) return 'text';
  return 'unknown';
}

const EXTENSIONS: Record<string, ScanType> = {
  pdf: 'pdf',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  png: 'png',
  tif: 'tiff',
  tiff: 'tiff',
};

/** The type a file name claims (by extension), or null when the name claims none of ours. */
export function claimedType(fileName: string): ScanType | null {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return m ? (EXTENSIONS[m[1]!.toLowerCase()] ?? null) : null;
}

/** The extension is one of ours and says something else than the content: a disguised file. */
export function isDisguised(fileName: string, actual: ScanType | null): boolean {
  const claimed = claimedType(fileName);
  return claimed !== null && claimed !== actual;
}

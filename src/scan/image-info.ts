import { crc32 } from 'node:zlib';
import { inflateAtMost } from './inflate.js';

/**
 * Structural checks of JPEG and PNG files: enough to tell a whole picture from a truncated or
 * damaged one, and to read its size and declared resolution. No pixels are decoded (PNG data is
 * inflated once to prove it is complete, never past the size its header declares). The declared
 * size is checked against a pixel limit before anything is inflated (decompression bombs).
 */
export interface ImageInfo {
  width: number;
  height: number;
  /** Declared resolution in dots per inch; null when the file does not say. */
  dpiX: number | null;
  dpiY: number | null;
}

/**
 * `unsupported`: a valid file of a variant we cannot embed (as opposed to a damaged one).
 * `pixels`: the picture declares more pixels than the limit (nothing was decoded).
 */
export type Parsed<T> = { ok: true; info: T } | { ok: false; problem: string; unsupported?: boolean; pixels?: { width: number; height: number } };

const bad = (problem: string, unsupported = false): { ok: false; problem: string; unsupported?: boolean } => (unsupported ? { ok: false, problem, unsupported } : { ok: false, problem });

/**
 * Default pixel limit of one picture (one page): 50 megapixels. A 600 dpi A4 scan is
 * 4961 × 7016 ≈ 34.8 MP (Legal at 600 dpi ≈ 42.8 MP), so it passes; a "bomb" declaring
 * 20 000 × 20 000 does not. Configurable (`--max-megapixels`).
 */
export const DEFAULT_MAX_PIXELS = 50_000_000;

/** Refuse a declared size above `maxPixels` before any decoding. */
export function overPixelLimit(width: number, height: number, maxPixels: number): { ok: false; problem: string; pixels: { width: number; height: number } } | null {
  return width * height > maxPixels ? { ok: false, problem: `${width} × ${height} pixels`, pixels: { width, height } } : null;
}

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Bytes of filtered scanlines a PNG of this header inflates to (Adam7 passes when interlaced). */
export function pngDataSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number) => (w === 0 || h === 0 ? 0 : h * (1 + Math.ceil((w * bitsPerPixel) / 8)));
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce((sum, [xs, ys, dx, dy]) => sum + rows(Math.max(0, Math.ceil((width - xs) / dx)), Math.max(0, Math.ceil((height - ys) / dy))), 0);
}


function u16be(b: Uint8Array, i: number): number {
  return (b[i]! << 8) | b[i + 1]!;
}

function u32be(b: Uint8Array, i: number): number {
  return ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
}

/** SOF markers we accept: baseline, extended sequential and progressive Huffman JPEG (what PDF readers display). */
const SOF_OK = new Set([0xc0, 0xc1, 0xc2]);
const SOF_OTHER = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** A JPEG must start with SOI, have a frame header with a size, reach the scan, and end with EOI. */
export function parseJpeg(b: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS): Parsed<ImageInfo> {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return bad('no start-of-image marker');
  let i = 2;
  let frame: { width: number; height: number } | null = null;
  let dpiX: number | null = null;
  let dpiY: number | null = null;
  let sawScan = false;
  while (i < b.length) {
    if (b[i] !== 0xff) return bad(`marker expected at byte ${i}`);
    while (i < b.length && b[i] === 0xff) i++; // fill bytes
    if (i >= b.length) break;
    const marker = b[i]!;
    i++;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd9) return bad('end-of-image before any picture data');
    if (i + 2 > b.length) return bad('cut off inside a header');
    const len = u16be(b, i);
    if (len < 2 || i + len > b.length) return bad('cut off inside a header');
    const seg = b.subarray(i + 2, i + len);
    if (SOF_OK.has(marker) || SOF_OTHER.has(marker)) {
      if (SOF_OTHER.has(marker)) return bad('lossless, hierarchical or arithmetic-coded JPEG', true);
      if (seg.length < 6) return bad('frame header too short');
      const height = u16be(seg, 1);
      const width = u16be(seg, 3);
      const comps = seg[5]!;
      if (width === 0 || height === 0) return bad('frame header without a size');
      if (comps !== 1 && comps !== 3 && comps !== 4) return bad(`unexpected number of colour components (${comps})`);
      if (seg.length < 6 + comps * 3) return bad('frame header too short');
      const over = overPixelLimit(width, height, maxPixels);
      if (over) return over;
      frame = { width, height };
    } else if (marker === 0xe0 && seg.length >= 12 && String.fromCharCode(...seg.subarray(0, 5)) === 'JFIF\0') {
      const unit = seg[7]!;
      const x = u16be(seg, 8);
      const y = u16be(seg, 10);
      if (x > 0 && y > 0 && (unit === 1 || unit === 2)) {
        dpiX = unit === 1 ? x : x * 2.54;
        dpiY = unit === 1 ? y : y * 2.54;
      }
    } else if (marker === 0xda) {
      sawScan = true;
      break;
    }
    i += len;
  }
  if (!frame) return bad('no frame header (picture size)');
  if (!sawScan) return bad('no picture data');
  let end = b.length;
  while (end > 2 && b[end - 1] === 0x00) end--; // some devices pad with zeros after EOI
  if (b[end - 2] !== 0xff || b[end - 1] !== 0xd9) return bad('no end-of-image marker: the file is cut off');
  return { ok: true, info: { ...frame, dpiX: round1(dpiX), dpiY: round1(dpiY) } };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** A PNG must have its signature, IHDR first, whole chunks with correct CRCs, picture data that inflates, and IEND. */
export function parsePng(b: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS): Parsed<ImageInfo> {
  if (b.length < 8 || PNG_SIGNATURE.some((v, k) => b[k] !== v)) return bad('no PNG signature');
  let i = 8;
  let header: { width: number; height: number; depth: number; color: number; interlace: number } | null = null;
  let dpiX: number | null = null;
  let dpiY: number | null = null;
  const idat: Uint8Array[] = [];
  let ended = false;
  let palette = false;
  while (i < b.length) {
    if (i + 12 > b.length) return bad('cut off inside a chunk');
    const len = u32be(b, i);
    if (len > 0x7fffffff || i + 12 + len > b.length) return bad('cut off inside a chunk');
    const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
    const data = b.subarray(i + 8, i + 8 + len);
    const crc = u32be(b, i + 8 + len);
    if (crc32(b.subarray(i + 4, i + 8 + len)) !== crc) return bad(`damaged ${type} chunk (checksum)`);
    if (!header && type !== 'IHDR') return bad('IHDR is not the first chunk');
    if (type === 'IHDR') {
      if (header || len !== 13) return bad('bad IHDR chunk');
      header = { width: u32be(data, 0), height: u32be(data, 4), depth: data[8]!, color: data[9]!, interlace: data[12]! };
      if (header.width === 0 || header.height === 0) return bad('picture without a size');
      if (!DEPTHS[header.color]?.includes(header.depth) || data[10] !== 0 || data[11] !== 0 || header.interlace > 1) return bad('unknown colour type or bit depth');
      const over = overPixelLimit(header.width, header.height, maxPixels);
      if (over) return over;
    } else if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'pHYs' && len === 9 && data[8] === 1) {
      dpiX = u32be(data, 0) * 0.0254;
      dpiY = u32be(data, 4) * 0.0254;
      if (dpiX <= 0 || dpiY <= 0) dpiX = dpiY = null;
    } else if (type === 'IEND') {
      ended = true;
      break;
    }
    i += 12 + len;
  }
  if (!header) return bad('no IHDR chunk');
  if (idat.length === 0) return bad('no picture data (IDAT)');
  if (!ended) return bad('no IEND chunk: the file is cut off');
  if (header.color === 3 && !palette) return bad('palette picture without a palette');
  const expected = pngDataSize(header.width, header.height, CHANNELS[header.color]! * header.depth, header.interlace === 1);
  const raw = inflateAtMost(Buffer.concat(idat), expected);
  if (raw === 'damaged') return bad('picture data does not decompress');
  if (raw === 'too-large') return bad('picture data inflates to more than the declared picture size');
  if (raw.length < expected) return bad('picture data is shorter than the picture');
  return { ok: true, info: { width: header.width, height: header.height, dpiX: round1(dpiX), dpiY: round1(dpiY) } };
}

function round1(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10) / 10;
}

import { DEFAULT_MAX_PIXELS, overPixelLimit, type Parsed } from './image-info.js';
import { inflate, lzwDecode, TiffCodecError, unpackBits } from './tiff-codecs.js';

export { lzwDecode, unpackBits } from './tiff-codecs.js';

/**
 * TIFF, as office scanners write it. The structure is checked (header, every page's directory,
 * strips inside the file); pages are decoded into what a PDF image can hold without native
 * libraries: uncompressed, PackBits, LZW or Deflate strips of bilevel, grey, palette or RGB
 * pictures (8-bit, or 1/4-bit for bilevel/grey/palette), and single-strip CCITT Group 4
 * (passed through untouched). Anything else (JPEG-in-TIFF, tiles, CMYK, 16-bit, separate
 * planes) is refused with a clear message: those scanners can save PDF or JPEG instead.
 */
export interface TiffPage {
  width: number;
  height: number;
  dpiX: number | null;
  dpiY: number | null;
}

export interface TiffInfo {
  littleEndian: boolean;
  pages: TiffPage[];
}

/** One page ready to become a PDF image XObject. */
export interface DecodedTiffPage extends TiffPage {
  bitsPerComponent: number;
  colorSpace: { kind: 'gray' } | { kind: 'rgb' } | { kind: 'indexed'; hival: number; lookup: Uint8Array };
  /** Invert grey values (PhotometricInterpretation 0, "white is zero"). */
  invert: boolean;
  /** `raw`: uncompressed samples, to be deflated; `ccitt-g4`: CCITT Group 4 data as stored. */
  encoding: 'raw' | 'ccitt-g4';
  data: Uint8Array;
}

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const MAX_PAGES = 10_000;

class Reader {
  constructor(readonly b: Uint8Array, readonly le: boolean) {}
  u16(i: number): number {
    return this.le ? this.b[i]! | (this.b[i + 1]! << 8) : (this.b[i]! << 8) | this.b[i + 1]!;
  }
  u32(i: number): number {
    const b = this.b;
    return this.le ? (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + b[i + 3]! * 0x1000000 : b[i]! * 0x1000000 + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
  }
}

type Tags = Map<number, number[]>;

class TiffError extends Error {
  constructor(message: string, readonly unsupported = false, readonly pixels?: { width: number; height: number }) {
    super(message);
  }
}

function readIfd(r: Reader, off: number): { tags: Tags; next: number } {
  if (off + 2 > r.b.length) throw new TiffError('page directory outside the file (cut off?)');
  const n = r.u16(off);
  if (n === 0 || off + 2 + n * 12 + 4 > r.b.length) throw new TiffError('page directory cut off');
  const tags: Tags = new Map();
  for (let k = 0; k < n; k++) {
    const e = off + 2 + k * 12;
    const tag = r.u16(e);
    const type = r.u16(e + 2);
    const count = r.u32(e + 4);
    const size = TYPE_SIZE[type];
    if (!size) continue; // unknown types are skipped, as readers do
    const bytes = size * count;
    const at = bytes <= 4 ? e + 8 : r.u32(e + 8);
    if (at + bytes > r.b.length) throw new TiffError(`tag ${tag} points outside the file (cut off?)`);
    if (type === 2 || type === 7 || type === 6 || type === 8 || type === 9 || type === 10 || type === 11 || type === 12) {
      tags.set(tag, []);
      continue;
    }
    const values: number[] = [];
    const limit = Math.min(count, 1 << 20);
    for (let j = 0; j < limit; j++) {
      if (type === 1) values.push(r.b[at + j]!);
      else if (type === 3) values.push(r.u16(at + j * 2));
      else if (type === 4 || type === 13) values.push(r.u32(at + j * 4));
      else if (type === 5) {
        const den = r.u32(at + j * 8 + 4);
        values.push(den === 0 ? 0 : r.u32(at + j * 8) / den);
      }
    }
    tags.set(tag, values);
  }
  return { tags, next: r.u32(off + 2 + n * 12) };
}

const one = (t: Tags, tag: number, dflt: number): number => t.get(tag)?.[0] ?? dflt;

function pageInfo(t: Tags, maxPixels: number): TiffPage {
  const width = one(t, 256, 0);
  const height = one(t, 257, 0);
  if (width === 0 || height === 0) throw new TiffError('page without a size');
  const over = overPixelLimit(width, height, maxPixels);
  if (over) throw new TiffError(over.problem, false, over.pixels); // before any strip is decoded
  const unit = one(t, 296, 2);
  const xr = t.get(282)?.[0] ?? 0;
  const yr = t.get(283)?.[0] ?? 0;
  const dpi = (v: number) => (v > 0 && (unit === 2 || unit === 3) ? Math.round((unit === 3 ? v * 2.54 : v) * 10) / 10 : null);
  return { width, height, dpiX: dpi(xr), dpiY: dpi(yr || xr) };
}

function pageStructure(r: Reader, t: Tags): void {
  if (t.has(322) || t.has(324)) throw new TiffError('tiled TIFF', true);
  const offsets = t.get(273);
  const counts = t.get(279);
  if (!offsets || !counts || offsets.length === 0 || offsets.length !== counts.length) throw new TiffError('no picture strips');
  for (let k = 0; k < offsets.length; k++) {
    if (counts[k]! === 0 || offsets[k]! + counts[k]! > r.b.length) throw new TiffError('picture strip outside the file: the file is cut off');
  }
}

function walk(bytes: Uint8Array): { r: Reader; ifds: Tags[] } {
  if (bytes.length < 8) throw new TiffError('header cut off');
  const le = bytes[0] === 0x49;
  const r = new Reader(bytes, le);
  const magic = r.u16(2);
  if (magic === 43) throw new TiffError('BigTIFF', true);
  if (magic !== 42) throw new TiffError('bad header');
  const seen = new Set<number>();
  const ifds: Tags[] = [];
  let off = r.u32(4);
  while (off !== 0) {
    if (seen.has(off) || ifds.length >= MAX_PAGES) throw new TiffError('page directories form a loop');
    seen.add(off);
    const { tags, next } = readIfd(r, off);
    ifds.push(tags);
    off = next;
  }
  if (ifds.length === 0) throw new TiffError('no pages');
  return { r, ifds };
}

/** Structure check: header, directories, strips inside the file, every page within the pixel limit and embeddable. */
export function parseTiff(bytes: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS): Parsed<TiffInfo> {
  try {
    const { r, ifds } = walk(bytes);
    ifds.forEach((t) => pageInfo(t, maxPixels)); // every page's size first: refuse a bomb on page 9 before decoding page 1
    const pages = ifds.map((t) => {
      const p = pageInfo(t, maxPixels);
      pageStructure(r, t);
      decodePage(r, t, p); // proves the data decodes and is long enough
      return p;
    });
    return { ok: true, info: { littleEndian: r.le, pages } };
  } catch (e) {
    if (e instanceof TiffError && e.pixels) return { ok: false, problem: e.message, pixels: e.pixels };
    if (e instanceof TiffError) return e.unsupported ? { ok: false, problem: e.message, unsupported: true } : { ok: false, problem: e.message };
    if (e instanceof TiffCodecError) return { ok: false, problem: e.message };
    throw e;
  }
}

/**
 * Every page, decoded for embedding, one at a time (a page's samples can be freed once it is
 * embedded, so a long TIFF never holds all its pages in memory). Call after parseTiff succeeded.
 */
export function* decodeTiff(bytes: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS): Generator<DecodedTiffPage> {
  const { r, ifds } = walk(bytes);
  for (const t of ifds) yield decodePage(r, t, pageInfo(t, maxPixels));
}

function decodePage(r: Reader, t: Tags, p: TiffPage): DecodedTiffPage {
  pageStructure(r, t);
  const compression = one(t, 259, 1);
  const photometric = one(t, 262, -1);
  const spp = one(t, 277, 1);
  const bps = t.get(258) ?? [1];
  const bits = bps[0]!;
  if (bps.some((b) => b !== bits)) throw new TiffError('mixed bit depths', true);
  if (one(t, 284, 1) !== 1) throw new TiffError('separate colour planes', true);
  if (one(t, 266, 1) !== 1) throw new TiffError('reversed bit order (FillOrder 2)', true);
  const offsets = t.get(273)!;
  const counts = t.get(279)!;
  const strip = (k: number) => r.b.subarray(offsets[k]!, offsets[k]! + counts[k]!);

  if (compression === 4) {
    if (bits !== 1 || spp !== 1) throw new TiffError('CCITT picture that is not black and white');
    if (offsets.length !== 1) throw new TiffError('CCITT Group 4 in several strips', true);
    return { ...p, bitsPerComponent: 1, colorSpace: { kind: 'gray' }, invert: photometric === 1, encoding: 'ccitt-g4', data: strip(0) };
  }
  if (![1, 5, 8, 32946, 32773].includes(compression)) throw new TiffError(`compression ${compression}${compression === 6 || compression === 7 ? ' (JPEG inside TIFF)' : ''}`, true);
  let colorSpace: DecodedTiffPage['colorSpace'];
  let keep = spp;
  if (photometric === 0 || photometric === 1) {
    if (![1, 4, 8].includes(bits) || spp !== 1) throw new TiffError(`grey picture with ${spp}×${bits} bits`, true);
    colorSpace = { kind: 'gray' };
  } else if (photometric === 2) {
    if (bits !== 8 || (spp !== 3 && spp !== 4)) throw new TiffError(`RGB picture with ${spp}×${bits} bits`, true);
    colorSpace = { kind: 'rgb' };
    keep = 3;
  } else if (photometric === 3) {
    const map = t.get(320);
    if (![1, 4, 8].includes(bits) || spp !== 1) throw new TiffError(`palette picture with ${bits} bits`, true);
    if (!map || map.length !== 3 * (1 << bits)) throw new TiffError('palette picture without a colour map');
    const n = 1 << bits;
    const lookup = new Uint8Array(3 * n);
    for (let k = 0; k < n; k++) for (let c = 0; c < 3; c++) lookup[k * 3 + c] = map[c * n + k]! >> 8;
    colorSpace = { kind: 'indexed', hival: n - 1, lookup };
  } else throw new TiffError(`colour model ${photometric} (e.g. CMYK or YCbCr)`, true);

  const predictor = one(t, 317, 1);
  if (predictor !== 1 && !(predictor === 2 && bits === 8)) throw new TiffError(`predictor ${predictor}`, true);
  const rowBytes = Math.ceil((p.width * spp * bits) / 8);
  const rowsPerStrip = Math.min(one(t, 278, p.height), p.height);
  if (offsets.length !== Math.ceil(p.height / rowsPerStrip)) throw new TiffError('strip count does not match the picture height');
  const out = new Uint8Array(rowBytes * p.height);
  for (let k = 0; k < offsets.length; k++) {
    const rows = Math.min(rowsPerStrip, p.height - k * rowsPerStrip);
    const need = rows * rowBytes;
    const src = strip(k);
    const data = compression === 1 ? src : compression === 32773 ? unpackBits(src, need) : compression === 5 ? lzwDecode(src, need) : inflate(src, need);
    if (data.length < need) throw new TiffError('picture strip shorter than the picture: the file is damaged');
    out.set(data.subarray(0, need), k * rowsPerStrip * rowBytes);
  }
  if (predictor === 2) {
    for (let y = 0; y < p.height; y++) for (let x = spp; x < rowBytes; x++) out[y * rowBytes + x] = (out[y * rowBytes + x]! + out[y * rowBytes + x - spp]!) & 0xff;
  }
  let data = out;
  if (keep !== spp) {
    data = new Uint8Array(p.width * p.height * keep);
    for (let px = 0; px < p.width * p.height; px++) for (let c = 0; c < keep; c++) data[px * keep + c] = out[px * spp + c]!;
  }
  return { ...p, bitsPerComponent: bits, colorSpace, invert: photometric === 0, encoding: 'raw', data };
}

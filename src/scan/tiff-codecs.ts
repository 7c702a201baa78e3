import { inflateAtMost } from './inflate.js';

/** Strip decoders for TIFF: Deflate, PackBits, LZW. They throw TiffCodecError on damaged data. */
export class TiffCodecError extends Error {}

/** Deflate strip of `need` bytes: inflated never past `need` (plus a little slack), so a bomb stops there. */
export function inflate(src: Uint8Array, need: number): Uint8Array {
  const out = inflateAtMost(src, need);
  if (out === 'damaged') throw new TiffCodecError('picture data does not decompress');
  if (out === 'too-large') throw new TiffCodecError('picture strip inflates to more than the declared picture size');
  return out;
}

/** PackBits (Apple/TIFF run-length), up to `need` bytes. */
export function unpackBits(src: Uint8Array, need: number): Uint8Array {
  const out = new Uint8Array(need);
  let i = 0;
  let o = 0;
  while (i < src.length && o < need) {
    const n = src[i++]!;
    if (n < 128) {
      const len = Math.min(n + 1, need - o, src.length - i);
      out.set(src.subarray(i, i + len), o);
      i += n + 1;
      o += len;
    } else if (n > 128) {
      const len = Math.min(257 - n, need - o);
      if (i >= src.length) break;
      out.fill(src[i++]!, o, o + len);
      o += len;
    } else i++;
  }
  return out.subarray(0, o);
}

/** TIFF LZW (MSB-first codes of 9 to 12 bits, "early change"), up to `need` bytes. */
export function lzwDecode(src: Uint8Array, need: number): Uint8Array {
  const out = new Uint8Array(need);
  let o = 0;
  let dict: Uint8Array[] = [];
  const reset = () => {
    dict = [];
    for (let k = 0; k < 256; k++) dict.push(Uint8Array.of(k));
    dict.push(new Uint8Array(0), new Uint8Array(0)); // 256 clear, 257 end
  };
  reset();
  let bitPos = 0;
  let width = 9;
  let prev: Uint8Array | null = null;
  const totalBits = src.length * 8;
  while (bitPos + width <= totalBits && o < need) {
    let code = 0;
    for (let k = 0; k < width; k++) {
      const bit = (src[(bitPos + k) >> 3]! >> (7 - ((bitPos + k) & 7))) & 1;
      code = (code << 1) | bit;
    }
    bitPos += width;
    if (code === 257) break;
    if (code === 256) {
      reset();
      width = 9;
      prev = null;
      continue;
    }
    let entry: Uint8Array;
    if (code < dict.length) entry = dict[code]!;
    else if (code === dict.length && prev) entry = concat(prev, prev[0]!);
    else throw new TiffCodecError('damaged LZW data');
    const len = Math.min(entry.length, need - o);
    out.set(entry.subarray(0, len), o);
    o += len;
    if (prev) dict.push(concat(prev, entry[0]!));
    prev = entry;
    if (dict.length + 1 >= 1 << width && width < 12) width++;
  }
  return out.subarray(0, o);
}

function concat(a: Uint8Array, b: number): Uint8Array {
  const c = new Uint8Array(a.length + 1);
  c.set(a);
  c[a.length] = b;
  return c;
}

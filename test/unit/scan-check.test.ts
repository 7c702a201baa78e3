import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkScan, DEFAULT_LIMITS, MIB } from '../../src/scan/check.js';
import { parseJpeg, parsePng } from '../../src/scan/image-info.js';
import { lzwDecode, parseTiff, unpackBits } from '../../src/scan/tiff.js';
import { makeEncryptedPdf, makeJpeg, makePdf, makePng, makePngRaw, makeTiff, makeZip } from '../helpers/scan-files.js';

const code = (p: Promise<unknown>) => p.then(() => 'OK', (e: { code?: string }) => e.code ?? String(e));

describe('parseJpeg', () => {
  it('reads size and JFIF density', () => {
    expect(parseJpeg(makeJpeg(40, 24, { dpi: 300 }))).toEqual({ ok: true, info: { width: 40, height: 24, dpiX: 300, dpiY: 300 } });
    expect(parseJpeg(makeJpeg(16, 16))).toMatchObject({ ok: true, info: { dpiX: null } });
  });

  it('refuses a cut-off JPEG (no EOI) and one without a frame header', () => {
    const j = makeJpeg(64, 64);
    expect(parseJpeg(j.subarray(0, j.length - 2))).toMatchObject({ ok: false });
    expect(parseJpeg(j.subarray(0, 30))).toMatchObject({ ok: false });
    const noSof = Buffer.from(j);
    const at = noSof.indexOf(Buffer.from([0xff, 0xc0]));
    noSof[at + 1] = 0xfe; // turn SOF0 into a comment
    expect(parseJpeg(noSof)).toMatchObject({ ok: false, problem: expect.stringContaining('frame') });
  });

  it('accepts zero padding after EOI', () => {
    expect(parseJpeg(Buffer.concat([makeJpeg(8, 8), Buffer.alloc(16)]))).toMatchObject({ ok: true });
  });

  it('marks arithmetic or lossless JPEG as unsupported, not damaged', () => {
    const j = Buffer.from(makeJpeg(8, 8));
    j[j.indexOf(Buffer.from([0xff, 0xc0])) + 1] = 0xc9;
    expect(parseJpeg(j)).toMatchObject({ ok: false, unsupported: true });
  });
});

describe('parsePng', () => {
  it('reads size and pHYs', () => {
    expect(parsePng(makePng(3, 2, { dpi: 200 }))).toEqual({ ok: true, info: { width: 3, height: 2, dpiX: 200, dpiY: 200 } });
  });

  it('refuses truncation, a bad checksum and missing IEND', () => {
    const p = makePng(20, 20);
    expect(parsePng(p.subarray(0, p.length - 12))).toMatchObject({ ok: false, problem: expect.stringContaining('IEND') });
    expect(parsePng(p.subarray(0, 40))).toMatchObject({ ok: false });
    const flipped = Buffer.from(p);
    flipped[40] = flipped[40]! ^ 0xff;
    expect(parsePng(flipped)).toMatchObject({ ok: false, problem: expect.stringContaining('checksum') });
  });
});

describe('TIFF', () => {
  it('counts pages and reads the resolution', () => {
    const r = parseTiff(makeTiff([{ width: 10, height: 5 }, { width: 4, height: 4 }]));
    expect(r).toMatchObject({ ok: true, info: { pages: [{ width: 10, height: 5, dpiX: 200 }, { width: 4, height: 4 }] } });
  });

  it('refuses a TIFF cut off in its picture data or directory', () => {
    const t = makeTiff([{ width: 50, height: 50 }]);
    expect(parseTiff(t.subarray(0, 100))).toMatchObject({ ok: false });
    expect(parseTiff(t.subarray(0, t.length - 10))).toMatchObject({ ok: false });
  });

  it('marks JPEG-in-TIFF as unsupported', () => {
    const t = Buffer.from(makeTiff([{ width: 4, height: 4 }]));
    // compression is the 4th entry of the directory at the end of the file
    const ifd = t.length - (2 + 12 * 12 + 4);
    t.writeUInt16LE(7, ifd + 2 + 3 * 12 + 8);
    expect(parseTiff(t)).toMatchObject({ ok: false, unsupported: true, problem: expect.stringContaining('JPEG') });
  });

  it('decodes PackBits', () => {
    expect([...unpackBits(Uint8Array.from([0xfe, 7, 1, 1, 2]), 5)]).toEqual([7, 7, 7, 1, 2]);
  });

  it('decodes TIFF LZW (early change, clear and end codes)', () => {
    const input = Uint8Array.from('ABABABABCCCCCCCCCCABAB'.split('').map((c) => c.charCodeAt(0)));
    expect([...lzwDecode(lzwEncode(input), input.length)]).toEqual([...input]);
    const long = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) % 251);
    expect([...lzwDecode(lzwEncode(long), long.length)]).toEqual([...long]);
  });
});

describe('checkScan: every bad input has its own code, before anything is stored', () => {
  const L = DEFAULT_LIMITS;
  it('accepts the good files and reports pages, size and hash', async () => {
    const pdf = await makePdf(2);
    await expect(checkScan(pdf, 'giay-chung-sinh.pdf', L)).resolves.toMatchObject({ type: 'pdf', pages: 2, size: pdf.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await expect(checkScan(makePng(5, 5), 'to-khai.png', L)).resolves.toMatchObject({ type: 'png', pages: 1 });
    await expect(checkScan(makeJpeg(8, 8), 'scan0001', L)).resolves.toMatchObject({ type: 'jpeg', pages: 1 });
    await expect(checkScan(makeTiff([{ width: 2, height: 2 }, { width: 2, height: 2 }]), 'x.tiff', L)).resolves.toMatchObject({ type: 'tiff', pages: 2 });
  });

  it.each([
    ['zero bytes', 'SCAN_EMPTY_FILE', () => new Uint8Array(0), 'a.pdf'],
    ['a .pdf that is a PNG', 'SCAN_DISGUISED_TYPE', () => makePng(2, 2), 'to-khai.pdf'],
    ['a .pdf that is a ZIP', 'SCAN_DISGUISED_TYPE', () => makeZip(), 'to-khai.pdf'],
    ['a ZIP without extension', 'SCAN_UNSUPPORTED_TYPE', () => makeZip(), 'to-khai'],
    ['a text file', 'SCAN_UNSUPPORTED_TYPE', () => Buffer.from('hello'), 'to-khai.txt'],
    ['a truncated JPEG', 'SCAN_CORRUPT', () => makeJpeg(64, 64).subarray(0, 150), 'to-khai.jpg'],
    ['a truncated PNG', 'SCAN_CORRUPT', () => makePng(30, 30).subarray(0, 60), 'to-khai.png'],
    ['an encrypted PDF', 'SCAN_PDF_ENCRYPTED', () => makeEncryptedPdf(), 'to-khai.pdf'],
  ])('%s → %s', async (_label, expected, make, name) => {
    expect(await code(checkScan(make(), name, L))).toBe(expected);
  });

  it('a truncated or damaged PDF is corrupt', async () => {
    const pdf = await makePdf(2);
    expect(await code(checkScan(pdf.subarray(0, pdf.length - 100), 'a.pdf', L))).toBe('SCAN_CORRUPT');
    const damaged = Buffer.from(pdf);
    damaged.fill(0x20, 9, pdf.length - 60);
    expect(await code(checkScan(damaged, 'a.pdf', L))).toBe('SCAN_CORRUPT');
  });

  it('over the size or page limit', async () => {
    expect(await code(checkScan(makePng(10, 10), 'a.png', { ...DEFAULT_LIMITS, maxBytes: 50, maxPages: 10 }))).toBe('SCAN_TOO_LARGE');
    expect(await code(checkScan(await makePdf(3), 'a.pdf', { ...DEFAULT_LIMITS, maxBytes: MIB, maxPages: 2 }))).toBe('SCAN_TOO_MANY_PAGES');
  });

  it('the size message suggests scanning again at a lower resolution', async () => {
    const e = await checkScan(makePng(10, 10), 'a.png', { ...DEFAULT_LIMITS, maxBytes: 50, maxPages: 10 }).catch((x: unknown) => x);
    expect((e as { render(l: 'en'): { hint?: string } }).render('en').hint).toMatch(/lower resolution/);
  });
});

/** A plain TIFF LZW encoder (clear code first, early change) to test the decoder against. */
function lzwEncode(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let nbits = 0;
  let width = 9;
  const put = (code: number) => {
    acc = (acc << width) | code;
    nbits += width;
    while (nbits >= 8) {
      out.push((acc >> (nbits - 8)) & 0xff);
      nbits -= 8;
    }
    acc &= (1 << nbits) - 1;
  };
  let dict = new Map<string, number>();
  let next = 258;
  const reset = () => {
    dict = new Map(Array.from({ length: 256 }, (_, i) => [String.fromCharCode(i), i]));
    next = 258;
    width = 9;
  };
  reset();
  put(256);
  let w = '';
  for (const byte of data) {
    const c = String.fromCharCode(byte);
    if (dict.has(w + c)) {
      w += c;
      continue;
    }
    put(dict.get(w)!);
    dict.set(w + c, next++);
    if (next + 1 > 1 << width && width < 12) width++;
    if (next >= 4094) {
      put(256);
      reset();
    }
    w = c;
  }
  if (w) put(dict.get(w)!);
  // the decoder adds one entry for the last code too: account for it before the end code
  if (next + 2 > 1 << width && width < 12) width++;
  put(257);
  if (nbits > 0) out.push((acc << (8 - nbits)) & 0xff);
  return Uint8Array.from(out);
}

describe('decompression bombs: declared size checked before decoding, inflation capped', () => {
  it('a PNG declaring 20 000 × 20 000 pixels is refused from its header (SCAN_IMAGE_TOO_LARGE), nothing inflated', async () => {
    const bomb = makePngRaw(20_000, 20_000, 0, 1, deflateSync(Buffer.alloc(1000)));
    expect(parsePng(bomb)).toMatchObject({ ok: false, pixels: { width: 20_000, height: 20_000 } });
    expect(await code(checkScan(bomb, 'bomb.png', DEFAULT_LIMITS))).toBe('SCAN_IMAGE_TOO_LARGE');
  });

  it('a small PNG whose data inflates far past its declared size stops at the cap', () => {
    // 100 × 100 grey needs 10 100 bytes; the data inflates to 32 MiB (a ~32 KiB file)
    const bomb = makePngRaw(100, 100, 0, 8, deflateSync(Buffer.alloc(32 * MIB)));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(parsePng(bomb)).toMatchObject({ ok: false, problem: expect.stringContaining('more than the declared') });
  });

  it('a JPEG frame header declaring 60 000 × 60 000 is refused', async () => {
    const j = Buffer.from(makeJpeg(8, 8));
    const sof = j.indexOf(Buffer.from([0xff, 0xc0]));
    j.writeUInt16BE(60_000, sof + 5);
    j.writeUInt16BE(60_000, sof + 7);
    expect(parseJpeg(j)).toMatchObject({ ok: false, pixels: { width: 60_000, height: 60_000 } });
    expect(await code(checkScan(j, 'bomb.jpg', DEFAULT_LIMITS))).toBe('SCAN_IMAGE_TOO_LARGE');
  });

  it('a TIFF page declaring 65 535 × 65 535 is refused before its strips are read; a Deflate strip bomb stops at the cap', async () => {
    const t = Buffer.from(makeTiff([{ width: 4, height: 4 }]));
    const ifd = t.length - (2 + 12 * 12 + 4);
    t.writeUInt16LE(65_535, ifd + 2 + 8);
    t.writeUInt16LE(65_535, ifd + 2 + 12 + 8);
    expect(parseTiff(t)).toMatchObject({ ok: false, pixels: { width: 65_535, height: 65_535 } });
    expect(await code(checkScan(t, 'bomb.tiff', DEFAULT_LIMITS))).toBe('SCAN_IMAGE_TOO_LARGE');
    const strip = makeTiff([{ width: 10, height: 10, data: deflateSync(Buffer.alloc(32 * MIB)) }], 8);
    expect(parseTiff(strip)).toMatchObject({ ok: false, problem: expect.stringContaining('more than the declared') });
    expect(parseTiff(makeTiff([{ width: 30, height: 20 }], 8))).toMatchObject({ ok: true });
  });

  it('a 600 dpi A4 page (4961 × 7016) passes the default limit; a lower configured limit refuses it', async () => {
    const a4 = makePngRaw(4961, 7016, 0, 1, deflateSync(Buffer.alloc(7016 * (1 + Math.ceil(4961 / 8)))));
    expect(parsePng(a4)).toMatchObject({ ok: true, info: { width: 4961, height: 7016 } });
    expect(await code(checkScan(a4, 'a4-600dpi.png', DEFAULT_LIMITS))).toBe('OK');
    expect(await code(checkScan(a4, 'a4-600dpi.png', { ...DEFAULT_LIMITS, maxPixels: 20_000_000 }))).toBe('SCAN_IMAGE_TOO_LARGE');
  });
});

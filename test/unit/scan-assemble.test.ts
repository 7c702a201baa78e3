import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { A4, assembleImages, MIN_DPI, placeOnA4 } from '../../src/scan/assemble.js';
import { type ImageInfo, type Parsed, parseJpeg, parsePng } from '../../src/scan/image-info.js';
import { makeJpeg, makePng, makeTiff } from '../helpers/scan-files.js';

function infoOf(r: Parsed<ImageInfo>): ImageInfo {
  if (!r.ok) throw new Error(r.problem);
  return r.info;
}

interface PdfImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** Decode the first image of each page with pdf.js (proves the embedded picture is readable). */
async function imagesOf(bytes: Uint8Array): Promise<{ page: number[]; image: PdfImage }[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const out: { page: number[]; image: PdfImage }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const ops = await page.getOperatorList();
    const args = ops.argsArray.find((a: unknown) => Array.isArray(a) && typeof a[0] === 'string' && a[0].startsWith('img')) as string[];
    const image = await new Promise<PdfImage>((res) => page.objs.get(args[0]!, (img: PdfImage) => res(img)));
    out.push({ page: page.view as number[], image });
  }
  return out;
}

describe('placeOnA4', () => {
  it('an A4 page scanned at 200 dpi fills the page at 100 %', () => {
    const p = placeOnA4(1654, 2339, 200, 200);
    expect(p.pageWidth).toBe(A4.width);
    expect(p.width).toBeCloseTo(595.44, 0);
    expect(p.dpi).toBeGreaterThanOrEqual(199.9);
  });

  it('a landscape picture gets a landscape page', () => {
    const p = placeOnA4(2339, 1654, 200, 200);
    expect([p.pageWidth, p.pageHeight]).toEqual([A4.height, A4.width]);
  });

  it('property: never enlarged beyond 100 %, always inside the page, resolution never below the source', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 50, max: 1200 }), (w, h, dpi) => {
        const p = placeOnA4(w, h, dpi, dpi);
        expect(p.width).toBeLessThanOrEqual((w / dpi) * 72 + 1e-6);
        expect(p.x).toBeGreaterThanOrEqual(-1e-6);
        expect(p.y).toBeGreaterThanOrEqual(-1e-6);
        expect(p.x + p.width).toBeLessThanOrEqual(p.pageWidth + 1e-6);
        expect(p.y + p.height).toBeLessThanOrEqual(p.pageHeight + 1e-6);
        expect(p.dpi).toBeGreaterThanOrEqual(dpi - 1e-6);
      }),
    );
  });
});

describe('assembleImages', () => {
  it('JPEG, PNG and a two-page TIFF → one PDF of four A4 pages, pictures embedded at full resolution', async () => {
    const jpg = makeJpeg(48, 64, { dpi: 300 });
    const png = makePng(30, 20, { dpi: 200 });
    const tif = makeTiff([{ width: 12, height: 16, value: 60 }, { width: 16, height: 12, value: 220 }], 32773);
    const r = await assembleImages([
      { name: 'to-khai.jpg', type: 'jpeg', bytes: jpg, image: infoOf(parseJpeg(jpg)) },
      { name: 'to-khai-2.png', type: 'png', bytes: png, image: infoOf(parsePng(png)) },
      { name: 'to-khai-3.tif', type: 'tiff', bytes: tif, image: null },
    ]);
    expect(r.pages).toBe(4);
    expect(r.lowResolution).toEqual([]);
    const doc = await PDFDocument.load(r.bytes);
    expect(doc.getPageCount()).toBe(4);
    const imgs = await imagesOf(r.bytes);
    expect(imgs.map((i) => [i.image.width, i.image.height])).toEqual([[48, 64], [30, 20], [12, 16], [16, 12]]);
    expect(imgs[0]!.page).toEqual([0, 0, A4.width, A4.height]);
    expect(imgs[1]!.page).toEqual([0, 0, A4.height, A4.width]); // landscape
    expect(imgs[0]!.image.data[0]).toBe(128); // the hand-made JPEG is mid grey
    expect(imgs[2]!.image.data[0]).toBe(60);
    expect(imgs[3]!.image.data[0]).toBe(220);
  });

  it('is deterministic (same pictures, same bytes) and notes pictures below 200 dpi', async () => {
    const png = makePng(10, 10, { dpi: 96 });
    const src = [{ name: 'a.png', type: 'png' as const, bytes: png, image: { width: 10, height: 10, dpiX: 96, dpiY: 96 } }];
    const a = await assembleImages(src);
    const b = await assembleImages(src);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(a.lowResolution).toEqual([{ name: 'a.png', dpi: 96 }]);
    expect(MIN_DPI).toBe(200);
  });

  it('embeds a JPEG held in a Buffer slice of a larger pool (pdf-lib reads `.buffer`)', async () => {
    const pool = Buffer.concat([Buffer.alloc(100, 7), makeJpeg(8, 8)]);
    const slice = pool.subarray(100);
    const r = await assembleImages([{ name: 'x.jpg', type: 'jpeg', bytes: slice, image: null }]);
    expect(r.pages).toBe(1);
  });
});

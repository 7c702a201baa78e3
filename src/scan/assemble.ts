import { degrees, drawImage, PDFDocument, PDFHexString, type PDFPage } from 'pdf-lib';
import { DEFAULT_MAX_PIXELS, type ImageInfo, overPixelLimit, parseJpeg, parsePng } from './image-info.js';
import { decodeTiff, type DecodedTiffPage } from './tiff.js';

/**
 * Images of one component → one PDF, one A4 page per image (per TIFF page), in the order given.
 *
 * The original picture is embedded, never resampled: JPEG bytes go in as they are (DCTDecode);
 * PNG pixels are kept one for one (pdf-lib re-compresses them losslessly); TIFF strips are
 * decoded and deflated, or passed through for CCITT Group 4. Each picture is drawn at its real
 * size (pixels ÷ declared dpi, i.e. 100 % scale), or at `assumedDpi` when the file declares
 * none, and only ever shrunk to fit the A4 page, which raises the effective resolution and
 * never loses a pixel. The page turns landscape for a landscape picture.
 */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** TT 01/2023 scan parameters: colour, at least 200 dpi, 100 % scale (applying them to procedure dossiers is inferred, regulations.md §5). */
export const MIN_DPI = 200;

export interface ImageSource {
  name: string;
  type: 'jpeg' | 'png' | 'tiff';
  bytes: Uint8Array;
  /** From the check (JPEG, PNG); TIFF pages carry their own. */
  image: ImageInfo | null;
}

export interface PagePlacement {
  /** Page size in points. */
  pageWidth: number;
  pageHeight: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Effective resolution on the page (the lower of both axes). */
  dpi: number;
}

export interface AssembleResult {
  bytes: Uint8Array;
  pages: number;
  /** Pictures whose declared resolution is below MIN_DPI. */
  lowResolution: { name: string; dpi: number }[];
}

/** Where a picture of `px` pixels at `dpi` goes on an A4 page. Pure. */
export function placeOnA4(widthPx: number, heightPx: number, dpiX: number, dpiY: number): PagePlacement {
  const natW = (widthPx / dpiX) * 72;
  const natH = (heightPx / dpiY) * 72;
  const landscape = natW > natH;
  const pageWidth = landscape ? A4.height : A4.width;
  const pageHeight = landscape ? A4.width : A4.height;
  const scale = Math.min(1, pageWidth / natW, pageHeight / natH);
  const width = natW * scale;
  const height = natH * scale;
  const dpi = Math.min(widthPx / (width / 72), heightPx / (height / 72));
  return { pageWidth, pageHeight, x: (pageWidth - width) / 2, y: (pageHeight - height) / 2, width, height, dpi };
}

function addPage(doc: PDFDocument, w: number, h: number, dpiX: number | null, dpiY: number | null, assumedDpi: number, draw: (page: PDFPage, p: PagePlacement) => void): void {
  const p = placeOnA4(w, h, dpiX ?? assumedDpi, dpiY ?? dpiX ?? assumedDpi);
  draw(doc.addPage([p.pageWidth, p.pageHeight]), p);
}

function embedTiffPage(doc: PDFDocument, t: DecodedTiffPage) {
  const ctx = doc.context;
  const colorSpace = t.colorSpace.kind === 'gray' ? 'DeviceGray' : t.colorSpace.kind === 'rgb' ? 'DeviceRGB' : ctx.obj(['Indexed', 'DeviceRGB', t.colorSpace.hival, PDFHexString.of(Buffer.from(t.colorSpace.lookup).toString('hex'))]);
  const dict = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: t.width,
    Height: t.height,
    BitsPerComponent: t.bitsPerComponent,
    ColorSpace: colorSpace,
    ...(t.invert ? { Decode: [1, 0] } : {}),
  };
  const stream =
    t.encoding === 'ccitt-g4'
      ? ctx.stream(t.data, { ...dict, Filter: 'CCITTFaxDecode', DecodeParms: { K: -1, Columns: t.width, Rows: t.height, BlackIs1: false } })
      : ctx.flateStream(t.data, dict);
  return ctx.register(stream);
}

/** Build the PDF. Deterministic: the same pictures in the same order give the same bytes. */
export async function assembleImages(sources: ImageSource[], opts: { assumedDpi?: number; maxPixels?: number } = {}): Promise<AssembleResult> {
  const assumedDpi = opts.assumedDpi ?? MIN_DPI;
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const doc = await PDFDocument.create({ updateMetadata: false });
  const lowResolution: AssembleResult['lowResolution'] = [];
  const noteDpi = (name: string, dpiX: number | null, dpiY: number | null) => {
    const declared = Math.min(dpiX ?? Infinity, dpiY ?? Infinity);
    if (Number.isFinite(declared) && declared < MIN_DPI) lowResolution.push({ name, dpi: declared });
  };
  for (const s of sources) {
    if (s.type === 'tiff') {
      for (const t of decodeTiff(s.bytes, maxPixels)) {
        const ref = embedTiffPage(doc, t);
        addPage(doc, t.width, t.height, t.dpiX, t.dpiY, assumedDpi, (page, p) => {
          const name = page.node.newXObject('Im', ref);
          page.pushOperators(...drawImage(name, { x: p.x, y: p.y, width: p.width, height: p.height, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }));
        });
        noteDpi(s.name, t.dpiX, t.dpiY);
      }
      continue;
    }
    // a copy at offset 0: pdf-lib reads JPEG headers through `bytes.buffer`, ignoring byteOffset
    const own = new Uint8Array(s.bytes);
    // checkScan read the declared size against the pixel limit; a source without that check is parsed here, before pdf-lib decodes it
    const checked = s.image ?? (s.type === 'jpeg' ? parseJpeg(own, maxPixels) : parsePng(own, maxPixels));
    const declared = 'ok' in checked ? checked : { ok: true as const, info: checked };
    if (!declared.ok) throw new Error(`${s.name}: ${declared.problem}`);
    if (overPixelLimit(declared.info.width, declared.info.height, maxPixels)) throw new Error(`${s.name}: ${declared.info.width} × ${declared.info.height} pixels, over the pixel limit`);
    const img = s.type === 'jpeg' ? await doc.embedJpg(own) : await doc.embedPng(own);
    const info = s.image ?? { width: img.width, height: img.height, dpiX: null, dpiY: null };
    addPage(doc, img.width, img.height, info.dpiX, info.dpiY, assumedDpi, (page, p) => {
      page.drawImage(img, { x: p.x, y: p.y, width: p.width, height: p.height });
    });
    await img.embed(); // compress now and let the decoded pixels go, instead of holding every picture until save
    noteDpi(s.name, info.dpiX, info.dpiY);
  }
  const bytes = await doc.save({ useObjectStreams: true });
  return { bytes, pages: doc.getPageCount(), lowResolution };
}


/**
 * Read a generated PDF back for assertions: the text of each page (pdfjs, legacy Node build),
 * whitespace collapsed and NFC, and the page size in points.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A run of text and its box in PDF points (origin bottom left, y = baseline). */
export interface TextBox {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfPage {
  text: string;
  width: number;
  height: number;
  boxes: TextBox[];
}

export interface PdfInfo {
  pages: PdfPage[];
  /** The document information dictionary (Title, Author, CreationDate…). */
  info: Record<string, unknown>;
}

/** Collapse white space and normalise to NFC, so that assertions do not depend on text runs. */
export function normaliseText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export async function pdfText(buf: Uint8Array): Promise<PdfInfo> {
  const task = getDocument({ data: new Uint8Array(buf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 });
  const pdf = await task.promise;
  try {
    const pages: PdfPage[] = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      const content = await page.getTextContent();
      let text = '';
      const boxes: TextBox[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
        const t = item.transform as number[];
        if (item.str.trim() !== '') {
          boxes.push({ str: item.str, x: t[4] ?? 0, y: t[5] ?? 0, width: item.width, height: item.height });
        }
      }
      const [x0, y0, x1, y1] = page.view;
      pages.push({ text: normaliseText(text), width: (x1 ?? 0) - (x0 ?? 0), height: (y1 ?? 0) - (y0 ?? 0), boxes });
    }
    const meta = await pdf.getMetadata();
    const info = (meta.info ?? {}) as Record<string, unknown>;
    return { pages, info };
  } finally {
    await pdf.destroy();
  }
}

/**
 * Pairs of text runs on one page whose boxes overlap (beyond `tolerance` points on each side):
 * text printed over other text. Boxes span the baseline up to the font size.
 */
export function overlappingBoxes(page: PdfPage, tolerance = 0.5): [TextBox, TextBox][] {
  const hits: [TextBox, TextBox][] = [];
  const b = page.boxes;
  for (let i = 0; i < b.length; i++) {
    for (let j = i + 1; j < b.length; j++) {
      const p = b[i] as TextBox;
      const q = b[j] as TextBox;
      const ox = Math.min(p.x + p.width, q.x + q.width) - Math.max(p.x, q.x);
      const oy = Math.min(p.y + p.height, q.y + q.height) - Math.max(p.y, q.y);
      if (ox > tolerance && oy > tolerance) hits.push([p, q]);
    }
  }
  return hits;
}

/** True when every run lies inside the page. */
export function boxesInsidePage(page: PdfPage): boolean {
  return page.boxes.every((t) => t.x >= 0 && t.y >= 0 && t.x + t.width <= page.width + 0.5 && t.y + t.height <= page.height + 0.5);
}

/** The text of all pages, joined by a space. */
export function allText(info: PdfInfo): string {
  return info.pages.map((p) => p.text).join(' ');
}

/**
 * True when every font of the PDF is embedded as a TrueType program (/FontFile2) and is Noto
 * Serif, and no standard (non-embedded) font such as Helvetica or Times is referenced.
 * Font dictionaries are not compressed by pdfkit, so the raw bytes can be searched.
 */
export function isFontEmbedded(buf: Uint8Array): boolean {
  const raw = Buffer.from(buf).toString('latin1');
  const baseFonts = [...raw.matchAll(/\/BaseFont\s*\/([A-Za-z0-9+\-_]+)/g)].map((m) => m[1] ?? '');
  if (baseFonts.length === 0) return false;
  const allNoto = baseFonts.every((n) => /NotoSerif/.test(n));
  const standard = /\/(Helvetica|Times-Roman|Times-Bold|Courier)\b/.test(raw);
  return allNoto && raw.includes('/FontFile2') && !standard;
}

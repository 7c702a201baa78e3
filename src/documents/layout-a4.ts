/**
 * A4 documents (the register, Mẫu 06 / 2025: Mẫu 07). Built on `createA5Doc`, so every helper of
 * `layout.ts` (fonts, page breaks with running lines, page numbers, `finish`) works unchanged:
 * only the page size and margins of the pages added later differ.
 */
import { createA5Doc, type Doc, type DocMeta } from './layout.js';

export const A4: readonly [number, number] = [595.28, 841.89];
export const A4_LANDSCAPE: readonly [number, number] = [841.89, 595.28];
export const A4_MARGINS = { top: 30, bottom: 32, left: 30, right: 30 } as const;

/** The page options pdfkit applies to every `addPage()` without arguments. */
interface PageDefaults {
  size: unknown;
  layout?: unknown;
  margins: unknown;
  margin?: unknown;
}

/** A4 document (landscape by default) with the fonts registered, metadata set and pages buffered. */
export function createA4Doc(meta: DocMeta, o: { landscape?: boolean } = {}): Doc {
  const doc = createA5Doc(meta);
  const defaults = (doc as unknown as { options: PageDefaults }).options;
  defaults.size = [...(o.landscape === false ? A4 : A4_LANDSCAPE)];
  defaults.layout = 'portrait'; // the size above is already oriented
  defaults.margins = { ...A4_MARGINS };
  delete defaults.margin;
  return doc;
}

/**
 * A simple bordered table for the forms (Mẫu 02 list of documents to complete; later the control
 * slip and the register). Rows never split across pages; the header row repeats on a new page.
 */
import { contentWidth, ensureSpace, setFont, type Doc } from './layout.js';

export interface Column {
  header: string;
  /** Share of the content width; the shares are scaled to fill the width. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableOpts {
  size?: number;
  headerSize?: number;
  padding?: number;
}

export function table(doc: Doc, columns: readonly Column[], rows: readonly (readonly string[])[], o: TableOpts = {}): void {
  const size = o.size ?? 8.5;
  const headerSize = o.headerSize ?? 8;
  const pad = o.padding ?? 3;
  const total = columns.reduce((a, c) => a + c.width, 0);
  const W = contentWidth(doc);
  const widths = columns.map((c) => (c.width / total) * W);
  const xs = widths.map((_, i) => doc.page.margins.left + widths.slice(0, i).reduce((a, w) => a + w, 0));

  const measure = (cells: readonly string[], style: 'regular' | 'bold', sz: number): number => {
    setFont(doc, style, sz);
    let h = 0;
    cells.forEach((t, i) => {
      h = Math.max(h, doc.heightOfString(t || ' ', { width: (widths[i] ?? 0) - 2 * pad, lineGap: 1 }));
    });
    return h + 2 * pad;
  };

  const drawRow = (cells: readonly string[], style: 'regular' | 'bold', sz: number, h: number, headerRow: boolean): void => {
    const y = doc.y;
    setFont(doc, style, sz);
    cells.forEach((t, i) => {
      const x = xs[i] ?? 0;
      const w = widths[i] ?? 0;
      doc.save().rect(x, y, w, h).lineWidth(0.6).strokeColor('#000000').stroke().restore();
      const align = headerRow ? 'center' : (columns[i]?.align ?? 'left');
      doc.text(t.normalize('NFC'), x + pad, y + pad, { width: w - 2 * pad, align, lineGap: 1 });
    });
    doc.x = doc.page.margins.left;
    doc.y = y + h;
  };

  const headers = columns.map((c) => c.header);
  const headerH = measure(headers, 'bold', headerSize);
  const drawHeader = (): void => drawRow(headers, 'bold', headerSize, headerH, true);

  const firstH = rows[0] ? measure(rows[0], 'regular', size) : 0;
  ensureSpace(doc, headerH + firstH);
  drawHeader();
  for (const row of rows) {
    const h = measure(row, 'regular', size);
    const page = doc.page;
    ensureSpace(doc, h);
    if (doc.page !== page) drawHeader();
    drawRow(row, 'regular', size, h, false);
  }
  setFont(doc, 'regular');
  doc.y += 4;
}

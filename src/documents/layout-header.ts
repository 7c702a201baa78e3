/**
 * The top of a form: agency block and national motto (two columns), the form number in the
 * corner, the legal basis as a footnote, and the title block with the QR code at its left.
 */
import type { FontStyle } from './fonts.js';
import { placeDate } from './format.js';
import { contentWidth, ensureSpace, para, setFont, type Doc } from './layout.js';
import type { Agency } from './models.js';
import { drawQr } from './qr.js';

export interface HeaderSpec {
  agency: Agency;
  /** "Mẫu số 01", printed in the top right corner. */
  formLabel: string;
  /** Legal basis, printed as a footnote at the bottom of the sheet's first page; or null. */
  basis: string | null;
  date: Date;
  /** "Số: 12/HDHS" under the agency. */
  numberLine?: string | null;
}

/** Agency block left, national motto, place and date right; form number in the corner. */
export function header(doc: Doc, h: HeaderSpec): void {
  const left = doc.page.margins.left;
  const W = contentWidth(doc);
  const top = doc.page.margins.top;
  setFont(doc, 'bold', 7.5);
  doc.text(h.formLabel, left + W - 150, top - 15, { width: 150, align: 'right', lineBreak: false });
  if (h.basis) footnote(doc, h.basis);
  const lw = W * 0.42;
  const rx = left + lw;
  const rw = W - lw;
  setFont(doc, 'regular', 8.5);
  doc.text(balance(doc, h.agency.name.normalize('NFC'), lw), left, top, { width: lw, align: 'center' });
  setFont(doc, 'bold', 8.5);
  doc.text(balance(doc, h.agency.unitName.normalize('NFC'), lw), left, doc.y, { width: lw, align: 'center' });
  rule(doc, left + lw / 2, doc.y + 3, 44);
  let ly = doc.y + 7;
  if (h.numberLine) {
    setFont(doc, 'regular', 8.5);
    doc.text(h.numberLine, left, ly, { width: lw, align: 'center' });
    ly = doc.y;
  }
  const motto = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  setFont(doc, 'bold', fitSize(doc, 'bold', motto, 8.5, rw));
  let y = top;
  doc.text(motto, rx, y, { width: rw, align: 'center', lineBreak: false });
  y += doc.currentLineHeight(true);
  const slogan = 'Độc lập - Tự do - Hạnh phúc';
  setFont(doc, 'bold', 9);
  doc.text(slogan, rx, y, { width: rw, align: 'center', lineBreak: false });
  y += doc.currentLineHeight(true);
  rule(doc, rx + rw / 2, y + 1, doc.widthOfString(slogan));
  setFont(doc, 'italic', 8.5);
  doc.text(placeDate(h.agency.place, h.date), rx, y + 6, { width: rw, align: 'center' });
  doc.x = left;
  doc.y = Math.max(ly, doc.y) + 10;
  setFont(doc, 'regular');
}

/** Small italic text at the bottom left of the current page (inside the bottom margin). */
export function footnote(doc: Doc, text: string): void {
  const page = doc.page;
  const { bottom } = page.margins;
  const y = doc.y;
  page.margins.bottom = 0;
  setFont(doc, 'italic', 6.5);
  doc.text(text, page.margins.left, page.height - bottom + 9, { width: contentWidth(doc) - 60, lineBreak: false });
  page.margins.bottom = bottom;
  doc.y = y;
}

/**
 * Centred title and the lines under it (code, copy). With `qr`, the QR code (TT 01/2023) is drawn
 * at the left of the title block, the highest free spot on the left of an A5 form. A title breaks
 * only between words (never inside "TIẾP NHẬN", "QUÁ TRÌNH": see `titleUnits`); when it does not
 * fit beside the QR code in two such lines, it is laid out in the full width below the code.
 */
export function title(doc: Doc, text: string, lines: readonly { text: string; style?: FontStyle }[] = [], qr: string | null = null): void {
  const qrSize = 50;
  const side = qr ? qrSize + 8 : 0;
  const full = contentWidth(doc);
  const y0 = doc.y;
  if (qr) {
    ensureSpace(doc, qrSize + 4);
    drawQr(doc, qr, doc.page.margins.left, doc.y, qrSize);
  }
  setFont(doc, 'bold', 11);
  const t = text.normalize('NFC');
  const beside = qr ? wordLines(doc, t, full - 2 * side, 2) : null;
  const below = !!qr && beside === null;
  if (below) doc.y = y0 + qrSize + 6;
  const indent = below ? 0 : side;
  const width = full - 2 * indent;
  const titleLines = beside ?? wordLines(doc, t, width, 2) ?? wordLines(doc, t, width, 6) ?? [t];
  setFont(doc, 'bold', 11);
  para(doc, titleLines.join('\n'), { style: 'bold', size: 11, align: 'center', indent, width, after: 2 });
  for (const l of lines) para(doc, l.text, { style: l.style ?? 'regular', size: 9.5, align: 'center', indent, width, after: 0 });
  doc.y = Math.max(doc.y, qr && !below ? y0 + qrSize : 0) + 8;
}

/**
 * Vietnamese words of two syllables that appear in form titles and headers: a line never breaks
 * between their syllables. (A syllable is what the space separates; a word may be two.)
 */
const COMPOUNDS = new Set([
  'BỘ PHẬN', 'TIẾP NHẬN', 'KẾT QUẢ', 'HỒ SƠ', 'BỔ SUNG', 'HOÀN THIỆN', 'TỪ CHỐI', 'GIẢI QUYẾT', 'XIN LỖI', 'HẸN LẠI',
  'KIỂM SOÁT', 'QUÁ TRÌNH', 'THEO DÕI', 'VĂN BẢN', 'ĐỀ NGHỊ', 'GIA HẠN', 'THỜI GIAN', 'THÔNG BÁO', 'YÊU CẦU',
  'TRUNG TÂM', 'PHỤC VỤ', 'HÀNH CHÍNH', 'NHÂN DÂN', 'ỦY BAN', 'UỶ BAN', 'CỘNG HÒA', 'XÃ HỘI', 'CHỦ NGHĨA', 'VIỆT NAM',
]);

/** The units a title may break between: syllables, with the two of a known word kept together. */
export function titleUnits(text: string): string[] {
  const syl = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < syl.length; i++) {
    const pair = `${syl[i]} ${syl[i + 1] ?? ''}`;
    if (i + 1 < syl.length && COMPOUNDS.has(pair.toLocaleUpperCase('vi'))) {
      out.push(pair);
      i++;
    } else out.push(syl[i]!);
  }
  return out;
}

/**
 * Lines of at most `width` made of whole units, at most `max` lines, as balanced as possible;
 * null when they do not fit. One line when it fits on one.
 */
export function wordLines(doc: Doc, text: string, width: number, max: number): string[] | null {
  if (doc.widthOfString(text) <= width) return [text];
  const units = titleUnits(text);
  if (max >= 2) {
    let best: string[] | null = null;
    let bestW = Infinity;
    for (let i = 1; i < units.length; i++) {
      const a = units.slice(0, i).join(' ');
      const b = units.slice(i).join(' ');
      const w = Math.max(doc.widthOfString(a), doc.widthOfString(b));
      if (w <= width && w < bestW) [best, bestW] = [[a, b], w];
    }
    if (best || max === 2) return best;
  }
  // more than two lines: fill greedily
  const out: string[] = [];
  let cur = '';
  for (const u of units) {
    const next = cur ? `${cur} ${u}` : u;
    if (doc.widthOfString(next) <= width) cur = next;
    else {
      if (!cur || doc.widthOfString(u) > width) return null;
      out.push(cur);
      cur = u;
    }
  }
  if (cur) out.push(cur);
  return out.length <= max ? out : null;
}

/** Break a header line that needs two lines into two of similar width, between whole words. */
function balance(doc: Doc, text: string, width: number): string {
  return (wordLines(doc, text, width, 2) ?? wordLines(doc, text, width, 4) ?? [text]).join('\n');
}

function rule(doc: Doc, centerX: number, y: number, width: number): void {
  doc.save().moveTo(centerX - width / 2, y).lineTo(centerX + width / 2, y).lineWidth(0.7).strokeColor('#000000').stroke().restore();
}

/** The largest size up to `max` at which `text` fits in `width` (sets the font at `max` first). */
function fitSize(doc: Doc, style: FontStyle, text: string, max: number, width: number): number {
  setFont(doc, style, max);
  const w = doc.widthOfString(text) / max;
  return Math.min(max, Math.floor(((width - 2) / w) * 10) / 10);
}

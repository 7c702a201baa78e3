/**
 * Shared layout for the one-stop forms (A5, Noto Serif). Every block measures itself first and
 * moves to a new page when it would not fit, so long lists flow onto the next page without
 * overlapping. A "sheet" is one copy of a form (Mẫu 01 has two); its continuation pages carry a
 * running line and every page of a multi-page sheet is numbered. Later forms reuse these helpers.
 *
 * Rule: change fonts only through {@link setFont} (the page-break handler restores the font).
 * The header and title are in `layout-header.ts`, tables in `layout-table.ts`, texts in `format.ts`.
 */
import { createRequire } from 'node:module';

// require() rather than import: an ESM import of this CommonJS bundle first runs Node's CJS export
// scanner over it (~35 ms at every start).
const PDFDocument = createRequire(import.meta.url)('pdfkit') as typeof import('pdfkit');
import { FONT, registerFonts, type FontStyle } from './fonts.js';

export type Doc = PDFKit.PDFDocument;
export const A5: readonly [number, number] = [419.53, 595.28];
export const MARGINS = { top: 28, bottom: 30, left: 36, right: 28 } as const;
export const BODY_SIZE = 9;
const LINE_GAP = 1.2;

interface Sheet { start: number; running: string }
interface State { running: string | null; sheets: Sheet[]; style: FontStyle; size: number }
const states = new WeakMap<Doc, State>();
function state(doc: Doc): State {
  const s = states.get(doc);
  if (!s) throw new Error('document not created by createA5Doc');
  return s;
}

export interface DocMeta { title: string; author: string; subject?: string; creationDate: Date }

/** A5 portrait document with the fonts registered, metadata set and pages buffered. */
export function createA5Doc(meta: DocMeta): Doc {
  const doc = new PDFDocument({
    size: [...A5], margins: { ...MARGINS }, autoFirstPage: false, bufferPages: true,
    font: '', // no default Helvetica: every text is set in the embedded Noto Serif
    pdfVersion: '1.4', lang: 'vi-VN', displayTitle: true,
    info: {
      Title: meta.title, Author: meta.author, Subject: meta.subject ?? meta.title, Creator: 'gov-desk',
      Producer: 'gov-desk (PDFKit)', CreationDate: meta.creationDate, ModDate: meta.creationDate,
    },
  });
  registerFonts(doc);
  states.set(doc, { running: null, sheets: [], style: 'regular', size: BODY_SIZE });
  doc.on('pageAdded', () => onPageAdded(doc));
  return doc;
}

export function setFont(doc: Doc, style: FontStyle, size: number = BODY_SIZE): Doc {
  const s = state(doc);
  s.style = style;
  s.size = size;
  return doc.font(FONT[style], size);
}

function onPageAdded(doc: Doc): void {
  const s = state(doc);
  if (s.running === null) return;
  const { left, top } = doc.page.margins;
  doc.font(FONT.italic, 7.5).fillColor('#444444')
    .text(`${s.running} (tiếp theo)`, left, top, { width: contentWidth(doc), align: 'right', lineBreak: false });
  doc.fillColor('#000000').font(FONT[s.style], s.size);
  doc.page.margins.top = top + 18;
  doc.x = left;
  doc.y = doc.page.margins.top;
}

/** Begin one copy of a form on a new page; `running` heads its continuation pages. */
export function startSheet(doc: Doc, running: string): void {
  const s = state(doc);
  s.running = null;
  doc.addPage();
  s.sheets.push({ start: doc.bufferedPageRange().count - 1, running });
  s.running = running;
  setFont(doc, 'regular');
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Move to a new page unless `height` points still fit above the bottom margin. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.maxY() && doc.y > doc.page.margins.top + 1) {
    doc.addPage();
  }
}

export interface TextOpts {
  style?: FontStyle;
  size?: number;
  indent?: number;
  width?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  after?: number;
}

/** A paragraph at the current position, kept on one page when it fits on one. */
export function para(doc: Doc, text: string, o: TextOpts = {}): void {
  setFont(doc, o.style ?? 'regular', o.size ?? BODY_SIZE);
  const x = doc.page.margins.left + (o.indent ?? 0);
  const width = o.width ?? contentWidth(doc) - (o.indent ?? 0);
  const t = text.normalize('NFC');
  ensureSpace(doc, doc.heightOfString(t, { width, lineGap: LINE_GAP }));
  doc.text(t, x, doc.y, { width, align: o.align ?? 'left', lineGap: LINE_GAP });
  doc.y += o.after ?? 1;
}

export function gap(doc: Doc, points: number): void {
  doc.y += points;
}

/** A dotted line for handwriting, from x1 to x2 on the baseline at y. */
export function dots(doc: Doc, x1: number, x2: number, y: number): void {
  if (x2 - x1 < 6) return;
  doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(0.6).dash(0.6, { space: 2.2 }).strokeColor('#555555').stroke().restore();
}

/**
 * "Label: value". A null value leaves a dotted line to fill in by hand; otherwise the value
 * follows the label and wraps under it.
 */
export function field(doc: Doc, label: string, value: string | null, o: { bold?: boolean; indent?: number } = {}): void {
  const x = doc.page.margins.left + (o.indent ?? 0);
  const width = contentWidth(doc) - (o.indent ?? 0);
  const head = /[\p{L}\p{N}]$/u.test(label) ? `${label}:` : label; // no colon after ':' or '1)'
  setFont(doc, 'regular');
  if (value === null || value.trim() === '') {
    ensureSpace(doc, doc.currentLineHeight(true) + LINE_GAP);
    const w = doc.widthOfString(head);
    const y = doc.y;
    doc.text(head, x, y, { width, lineBreak: false });
    dots(doc, x + w + 4, x + width, y + doc.currentLineHeight() - 2);
    doc.x = doc.page.margins.left;
    doc.y = y + doc.currentLineHeight(true) + LINE_GAP + 1;
    return;
  }
  const v = value.normalize('NFC');
  // Measure in the wider of the two fonts so that the block never splits across pages.
  setFont(doc, o.bold ? 'bold' : 'regular');
  ensureSpace(doc, doc.heightOfString(`${head} ${v}`, { width, lineGap: LINE_GAP }));
  setFont(doc, 'regular');
  doc.text(`${head} `, x, doc.y, { width, lineGap: LINE_GAP, continued: true });
  setFont(doc, o.bold ? 'bold' : 'regular');
  doc.text(v, { width, lineGap: LINE_GAP });
  setFont(doc, 'regular');
  doc.x = doc.page.margins.left;
  doc.y += 1;
}

/** Several short fields on one line ("Số điện thoại: … Email: …"), stacked when they do not fit. */
/** Who is on the form: the applicant and, when someone files for them, the representative. */
export interface FilingParties {
  applicant: { fullName: string; address: string | null; phone: string | null; email: string | null };
  /** Người nộp thay: the person who actually handed the dossier in. */
  representative?: { fullName: string; address: string | null; phone: string | null; email: string | null } | null;
  /** The organisation the applicant acts for (issue 12). */
  organisation?: { name: string; taxCode: string | null; address: string | null } | null;
}

/** "Đại diện cho: <organisation>" and its tax code, after the person who acts for it (Mẫu 01, 02, 03). */
export function organisationLines(doc: Doc, parties: Pick<FilingParties, 'organisation'>): void {
  const o = parties.organisation;
  if (!o) return;
  field(doc, 'Đại diện cho tổ chức', o.name, { bold: true });
  if (o.taxCode) field(doc, 'Mã số thuế', o.taxCode);
}

/** The person who handed the dossier in: the representative when there is one, else the applicant. */
export function filer(p: FilingParties): FilingParties['applicant'] {
  return p.representative ?? p.applicant;
}

/**
 * The applicant block of Mẫu 01 and 03 (§1.3): who handed the dossier in (the representative,
 * "nộp thay cho" the applicant), address, phone and e-mail, the request.
 */
export function applicantBlock(doc: Doc, parties: FilingParties, procedureName: string): void {
  const by = filer(parties);
  const rep = parties.representative ?? null;
  field(doc, 'Tiếp nhận hồ sơ của', by.fullName, { bold: true });
  if (rep) field(doc, 'Nộp thay cho', `Ông/Bà ${parties.applicant.fullName}`, { bold: true });
  organisationLines(doc, parties);
  // an organisation's dossier: the address is the organisation's (its seat), the contact the person's
  field(doc, 'Địa chỉ', parties.organisation?.address ?? by.address ?? (rep ? parties.applicant.address : null));
  fieldRow(doc, [
    { label: 'Số điện thoại', value: by.phone },
    { label: 'Email', value: by.email },
  ]);
  field(doc, 'Nội dung yêu cầu giải quyết', procedureName, { bold: true });
}

export function fieldRow(doc: Doc, fields: readonly { label: string; value: string | null }[]): void {
  setFont(doc, 'regular');
  const colW = contentWidth(doc) / fields.length;
  const fits = fields.every((f) => doc.widthOfString(`${f.label}: ${f.value ?? ''}`) <= colW - 6);
  if (!fits) {
    for (const f of fields) field(doc, f.label, f.value);
    return;
  }
  ensureSpace(doc, doc.currentLineHeight(true) + LINE_GAP);
  const y = doc.y;
  fields.forEach((f, i) => {
    const x = doc.page.margins.left + i * colW;
    const head = `${f.label}: `;
    doc.text(head, x, y, { lineBreak: false });
    const w = doc.widthOfString(head);
    if (f.value === null || f.value.trim() === '') dots(doc, x + w, x + colW - 6, y + doc.currentLineHeight() - 2);
    else doc.text(f.value.normalize('NFC'), x + w, y, { lineBreak: false });
  });
  doc.x = doc.page.margins.left;
  doc.y = y + doc.currentLineHeight(true) + LINE_GAP + 1;
}

/** A list with hanging numbers ("1)", "2)" … or a custom marker); each item stays on one page. */
export function numberedList(doc: Doc, items: readonly string[], o: { indent?: number; marker?: (i: number) => string } = {}): void {
  setFont(doc, 'regular');
  const marker = o.marker ?? ((i: number) => `${i + 1})`);
  const x = doc.page.margins.left + (o.indent ?? 12);
  const numW = Math.max(14, doc.widthOfString(marker(items.length - 1)) + 5);
  const width = contentWidth(doc) - (x - doc.page.margins.left) - numW;
  items.forEach((item, i) => {
    const t = item.normalize('NFC');
    ensureSpace(doc, doc.heightOfString(t, { width, lineGap: LINE_GAP }));
    const y = doc.y;
    doc.text(marker(i), x, y, { lineBreak: false });
    doc.text(t, x + numW, y, { width, lineGap: LINE_GAP });
    doc.y += 0.5;
  });
  doc.x = doc.page.margins.left;
}

export interface SignatureBlock { title: string; note?: string | null; name: string | null }

/** Height taken by {@link signatures}; reserve it with {@link ensureSpace} to keep a line with them. */
export function signaturesHeight(signRoom = 40): number {
  return 6 + 12 + 11 + signRoom + 16;
}

/** Signature columns side by side: title, "(Ký và ghi rõ họ tên)", room to sign, the name. */
export function signatures(doc: Doc, blocks: readonly SignatureBlock[], signRoom = 40): void {
  const W = contentWidth(doc);
  const colW = W / blocks.length;
  ensureSpace(doc, signaturesHeight(signRoom));
  const y = doc.y + 6;
  blocks.forEach((b, i) => {
    const x = doc.page.margins.left + i * colW;
    setFont(doc, 'bold', 9);
    doc.text(b.title, x, y, { width: colW, align: 'center' });
    setFont(doc, 'italic', 8);
    doc.text(b.note === undefined ? '(Ký và ghi rõ họ tên)' : (b.note ?? ''), x, doc.y, { width: colW, align: 'center' });
    if (b.name) {
      setFont(doc, 'bold', 9.5);
      doc.text(b.name.normalize('NFC'), x, y + 12 + 11 + signRoom, { width: colW, align: 'center' });
    }
  });
  setFont(doc, 'regular');
  doc.x = doc.page.margins.left;
  doc.y = y + 12 + 11 + signRoom + 16;
}

/** Number the pages of every sheet that spans more than one page, then serialise the PDF. */
export function finish(doc: Doc): Promise<Buffer> {
  const s = state(doc);
  s.running = null;
  const total = doc.bufferedPageRange().count;
  s.sheets.forEach((sheet, i) => {
    const end = s.sheets[i + 1]?.start ?? total;
    const n = end - sheet.start;
    if (n < 2) return;
    for (let p = 0; p < n; p++) {
      doc.switchToPage(sheet.start + p);
      const page = doc.page;
      const bottom = page.margins.bottom;
      page.margins.bottom = 0;
      setFont(doc, 'italic', 7.5);
      doc.text(`Trang ${p + 1}/${n}`, page.margins.left, page.height - bottom + 9, { width: contentWidth(doc), align: 'right', lineBreak: false });
      page.margins.bottom = bottom;
    }
  });
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

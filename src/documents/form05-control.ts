/**
 * Mẫu 05 (TT 01/2018; Mẫu 06 under TT 03/2025), PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ
 * (regulations.md §1.3): the header fields, then one table row per hand-over with the times of
 * giving and receiving, boxes for both signatures, the judgement and a note.
 */
import { vnParts } from '../domain/time.js';
import { TIMING_VI } from '../domain/timing.js';
import { pad2, sentenceCase, unitText, vnDateTime } from './format.js';
import { header, title } from './layout-header.js';
import { contentWidth, createA5Doc, ensureSpace, field, finish, setFont, startSheet, type Doc } from './layout.js';
import type { ControlSlipModel, ControlSlipRow } from './models-456.js';
import { dossierQr } from './qr.js';
import { formLabel, formSpec, legalBasis } from './rules.js';

export const CONTROL_HEADERS = [
  'TÊN CƠ QUAN',
  'THỜI GIAN GIAO, NHẬN HỒ SƠ',
  'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)',
  'GHI CHÚ',
] as const;

const SHARES = [25, 41, 18, 16];
const PAD = 3;
const SIZE = 7.5;
const SIGN_ROOM = 20;

/** "09 giờ 15 phút, ngày 02/03/2026"; null gives the blank to fill in by hand. */
export function handoverTime(d: Date | null): string {
  if (!d) return '…… giờ …… phút, ngày ……/……/………';
  const p = vnParts(d);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút, ngày ${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

export async function renderControlSlip(m: ControlSlipModel): Promise<Buffer> {
  const spec = formSpec(m.rules, 'control');
  const label = formLabel(m.rules, 'control');
  const doc = createA5Doc({
    title: `${sentenceCase(spec.title)} – ${m.code}`,
    author: unitText(m.agency),
    subject: m.procedureName,
    creationDate: m.issuedAt,
  });
  startSheet(doc, `${label} · Mã hồ sơ: ${m.code}`);
  header(doc, { agency: m.agency, formLabel: label, basis: legalBasis(m.rules), date: m.issuedAt });
  title(doc, spec.title, [{ text: `Mã hồ sơ: ${m.code}`, style: 'bold' }], dossierQr(m.agency.trackingUrlTemplate, m.code, m.procedureCode));
  field(doc, 'Chủ hồ sơ', m.applicant.fullName, { bold: true });
  field(doc, 'Nội dung yêu cầu giải quyết', m.procedureName, { bold: true });
  field(doc, 'Thời gian nhận hồ sơ', vnDateTime(m.receivedAt));
  field(doc, 'Thời gian trả kết quả', vnDateTime(m.dueAt));
  field(doc, 'Địa chỉ', m.applicant.address);
  field(doc, 'Cơ quan (bộ phận) giải quyết hồ sơ', m.handlingAgency);
  doc.y += 4;
  const blanks = Math.max(m.blankRows ?? 2, 3 - m.rows.length, 0);
  controlTable(doc, m.rows, blanks);
  return finish(doc);
}

function widths(doc: Doc): { xs: number[]; ws: number[] } {
  const W = contentWidth(doc);
  const total = SHARES.reduce((a, b) => a + b, 0);
  const ws = SHARES.map((s) => (s / total) * W);
  const xs = ws.map((_, i) => doc.page.margins.left + ws.slice(0, i).reduce((a, w) => a + w, 0));
  return { xs, ws };
}

function box(doc: Doc, x: number, y: number, w: number, h: number): void {
  doc.save().rect(x, y, w, h).lineWidth(0.6).strokeColor('#000000').stroke().restore();
}

function drawHeader(doc: Doc): void {
  const { xs, ws } = widths(doc);
  setFont(doc, 'bold', 7);
  const h = Math.max(...CONTROL_HEADERS.map((t, i) => doc.heightOfString(t, { width: ws[i]! - 2 * PAD, lineGap: 1 }))) + 2 * PAD;
  const y = doc.y;
  CONTROL_HEADERS.forEach((t, i) => {
    box(doc, xs[i]!, y, ws[i]!, h);
    doc.text(t, xs[i]! + PAD, y + PAD, { width: ws[i]! - 2 * PAD, align: 'center', lineGap: 1 });
  });
  doc.x = doc.page.margins.left;
  doc.y = y + h;
}

interface Cells {
  name: string;
  times: string;
  result: string;
  note: string;
}

function cells(r: ControlSlipRow): Cells {
  return {
    name: r.from || r.to ? `1. Giao: ${r.from}\n2. Nhận: ${r.to}` : '1. Giao:\n2. Nhận:',
    times: `1. Giao: ${handoverTime(r.handedAt)}\n2. Nhận: ${handoverTime(r.receivedAt)}`,
    result: r.timing ? TIMING_VI[r.timing] : '',
    note: r.note ?? '',
  };
}

const BLANK: ControlSlipRow = { from: '', to: '', handedAt: null, handedBy: null, receivedAt: null, receivedBy: null, timing: null, note: null };

/**
 * The recorded rows, then up to `blanks` empty rows for hand-overs still to come. Empty rows only
 * fill the page the table ends on (at least one when nothing is recorded yet).
 */
function controlTable(doc: Doc, recorded: readonly ControlSlipRow[], blanks: number): void {
  setFont(doc, 'bold', 7);
  ensureSpace(doc, 40 + 60);
  drawHeader(doc);
  const rows = [...recorded, ...Array.from({ length: blanks }, () => BLANK)];
  for (const [i, r] of rows.entries()) {
    const { xs, ws } = widths(doc);
    const c = cells(r);
    const tw = (i: number): number => ws[i]! - 2 * PAD;
    setFont(doc, 'regular', SIZE);
    const textH = (s: string, i: number): number => doc.heightOfString(s || ' ', { width: tw(i), lineGap: 1 });
    const timesH = textH(c.times, 1) + 2 * PAD;
    setFont(doc, 'regular', 7);
    const nameLine = Math.max(doc.heightOfString(r.handedBy ?? ' ', { width: ws[1]! / 2 - 2 * PAD }), doc.heightOfString(r.receivedBy ?? ' ', { width: ws[1]! / 2 - 2 * PAD }));
    const signH = 10 + SIGN_ROOM + nameLine + PAD;
    setFont(doc, 'regular', SIZE);
    const h = Math.max(textH(c.name, 0) + 2 * PAD, timesH + signH, textH(c.result, 2) + 2 * PAD, textH(c.note, 3) + 2 * PAD);
    const isBlank = i >= recorded.length;
    if (isBlank && i > 0 && doc.y + h > doc.page.maxY()) break;
    const page = doc.page;
    ensureSpace(doc, h);
    if (doc.page !== page) drawHeader(doc);
    const y = doc.y;
    [0, 1, 2, 3].forEach((i) => box(doc, xs[i]!, y, ws[i]!, h));
    setFont(doc, 'regular', SIZE);
    doc.text(c.name, xs[0]! + PAD, y + PAD, { width: tw(0), lineGap: 1 });
    doc.text(c.times, xs[1]! + PAD, y + PAD, { width: tw(1), lineGap: 1 });
    setFont(doc, 'bold', SIZE);
    doc.text(c.result, xs[2]! + PAD, y + PAD, { width: tw(2), align: 'center', lineGap: 1 });
    setFont(doc, 'regular', SIZE);
    doc.text(c.note, xs[3]! + PAD, y + PAD, { width: tw(3), lineGap: 1 });
    // signature boxes: Người giao | Người nhận under the times
    const sy = y + timesH;
    const half = ws[1]! / 2;
    doc.save().moveTo(xs[1]!, sy).lineTo(xs[1]! + ws[1]!, sy).moveTo(xs[1]! + half, sy).lineTo(xs[1]! + half, y + h)
      .lineWidth(0.4).strokeColor('#000000').stroke().restore();
    ([['Người giao', r.handedBy], ['Người nhận', r.receivedBy]] as const).forEach(([label, name], k) => {
      const x = xs[1]! + k * half + PAD;
      setFont(doc, 'italic', 7);
      doc.text(label, x, sy + 2, { width: half - 2 * PAD, align: 'center', lineBreak: false });
      if (name) {
        setFont(doc, 'regular', 7);
        doc.text(name.normalize('NFC'), x, sy + 10 + SIGN_ROOM, { width: half - 2 * PAD, align: 'center' });
      }
    });
    doc.x = doc.page.margins.left;
    doc.y = y + h;
  }
  setFont(doc, 'regular');
  doc.y += 4;
}

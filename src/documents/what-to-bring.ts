/**
 * "Giấy tờ cần mang" (issue 17): an A5 sheet the guidance desk hands to a citizen who must come
 * back, from the procedure's catalogue record: the papers (original or copy, how many), the
 * conditions, the time limit, the fee, where to file online and a QR code to the procedure's page.
 * Not an official form (no form number); layout helpers of the forms.
 */
import { header, title } from './layout-header.js';
import { createA5Doc, finish, gap, numberedList, para, startSheet } from './layout.js';
import type { Agency } from './models.js';

export interface WhatToBringModel {
  agency: Agency;
  date: Date;
  procedureCode: string;
  procedureName: string;
  /** Papers by case (`heading` null: every case). */
  papers: { heading: string | null; items: string[] }[];
  conditions: string[];
  time: string;
  fee: string[];
  online: string[];
  counter: string[];
  /** The procedure's page (the catalogue record's source), for the QR code and printed under it. */
  pageUrl: string;
}

export const WHAT_TO_BRING_TITLE = 'GIẤY TỜ CẦN MANG';

function section(doc: PDFKit.PDFDocument, heading: string, items: readonly string[], marker?: (i: number) => string): void {
  if (items.length === 0) return;
  gap(doc, 3);
  para(doc, heading, { style: 'bold', after: 2 });
  numberedList(doc, items, marker ? { marker } : {});
}

export async function renderWhatToBring(m: WhatToBringModel): Promise<Buffer> {
  const doc = createA5Doc({ title: `Giấy tờ cần mang – ${m.procedureCode}`, author: m.agency.unitFullName ?? m.agency.name, subject: m.procedureName, creationDate: m.date });
  startSheet(doc, `Giấy tờ cần mang · ${m.procedureCode}`);
  header(doc, { agency: m.agency, formLabel: '', basis: null, date: m.date });
  title(doc, WHAT_TO_BRING_TITLE, [{ text: m.procedureName, style: 'bold' }, { text: `Mã thủ tục: ${m.procedureCode}`, style: 'italic' }], m.pageUrl);
  const dash = () => '–';
  para(doc, '1. Giấy tờ cần mang', { style: 'bold', after: 2 });
  if (m.papers.every((g) => g.items.length === 0)) para(doc, 'Danh mục không ghi giấy tờ phải nộp.', { style: 'italic', indent: 12 });
  for (const g of m.papers) {
    if (g.items.length === 0) continue;
    if (g.heading) para(doc, g.heading, { style: 'italic', indent: 6, after: 1 });
    numberedList(doc, g.items);
  }
  const rest: [string, readonly string[]][] = [
    ['Điều kiện, trường hợp không được giải quyết', m.conditions],
    ['Thời hạn giải quyết', [m.time]],
    ['Phí, lệ phí', m.fee],
    ['Nộp hồ sơ trực tuyến', m.online],
    ['Nộp trực tiếp, hỏi thêm', m.counter],
  ];
  let n = 1;
  for (const [heading, items] of rest) if (items.length > 0) section(doc, `${++n}. ${heading}`, items, dash);
  gap(doc, 4);
  para(doc, `Quét mã QR ở đầu trang để xem thủ tục: ${m.pageUrl}`, { style: 'italic', size: 7.5 });
  return finish(doc);
}

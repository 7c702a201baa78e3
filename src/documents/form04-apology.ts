/**
 * Mẫu 04, PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ (TT 01/2018; under TT 03/2025 Mẫu 04 is titled
 * "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết", fields UNCONFIRMED, so the 2018 fields
 * are kept). Fields from regulations.md §1.3; the exact wording and the signer are UNCONFIRMED.
 */
import { sentenceCase, unitText, vnDateTime, vnLongDate } from './format.js';
import { header, title } from './layout-header.js';
import { contentWidth, createA5Doc, ensureSpace, field, finish, para, setFont, startSheet, type Doc } from './layout.js';
import { type ApologyModel, DEFAULT_APOLOGY_SIGNER_TITLE } from './models-456.js';
import { dossierQr } from './qr.js';
import { formLabel, formSpec, legalBasis } from './rules.js';

/** "05" → "05/PXL"; "05/PXL" unchanged; null → a blank to fill in. */
export function apologyNumberText(n: string | null): string {
  if (n === null || n.trim() === '') return 'Số:        /PXL';
  return `Số: ${n.includes('/') ? n.trim() : `${n.trim()}/PXL`}`;
}

const capital = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

export async function renderApology(m: ApologyModel): Promise<Buffer> {
  const spec = formSpec(m.rules, 'apology');
  const label = formLabel(m.rules, 'apology');
  const unit = unitText(m.agency);
  const who = (m.apologisingAgency?.trim() || unit).normalize('NFC');
  const numberLine = apologyNumberText(m.number);
  const doc = createA5Doc({
    title: `${sentenceCase(spec.title)} – ${m.code}`,
    author: unit,
    subject: m.procedureName,
    creationDate: m.issuedAt,
  });
  startSheet(doc, `${label} · ${numberLine} · Mã hồ sơ: ${m.code}`);
  header(doc, { agency: m.agency, formLabel: label, basis: legalBasis(m.rules), date: m.issuedAt, numberLine });
  title(doc, spec.title, [{ text: `Mã hồ sơ: ${m.code}`, style: 'bold' }], dossierQr(m.agency.trackingUrlTemplate, m.code, m.procedureCode));

  field(doc, 'Kính gửi', `Ông/Bà ${m.applicant.fullName}`, { bold: true });
  field(doc, 'Địa chỉ', m.applicant.address);
  doc.y += 2;
  const body = { align: 'justify' as const, after: 3 };
  para(doc, `${capital(vnLongDate(m.receivedAt))}, ${unit} tiếp nhận hồ sơ của Ông/Bà, mã hồ sơ ${m.code}, nội dung yêu cầu giải quyết: ${m.procedureName.normalize('NFC')}.`, body);
  para(doc, `Thời gian hẹn trả kết quả giải quyết hồ sơ: ${vnDateTime(m.dueAt)}.`, body);
  para(doc, `Tuy nhiên, đến ngày hẹn trả kết quả, ${who} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà theo thời gian đã hẹn trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.`, body);
  field(doc, 'Lý do', m.reason);
  doc.y += 2;
  para(doc, `${who} xin lỗi Ông/Bà vì sự chậm trễ này và hẹn trả kết quả giải quyết hồ sơ vào ${vnDateTime(m.newDueAt)}.`, body);
  para(doc, 'Rất mong nhận được sự thông cảm của Ông/Bà./.', { ...body, style: 'italic' });
  closing(doc, m);
  return finish(doc);
}

/** "Nơi nhận" at the left, the signer at the right (the usual administrative layout). */
function closing(doc: Doc, m: ApologyModel): void {
  const recipients = m.recipients ?? [`Ông/Bà ${m.applicant.fullName};`, 'Lưu: VT.'];
  const W = contentWidth(doc);
  const left = doc.page.margins.left;
  const lw = W * 0.42;
  const rx = left + lw;
  const rw = W - lw;
  const signTitle = (m.signer.title?.trim() || DEFAULT_APOLOGY_SIGNER_TITLE).normalize('NFC');
  const sub = m.signer.subtitle?.trim() ? m.signer.subtitle.trim().normalize('NFC') : null;
  const room = 42;
  setFont(doc, 'regular', 7.5);
  const listH = 11 + recipients.reduce((h, r) => h + doc.heightOfString(`- ${r}`, { width: lw - 4 }), 0);
  const signH = 12 + (sub ? 12 : 0) + 11 + room + 14;
  ensureSpace(doc, Math.max(listH, signH) + 8);
  const y = doc.y + 8;

  setFont(doc, 'boldItalic', 8);
  doc.text('Nơi nhận:', left, y, { width: lw, lineBreak: false });
  setFont(doc, 'regular', 7.5);
  let ly = y + 11;
  for (const r of recipients) {
    doc.text(`- ${r.normalize('NFC')}`, left, ly, { width: lw - 4 });
    ly = doc.y;
  }

  setFont(doc, 'bold', 9);
  doc.text(signTitle, rx, y, { width: rw, align: 'center' });
  if (sub) doc.text(sub, rx, doc.y, { width: rw, align: 'center' });
  setFont(doc, 'italic', 8);
  doc.text('(Ký, ghi rõ họ tên và đóng dấu)', rx, doc.y, { width: rw, align: 'center' });
  const nameY = doc.y + room;
  if (m.signer.name) {
    setFont(doc, 'bold', 9.5);
    doc.text(m.signer.name.normalize('NFC'), rx, nameY, { width: rw, align: 'center' });
  }
  setFont(doc, 'regular');
  doc.x = left;
  doc.y = Math.max(ly, nameY + 14);
}

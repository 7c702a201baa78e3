/**
 * Mẫu 01, GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ (regulations.md §1.3), in two copies, one sheet
 * each: Liên 1 stays with the unit (with the control slip), Liên 2 goes to the applicant.
 */
import { describeComponent, pad2, sentenceCase, unitText, vnDateTime } from './format.js';
import { header, title } from './layout-header.js';
import {
  applicantBlock, filer,
  createA5Doc, ensureSpace, field, finish, numberedList, para, signatures,
  signaturesHeight, startSheet, type Doc,
} from './layout.js';
import type { ReceiptModel } from './models.js';
import { dossierQr } from './qr.js';
import { formLabel, formSpec, legalBasis } from './rules.js';
import { formatVnDate } from '../domain/time.js';

export const RECEIPT_COPIES = ['Liên 1: Lưu', 'Liên 2: Giao người nộp hồ sơ'] as const;

/** Render both copies of the receipt. */
export async function renderReceipt(m: ReceiptModel): Promise<Buffer> {
  const spec = formSpec(m.rules, 'receipt');
  const doc = createA5Doc({
    title: `${sentenceCase(spec.title)} – ${m.code}`,
    author: unitText(m.agency),
    subject: m.procedureName,
    creationDate: m.receivedAt,
  });
  for (const copy of RECEIPT_COPIES) receiptSheet(doc, m, copy);
  return finish(doc);
}

/** The persons the procedure names (issue 18: both spouses of a marriage, …), after the applicant. */
function partiesBlock(doc: Doc, parties: NonNullable<ReceiptModel['parties']>): void {
  if (parties.length === 0) return;
  para(doc, 'Các bên có tên trong hồ sơ:');
  for (const p of parties) {
    const birth = p.birthDate ? `; ngày sinh: ${formatVnDate(p.birthDate)}` : '';
    field(doc, `- ${p.label}`, `${p.fullName}${p.personalId ? `; số định danh cá nhân: ${p.personalId}` : ''}${birth}`, { indent: 12 });
  }
}

function receiptSheet(doc: Doc, m: ReceiptModel, copy: string): void {
  const spec = formSpec(m.rules, 'receipt');
  const label = formLabel(m.rules, 'receipt');
  startSheet(doc, `${label} · ${copy} · Mã hồ sơ: ${m.code}`);
  header(doc, {
    agency: m.agency,
    formLabel: label,
    basis: legalBasis(m.rules),
    date: m.receivedAt,
  });
  title(
    doc,
    spec.title,
    [
      { text: `Mã hồ sơ: ${m.code}`, style: 'bold' },
      { text: `(${copy})`, style: 'italic' },
    ],
    dossierQr(m.agency.trackingUrlTemplate, m.code, m.procedureCode),
  );
  para(doc, unitText(m.agency));
  applicantBlock(doc, m, m.procedureName);
  partiesBlock(doc, m.parties ?? []);
  para(doc, '1. Thành phần hồ sơ nộp gồm:');
  if (m.components.length > 0) numberedList(doc, m.components.map(describeComponent));
  else para(doc, 'Không có giấy tờ phải nộp theo danh mục thủ tục.', { indent: 12, style: 'italic' }); // never an empty numbered line
  field(doc, '2. Số lượng hồ sơ', `${pad2(m.setCount)} (bộ)`);
  field(doc, '3. Thời gian giải quyết hồ sơ theo quy định là', m.processingTimeText);
  field(doc, '4. Thời gian nhận hồ sơ', vnDateTime(m.receivedAt));
  field(doc, '5. Thời gian trả kết quả giải quyết hồ sơ', vnDateTime(m.dueAt), { bold: true });
  field(doc, '6. Đăng ký nhận kết quả tại', m.delivery);
  if (m.postage) field(doc, 'Cước trả kết quả qua bưu chính', `${m.postage.text}${m.postage.source ? ` (${m.postage.source})` : ''}.`, { indent: 12 });
  if (m.postage) para(doc, 'Thời gian nhận được kết quả qua bưu chính có thể dài hơn thời gian hẹn trả (cộng thêm thời gian chuyển phát).', { indent: 12, style: 'italic', size: 8 });
  // how to follow the dossier (commune-process.md, step 1: the counter explains it; issue 17)
  if (m.lookup) field(doc, 'Theo dõi tiến độ giải quyết', `tra cứu bằng mã hồ sơ ${m.code} tại ${m.lookup}`);
  ensureSpace(doc, 2 * 14 + signaturesHeight()); // keep the last lines with the signatures
  para(doc, `Vào Sổ theo dõi hồ sơ, Quyển số: ${m.register.book}, Số thứ tự: ${m.register.number}`, { style: 'italic' });
  signatures(doc, [
    { title: 'NGƯỜI NỘP HỒ SƠ', name: filer(m).fullName },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: m.receiverName },
  ]);
}

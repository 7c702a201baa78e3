/** Mẫu 02, PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ (regulations.md §1.3): everything missing, once. */
import { pad2, sentenceCase, unitText } from './format.js';
import { header, title } from './layout-header.js';
import {
  createA5Doc, ensureSpace, field, fieldRow, finish, organisationLines, para, signatures, signaturesHeight,
  startSheet,
} from './layout.js';
import { table } from './layout-table.js';
import type { SupplementItem, SupplementModel } from './models.js';
import { qrPayload } from './qr.js';
import { formLabel, formSpec, legalBasis } from './rules.js';

export async function renderSupplement(m: SupplementModel): Promise<Buffer> {
  const spec = formSpec(m.rules, 'supplement');
  const label = formLabel(m.rules, 'supplement');
  const doc = createA5Doc({
    title: `${sentenceCase(spec.title)} – Số ${m.number}`,
    author: unitText(m.agency),
    subject: m.procedureName,
    creationDate: m.issuedAt,
  });
  startSheet(doc, `${label} · Số: ${m.number}`);
  header(doc, {
    agency: m.agency,
    formLabel: label,
    basis: legalBasis(m.rules),
    date: m.issuedAt,
    numberLine: `Số: ${m.number}`,
  });
  title(
    doc,
    spec.title,
    [{ text: `(Số tham chiếu: ${m.reference})`, style: 'italic' }],
    qrPayload({ ThamChieu: m.reference, MaTTHC: m.procedureCode ?? null }),
  );
  para(doc, unitText(m.agency));
  field(doc, 'Tiếp nhận hồ sơ của Ông/Bà', m.applicant.fullName, { bold: true });
  organisationLines(doc, m);
  field(doc, 'Nội dung yêu cầu giải quyết', m.procedureName, { bold: true });
  field(doc, 'Địa chỉ', m.organisation?.address ?? m.applicant.address);
  fieldRow(doc, [
    { label: 'Số điện thoại', value: m.applicant.phone },
    { label: 'Email', value: m.applicant.email },
  ]);
  para(doc, 'Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:', { after: 3 });
  table(
    doc,
    [
      { header: 'TT', width: 6, align: 'center' },
      { header: 'Thành phần hồ sơ', width: 36 },
      { header: 'Loại bản, số lượng', width: 23, align: 'center' },
      { header: 'Nội dung cần bổ sung, hoàn thiện', width: 35 },
    ],
    m.items.map((it, i) => [String(i + 1), it.name, copyText(it), reasonText(it)]),
  );
  field(doc, 'Lý do', m.reason);
  ensureSpace(doc, 4 * 14 + signaturesHeight());
  const phone = m.contact.phone ?? m.agency.phone ?? null;
  para(
    doc,
    `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ${m.contact.officer}` +
      `${phone ? `, số điện thoại ${phone}` : ''} để được hướng dẫn.`,
    { align: 'justify' },
  );
  signatures(doc, [
    { title: '', note: null, name: null },
    { title: 'NGƯỜI HƯỚNG DẪN', name: m.guideName },
  ]);
  return finish(doc);
}

function copyText(it: SupplementItem): string {
  const q = it.quantity === null ? null : `${pad2(it.quantity)} bản`;
  return [it.copy, q].filter((s): s is string => !!s).join(': ');
}

function reasonText(it: SupplementItem): string {
  return it.note ? `${it.reason} (${it.note})` : it.reason;
}

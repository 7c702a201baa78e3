/** Mẫu 03, PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ (regulations.md §1.3). */
import { sentenceCase, unitText } from './format.js';
import { header, title } from './layout-header.js';
import {
  applicantBlock, filer,
  createA5Doc, ensureSpace, field, finish, numberedList, para, signatures,
  signaturesHeight, startSheet,
} from './layout.js';
import type { RefusalModel } from './models.js';
import { qrPayload } from './qr.js';
import { formLabel, formSpec, legalBasis } from './rules.js';

export async function renderRefusal(m: RefusalModel): Promise<Buffer> {
  const spec = formSpec(m.rules, 'refusal');
  const label = formLabel(m.rules, 'refusal');
  const unit = unitText(m.agency);
  const doc = createA5Doc({
    title: `${sentenceCase(spec.title)} – ${m.reference}`,
    author: unit,
    subject: m.procedureName,
    creationDate: m.issuedAt,
  });
  startSheet(doc, `${label} · ${m.reference}`);
  header(doc, {
    agency: m.agency,
    formLabel: label,
    basis: legalBasis(m.rules),
    date: m.issuedAt,
  });
  title(
    doc,
    spec.title,
    [{ text: `(Số tham chiếu: ${m.reference})`, style: 'italic' }],
    qrPayload({ ThamChieu: m.reference, MaTTHC: m.procedureCode ?? null }),
  );
  para(doc, unit);
  applicantBlock(doc, m, m.procedureName);
  para(doc, `Qua xem xét, ${unit} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`, {
    align: 'justify',
  });
  if (m.reasons.length === 0) field(doc, '', null, { indent: 12 });
  else numberedList(doc, m.reasons, m.reasons.length === 1 ? { marker: () => '-' } : {});
  ensureSpace(doc, 14 + signaturesHeight());
  para(doc, 'Xin thông báo cho Ông/Bà được biết và thực hiện./.');
  // The official signature block of Mẫu 03 is UNCONFIRMED; this follows the implementations.
  signatures(doc, [
    { title: 'NGƯỜI NỘP HỒ SƠ', name: filer(m).fullName },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: m.receiverName },
  ]);
  return finish(doc);
}

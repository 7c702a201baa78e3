/**
 * Mẫu 06 (TT 01/2018; Mẫu 07 under TT 03/2025), SỔ THEO DÕI HỒ SƠ: A4 landscape, one sheet per
 * book ("Quyển số"), one row per dossier in register order. The official column list is
 * UNCONFIRMED (regulations.md §1.3): the columns are gov-desk's choice (`REGISTER_COLUMNS`,
 * docs/forms.md).
 */
import { REGISTER_COLUMNS } from '../domain/ledger.js';
import { formatVnDate, vnDate, vnParts } from '../domain/time.js';
import { pad2, sentenceCase, unitText } from './format.js';
import { createA4Doc } from './layout-a4.js';
import { header, title } from './layout-header.js';
import { table, type Column } from './layout-table.js';
import { finish, para, startSheet } from './layout.js';
import type { RegisterLine, RegisterModel } from './models-456.js';
import { formLabel, formSpec, legalBasis } from './rules.js';

/** Shares of the width, per column of REGISTER_COLUMNS. */
const SHARES = [4, 14.5, 10.5, 4.5, 9, 9.5, 8, 6.5, 6.5, 6.5, 6.5, 6.5, 5, 8];
const ALIGN: Record<number, Column['align']> = { 0: 'center', 3: 'center' };

/** "02/03/2026\n09:15". */
export function shortStamp(d: Date | null): string {
  if (!d) return '';
  const p = vnParts(d);
  return `${formatVnDate(vnDate(d))}\n${pad2(p.hour)}:${pad2(p.minute)}`;
}

export function registerLineCells(l: RegisterLine): string[] {
  const due = l.newDueAt ? `${shortStamp(l.dueAt)}\n(hẹn lại ${shortStamp(l.newDueAt).replace('\n', ' ')})` : shortStamp(l.dueAt);
  return [
    String(l.number), l.code, l.procedureName, l.setCount === null ? '' : String(l.setCount), l.applicantName, l.contact,
    l.department ?? '', shortStamp(l.receivedAt), due, shortStamp(l.routedAt), shortStamp(l.resultAt), shortStamp(l.returnedAt),
    '', l.notes.join('; '),
  ];
}

function periodText(p: RegisterModel['period']): string | null {
  if (!p || (!p.from && !p.to)) return null;
  if (p.from && p.to) return `Từ ngày ${formatVnDate(p.from)} đến ngày ${formatVnDate(p.to)}`;
  return p.from ? `Từ ngày ${formatVnDate(p.from)}` : `Đến ngày ${formatVnDate(p.to!)}`;
}

export async function renderRegister(m: RegisterModel): Promise<Buffer> {
  const spec = formSpec(m.rules, 'register');
  const doc = createA4Doc({
    title: sentenceCase(spec.title),
    author: unitText(m.agency),
    subject: m.books.map((b) => `Quyển số ${b.book}`).join(', ') || sentenceCase(spec.title),
    creationDate: m.issuedAt,
  });
  const columns: Column[] = REGISTER_COLUMNS.map((h, i) => ({ header: h, width: SHARES[i] ?? 6, align: ALIGN[i] ?? 'left' }));
  const period = periodText(m.period);
  const books = m.books.length > 0 ? m.books : [{ book: '', lines: [] }];
  for (const b of books) {
    const rules = b.rules ?? m.rules;
    const label = formLabel(rules, 'register');
    startSheet(doc, `${label} · ${spec.title}${b.book ? ` · Quyển số: ${b.book}` : ''}`);
    header(doc, { agency: b.agency ?? m.agency, formLabel: label, basis: legalBasis(rules), date: m.issuedAt });
    const lines = [
      ...(b.book ? [{ text: `Quyển số: ${b.book}`, style: 'bold' as const }] : []),
      ...(period ? [{ text: period, style: 'italic' as const }] : []),
    ];
    title(doc, spec.title, lines);
    table(doc, columns, b.lines.map(registerLineCells), { size: 7, headerSize: 6.5, padding: 2.5 });
    if (b.lines.length === 0) para(doc, '(Không có hồ sơ nào trong kỳ.)', { style: 'italic', align: 'center' });
    else para(doc, `Tổng số: ${b.lines.length} hồ sơ.`, { style: 'italic' });
  }
  return finish(doc);
}

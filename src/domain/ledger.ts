/**
 * The register (Sổ theo dõi hồ sơ, Mẫu 06 under TT 01/2018, Mẫu 07 under TT 03/2025): one row per
 * dossier, in the book and under the number written on its receipt (`dossier.register`), sorted by
 * book, then number. Pure.
 *
 * The official column list is UNCONFIRMED (regulations.md §1.3); the columns chosen are in
 * {@link REGISTER_COLUMNS} and documented in docs/forms.md.
 */
import { keepDigits, toCsv } from './csv.js';
import { currentDueAt } from './dossier/summary.js';
import type { Dossier, DossierEvent } from './dossier/types.js';
import { formatVnDate, type IsoDate, vnDate, vnParts } from './time.js';

export interface RegisterRow {
  book: string;
  number: number;
  code: string;
  procedureCode: string;
  procedureName: string;
  /** Number of sets (bộ) received, when the reception recorded it. */
  setCount: number | null;
  applicantName: string;
  address: string | null;
  phone: string | null;
  /** Cơ quan chủ trì giải quyết: the first department the dossier was routed to. */
  department: string | null;
  /** ISO +07:00 instants as stored. */
  receivedAt: string;
  /** The appointment on the receipt. */
  dueAt: string;
  /** The appointment in force when it differs from the receipt (supplement, apology). */
  newDueAt: string | null;
  /** First hand-over to a department. */
  routedAt: string | null;
  /** Result recorded (approved or refused). */
  resultAt: string | null;
  /** Result returned to the applicant. */
  returnedAt: string | null;
  returnMethod: 'counter' | 'post' | null;
  /** Ghi chú, in Vietnamese (the register is a Vietnamese document). */
  notes: string[];
}

export interface LedgerFilter {
  /** Vietnamese calendar dates of receipt, inclusive. */
  from?: IsoDate | null;
  to?: IsoDate | null;
  book?: string | null;
}

const first = (d: Dossier, type: DossierEvent['type']): DossierEvent | undefined => d.events.find((e) => e.type === type);
const data = (e: DossierEvent | undefined): Record<string, unknown> => (e?.data ?? {}) as Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** "02/03/2026 09:15" from a stored `…T09:15:00+07:00` instant. */
export function stampText(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = vnParts(d);
  return `${formatVnDate(vnDate(d))} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

function notesOf(d: Dossier): string[] {
  const notes: string[] = [];
  for (const e of d.events) {
    const x = data(e);
    switch (e.type) {
      case 'supplement-requested':
        notes.push(`Yêu cầu bổ sung${str(x.number) ? ` (số ${String(x.number)})` : ''}`);
        break;
      case 'apology-issued':
        notes.push(`Phiếu xin lỗi${str(x.number) ? ` số ${String(x.number)}` : ''}${str(x.newDueAt) ? `, hẹn lại ${stampText(String(x.newDueAt))}` : ''}`);
        break;
      case 'result-recorded':
        if (x.decision === 'refused') notes.push(`Không giải quyết${str(x.reason) ? `: ${String(x.reason)}` : ''}`);
        break;
      case 'result-returned':
        if (x.method === 'post') notes.push(`Trả qua bưu chính công ích${str(x.tracking) ? ` (${String(x.tracking)})` : ''}`);
        break;
      case 'withdrawn':
        notes.push('Công dân rút hồ sơ');
        break;
      case 'stopped':
        notes.push('Dừng giải quyết');
        break;
      default:
        break;
    }
  }
  return notes;
}

export function registerRow(d: Dossier): RegisterRow {
  const routed = first(d, 'routed');
  const recorded = first(d, 'result-recorded');
  const returned = first(d, 'result-returned');
  const sets = data(first(d, 'received')).setCount;
  const inForce = currentDueAt(d);
  const method = data(returned).method;
  return {
    book: d.register.book,
    number: d.register.number,
    code: d.code,
    procedureCode: d.procedure.code,
    procedureName: d.procedure.name,
    setCount: typeof sets === 'number' && Number.isFinite(sets) ? sets : null,
    applicantName: d.applicant.fullName,
    address: d.applicant.address,
    phone: d.applicant.phone,
    department: routed ? (str(data(routed).toName) ?? str(data(routed).to)) : null,
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    newDueAt: inForce !== d.dueAt ? inForce : null,
    routedAt: routed?.at ?? null,
    resultAt: recorded?.at ?? null,
    returnedAt: returned?.at ?? null,
    returnMethod: method === 'post' || method === 'counter' ? method : returned ? 'counter' : null,
    notes: notesOf(d),
  };
}

/** Compare register books: numbers inside labels compare as numbers ("2/2026" before "10/2026"). */
export function compareBooks(a: string, b: string): number {
  return a.localeCompare(b, 'vi', { numeric: true });
}

/** Register rows of the dossiers received in the period (and book), sorted by book, then number. */
export function ledgerRows(dossiers: Iterable<Dossier>, f: LedgerFilter = {}): RegisterRow[] {
  const rows: RegisterRow[] = [];
  for (const d of dossiers) {
    const day = vnDate(new Date(d.receivedAt));
    if (f.from && day < f.from) continue;
    if (f.to && day > f.to) continue;
    if (f.book && d.register.book !== f.book) continue;
    rows.push(registerRow(d));
  }
  return rows.sort((a, b) => compareBooks(a.book, b.book) || a.number - b.number || a.code.localeCompare(b.code));
}

/** The register's columns (PDF and CSV), in order. UNCONFIRMED: our choice, see docs/forms.md. */
export const REGISTER_COLUMNS = [
  'Số thứ tự',
  'Mã hồ sơ',
  'Tên thủ tục hành chính',
  'Số lượng hồ sơ (bộ)',
  'Tên cá nhân, tổ chức',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
  'Ngày, giờ nhận hồ sơ',
  'Ngày hẹn trả kết quả',
  'Ngày chuyển hồ sơ',
  'Ngày có kết quả/yêu cầu trả lại',
  'Ngày trả kết quả',
  'Ký nhận',
  'Ghi chú',
] as const;

/** The printed cells of a row, one per {@link REGISTER_COLUMNS} entry. */
export function registerCells(r: RegisterRow): string[] {
  const contact = [r.address, r.phone].filter((s): s is string => !!s).join('; ');
  const due = r.newDueAt ? `${stampText(r.dueAt)}\n(hẹn lại: ${stampText(r.newDueAt)})` : stampText(r.dueAt);
  return [
    String(r.number), r.code, r.procedureName, r.setCount === null ? '' : String(r.setCount), r.applicantName, contact,
    r.department ?? '', stampText(r.receivedAt), due, stampText(r.routedAt), stampText(r.resultAt), stampText(r.returnedAt),
    '', r.notes.join('; '),
  ];
}

/** The register as CSV: a "Quyển số" column, then {@link REGISTER_COLUMNS}; BOM and CRLF. */
export function ledgerCsv(rows: readonly RegisterRow[]): string {
  // a contact cell that is only a phone number (no address) keeps its leading zero in Excel
  const cell = (c: string) => (/^0\d+$/.test(c) ? keepDigits(c) : c.replace(/\n/g, ' '));
  return toCsv(['Quyển số', ...REGISTER_COLUMNS], rows.map((r) => [r.book, ...registerCells(r).map(cell)]), { bom: true });
}

/**
 * Document models of the later forms: the apology (Mẫu 04), the control slip (Mẫu 05 under
 * TT 01/2018, Mẫu 06 under TT 03/2025) and the register (Mẫu 06, resp. 07). Same conventions as
 * `models.ts`: plain data, NFC text, `Date` instants printed in Vietnam time, `null` = unknown
 * (a dotted line or an empty cell to fill in by hand). No pdfkit here.
 */
import type { RegisterRow } from '../domain/ledger.js';
import type { Timing } from '../domain/timing.js';
import type { Agency, Party } from './models.js';
import type { RuleSet } from './rules.js';

/** The signer of the apology when the model names none: UNCONFIRMED (regulations.md §1.3). */
export const DEFAULT_APOLOGY_SIGNER_TITLE = 'THỦ TRƯỞNG CƠ QUAN';

/** Mẫu 04, Phiếu xin lỗi và hẹn lại ngày trả kết quả (2025: Văn bản xin lỗi và đề nghị gia hạn…). */
export interface ApologyModel {
  rules: RuleSet;
  agency: Agency;
  /** "05/PXL" (printed "Số: 05/PXL"); a bare "05" gets "/PXL" added; null leaves a blank. */
  number: string | null;
  /** Dossier code. */
  code: string;
  procedureCode?: string | null;
  procedureName: string;
  /** "Kính gửi": the applicant (name and address). */
  applicant: Party;
  receivedAt: Date;
  /** The appointment that is being missed (on the receipt, or the last new date given). */
  dueAt: Date;
  reason: string | null;
  newDueAt: Date;
  issuedAt: Date;
  /**
   * The agency apologising (the one that caused the delay), as named in running text; default
   * the unit of the header (`unitFullName`).
   */
  apologisingAgency?: string | null;
  /** Signature block: title default {@link DEFAULT_APOLOGY_SIGNER_TITLE}; e.g. "KT. GIÁM ĐỐC" + "PHÓ GIÁM ĐỐC". */
  signer: { title?: string | null; subtitle?: string | null; name: string | null };
  /** "Nơi nhận" lines; default: the applicant, then "Lưu: VT.". */
  recipients?: string[] | null;
}

/** One hand-over of the control slip. */
export interface ControlSlipRow {
  /** Giver and receiver, printed in TÊN CƠ QUAN as "1. Giao: …" / "2. Nhận: …". */
  from: string;
  to: string;
  handedAt: Date | null;
  handedBy: string | null;
  receivedAt: Date | null;
  receivedBy: string | null;
  /** KẾT QUẢ GIẢI QUYẾT HỒ SƠ; null leaves the cell to fill in. */
  timing: Timing | null;
  note: string | null;
}

/** Mẫu 05 (2025: Mẫu 06), Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export interface ControlSlipModel {
  rules: RuleSet;
  agency: Agency;
  code: string;
  procedureCode?: string | null;
  procedureName: string;
  /** Chủ hồ sơ. */
  applicant: Party;
  receivedAt: Date;
  /** Thời gian trả kết quả (the appointment in force). */
  dueAt: Date;
  /** Cơ quan (bộ phận) giải quyết hồ sơ. */
  handlingAgency: string | null;
  rows: ControlSlipRow[];
  /** Blank rows added after the recorded ones, for hand-overs still to come (default 2, at least 3 rows in all). */
  blankRows?: number;
  /** Date printed in the header (when the slip is printed). */
  issuedAt: Date;
}

/** One line of the register (see `src/domain/ledger.ts` for how it is derived). */
export interface RegisterLine {
  number: number;
  code: string;
  procedureName: string;
  setCount: number | null;
  applicantName: string;
  /** "Địa chỉ; số điện thoại". */
  contact: string;
  department: string | null;
  receivedAt: Date;
  dueAt: Date;
  newDueAt: Date | null;
  routedAt: Date | null;
  resultAt: Date | null;
  returnedAt: Date | null;
  notes: string[];
}

/** One book of the register ("Quyển số"). */
export interface RegisterBook {
  book: string;
  lines: RegisterLine[];
  /**
   * The rules of these dossiers' receipt dates (form number, legal basis, header unit); a book
   * whose dossiers span two periods is printed as one sheet per period. Absent: the model's.
   */
  rules?: RuleSet;
  agency?: Agency;
}

/** Mẫu 06 (2025: Mẫu 07), Sổ theo dõi hồ sơ: A4 landscape, one sheet per book. */
export interface RegisterModel {
  rules: RuleSet;
  agency: Agency;
  books: RegisterBook[];
  /** The period printed under the title (Vietnamese dates `YYYY-MM-DD`), when a period was chosen. */
  period?: { from: string | null; to: string | null } | null;
  issuedAt: Date;
}

/** Register books from the domain's register rows (already sorted by book, then number). */
export function registerBooks(rows: readonly RegisterRow[], periodOf?: (receivedAt: Date) => { rules: RuleSet; agency: Agency }): RegisterBook[] {
  const books: RegisterBook[] = [];
  const date = (s: string | null): Date | null => (s === null ? null : new Date(s));
  for (const r of rows) {
    let b = books[books.length - 1];
    const period = periodOf?.(new Date(r.receivedAt));
    const samePeriod = !period || (b?.rules === period.rules && b?.agency?.unitName === period.agency.unitName);
    if (!b || b.book !== r.book || !samePeriod) {
      b = { book: r.book, lines: [], ...(period ? { rules: period.rules, agency: period.agency } : {}) };
      books.push(b);
    }
    b.lines.push({
      number: r.number,
      code: r.code,
      procedureName: r.procedureName,
      setCount: r.setCount,
      applicantName: r.applicantName,
      contact: [r.address, r.phone].filter((s): s is string => !!s).join('; '),
      department: r.department,
      receivedAt: new Date(r.receivedAt),
      dueAt: new Date(r.dueAt),
      newDueAt: date(r.newDueAt),
      routedAt: date(r.routedAt),
      resultAt: date(r.resultAt),
      returnedAt: date(r.returnedAt),
      notes: r.notes,
    });
  }
  return books;
}

/**
 * Plain document models for the one-stop forms. Handlers build them from the dossier and hand
 * them to the renderers; the renderers add nothing but layout. Text is expected in NFC (the
 * renderers normalise again). Instants are `Date`s and are printed in Vietnamese local time.
 * Unknown values stay `null`: the form then shows a dotted line to fill in by hand.
 */
import type { RuleSet } from './rules.js';

export type { RuleSet } from './rules.js';

export interface Agency {
  /** Upper line of the header, e.g. "UBND XÃ SUỐI KIẾT". */
  name: string;
  /** Bold line of the header, e.g. "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" (2018: "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"). */
  unitName: string;
  /**
   * The unit as named in running text ("Trung tâm Phục vụ hành chính công xã Suối Kiết").
   * When absent the forms print `unitName – name`.
   */
  unitFullName?: string | null;
  /** Place of the date line: "Suối Kiết" gives "Suối Kiết, ngày … tháng … năm …". */
  place: string;
  phone?: string | null;
  /** The citizen's look-up page for the QR code of a dossier's forms, with `{code}`; null: plain text. */
  trackingUrlTemplate?: string | null;
}

export interface Party {
  fullName: string;
  address: string | null;
  phone: string | null;
  email: string | null;
}

/** An organisation that applies; the `applicant` is then the person who acts for it (issue 12). */
export interface OrganisationParty {
  name: string;
  taxCode: string | null;
  address: string | null;
}

export interface ComponentLine {
  name: string;
  quantity: number | null;
  /** "Bản chính", "Bản sao", "Bản sao chứng thực", "Bản chụp"… */
  copy: string | null;
  note?: string | null;
}

/** Mẫu 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả (printed in two copies). */
export interface ReceiptModel {
  rules: RuleSet;
  agency: Agency;
  /** Dossier code (mã hồ sơ), opaque text from the provincial system. */
  code: string;
  procedureCode: string;
  procedureName: string;
  applicant: Party;
  /** The organisation the applicant acts for, when an organisation applies. */
  organisation?: OrganisationParty | null;
  /** Người nộp thay: who handed the dossier in for the applicant; null when the applicant came. */
  representative?: Party | null;
  /** The persons the procedure is about (both spouses, parent and child, …), when it names them. */
  parties?: { label: string; fullName: string; personalId: string | null; birthDate: string | null }[];
  components: ComponentLine[];
  /** Number of sets (bộ) submitted. */
  setCount: number;
  /** "01 ngày làm việc". */
  processingTimeText: string;
  receivedAt: Date;
  dueAt: Date;
  /** "Tại Trung tâm…" or "Qua dịch vụ bưu chính công ích: <address>". */
  delivery: string;
  /** The return postage quoted for a postal return: "tối đa 26.000 đồng" and its source; null otherwise. */
  postage?: { text: string; source: string | null } | null;
  /** Where the citizen follows the dossier by its code (src/domain/lookup.ts); absent: not printed. */
  lookup?: string | null;
  register: { book: string; number: number };
  receiverName: string;
}

export interface SupplementItem extends ComponentLine {
  /** What is wrong or missing in this document. */
  reason: string;
}

/** Mẫu 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export interface SupplementModel {
  rules: RuleSet;
  agency: Agency;
  /** "12/HDHS", printed as "Số: 12/HDHS". */
  number: string;
  /** Local reference of the attempt (no dossier code exists yet). */
  reference: string;
  procedureCode?: string | null;
  procedureName: string;
  applicant: Party;
  organisation?: OrganisationParty | null;
  items: SupplementItem[];
  reason: string | null;
  contact: { officer: string; phone: string | null };
  guideName: string;
  issuedAt: Date;
}

/** Mẫu 03, Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RefusalModel {
  rules: RuleSet;
  agency: Agency;
  reference: string;
  procedureCode?: string | null;
  procedureName: string;
  applicant: Party;
  organisation?: OrganisationParty | null;
  /** Người nộp thay, as on Mẫu 01. */
  representative?: Party | null;
  reasons: string[];
  receiverName: string;
  issuedAt: Date;
}

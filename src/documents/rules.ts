/**
 * Which set of form templates applies: Thông tư 01/2018/TT-VPCP for dossiers received before
 * 15/9/2025, Thông tư 03/2025/TT-VPCP (Phụ lục I) from that day on (regulations.md §1.3, §1.4).
 * Pure: the date is passed in.
 *
 * The TT 03/2025 titles come from a single secondary source and every field of the 2025 forms is
 * UNCONFIRMED, so the forms keep the 2018 field lists; only the numbering, the titles and the legal
 * basis printed under the form number change with the rule set.
 */
import { parseIsoDate, type IsoDate } from '../domain/time.js';

export const RULE_SETS = ['TT01/2018', 'TT03/2025'] as const;
export type RuleSet = (typeof RULE_SETS)[number];

/** First day of TT 03/2025/TT-VPCP (signed and in force on 15/9/2025). */
export const TT03_2025_IN_FORCE: IsoDate = '2025-09-15';

/**
 * First day of the commune Public Administration Service Centres (NĐ 118/2025 in force and the
 * two-level local government, 1/7/2025; regulations.md §1.1–1.2). From then on the form header
 * names the centre, and no district exists (postal zones and labels say no "huyện").
 */
export const CENTRES_FROM: IsoDate = '2025-07-01';

/** The bold unit line of the header for a document of that date (of receipt, for a dossier). */
export function unitNameOn(date: IsoDate): string {
  parseIsoDate(date);
  return date < CENTRES_FROM ? 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ' : 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG';
}

/** The rule set in force on the date the dossier was received (a Vietnamese calendar date). */
export function rulesInForce(receivedDate: IsoDate): RuleSet {
  parseIsoDate(receivedDate); // throws RangeError on a malformed date
  return receivedDate < TT03_2025_IN_FORCE ? 'TT01/2018' : 'TT03/2025';
}

export type FormKind =
  | 'receipt' // Giấy tiếp nhận hồ sơ và hẹn trả kết quả
  | 'supplement' // Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
  | 'refusal' // Phiếu từ chối tiếp nhận giải quyết hồ sơ
  | 'apology' // 2018: Phiếu xin lỗi…; 2025: Văn bản xin lỗi và đề nghị gia hạn…
  | 'stop' // 2025 only: Thông báo dừng giải quyết hồ sơ
  | 'control' // Phiếu kiểm soát quá trình giải quyết hồ sơ
  | 'register'; // Sổ theo dõi hồ sơ

export interface FormSpec {
  /** Two digits, as printed in "Mẫu số 01". */
  number: string;
  /** Upper-case title as printed on the form. */
  title: string;
  /** Paper size of the template. */
  paper: 'A5' | 'A4';
}

/** Form numbers and titles per rule set; `null` where the form does not exist under that set. */
export const FORMS = {
  'TT01/2018': {
    receipt: { number: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', paper: 'A5' },
    supplement: { number: '02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', paper: 'A5' },
    refusal: { number: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', paper: 'A5' },
    apology: { number: '04', title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', paper: 'A5' },
    stop: null,
    control: { number: '05', title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', paper: 'A5' },
    register: { number: '06', title: 'SỔ THEO DÕI HỒ SƠ', paper: 'A4' },
  },
  // Phụ lục I of TT 03/2025 as reported by one secondary source (regulations.md §1.4): UNCONFIRMED.
  // Paper sizes of the 2025 templates are UNCONFIRMED; the 2018 sizes are kept.
  'TT03/2025': {
    receipt: { number: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', paper: 'A5' },
    supplement: { number: '02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', paper: 'A5' },
    refusal: { number: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', paper: 'A5' },
    apology: { number: '04', title: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT', paper: 'A5' },
    stop: { number: '05', title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', paper: 'A5' },
    control: { number: '06', title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', paper: 'A5' },
    register: { number: '07', title: 'SỔ THEO DÕI HỒ SƠ', paper: 'A4' },
  },
} as const satisfies Record<RuleSet, Record<FormKind, FormSpec | null>>;

/** The template of a form under a rule set; throws if the form does not exist under it. */
export function formSpec(rules: RuleSet, kind: FormKind): FormSpec {
  const spec: FormSpec | null = FORMS[rules][kind];
  if (!spec) throw new RangeError(`form "${kind}" does not exist under ${rules}`);
  return spec;
}

/** The legal basis printed under "Mẫu số NN". */
export function legalBasis(rules: RuleSet): string {
  return rules === 'TT01/2018'
    ? '(Ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ)'
    : '(Ban hành kèm theo Thông tư số 03/2025/TT-VPCP ngày 15/9/2025 của Văn phòng Chính phủ)';
}

/** "Mẫu số 01". */
export function formLabel(rules: RuleSet, kind: FormKind): string {
  return `Mẫu số ${formSpec(rules, kind).number}`;
}

/**
 * Applicant kinds of the catalogue (`applicants`: "Công dân Việt Nam", "Tổ chức (không bao gồm
 * doanh nghiệp, HTX)", "Doanh nghiệp", …) and whether an organisation may apply (issue 12). Pure.
 */
import type { Organisation } from './dossier/types.js';
import { foldForSearch } from './text.js';

/** Kinds that are organisations: "Tổ chức …", "Doanh nghiệp …", "Hợp tác xã", "Cơ quan …". */
export function isOrganisationKind(kind: string): boolean {
  return /^(to chuc|doanh nghiep|hop tac xa|htx|co quan|don vi)\b/.test(foldForSearch(kind));
}

/** Kinds that are individuals: "Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài", "Người nước ngoài", "Cá nhân". */
export function isIndividualKind(kind: string): boolean {
  return /^(cong dan|nguoi|ca nhan|ho gia dinh)\b/.test(foldForSearch(kind));
}

/**
 * May an organisation apply for a procedure with these catalogue kinds?
 * 'yes': an organisation kind is listed; 'no': every kind listed is an individual one (refused);
 * 'unclear': the record lists no kind, or a kind this code does not recognise (a warning only).
 */
export function organisationAllowed(kinds: readonly string[]): 'yes' | 'no' | 'unclear' {
  if (kinds.some(isOrganisationKind)) return 'yes';
  if (kinds.length > 0 && kinds.every(isIndividualKind)) return 'no';
  return 'unclear';
}

/** Mã số thuế by shape: 10 digits, or 10 digits, a dash and 3 digits (a dependent unit; "0101234567001" is accepted too). */
export function normaliseTaxCode(s: string): string | null {
  const v = s.replace(/\s+/g, '');
  const m = /^(\d{10})(?:-?(\d{3}))?$/.exec(v);
  if (!m) return null;
  return m[2] ? `${m[1]}-${m[2]}` : m[1]!;
}

/** "Hội Nông dân xã Suối Kiết (MST 3401234567)": how lists and notes name the organisation. */
export function organisationText(o: Organisation): string {
  return o.taxCode ? `${o.name} (MST ${o.taxCode})` : o.name;
}

/** The organisation a dossier's applicant acts for, or null (a citizen; older files have no kind: a citizen). */
export function applicantOrganisation(d: { applicantKind?: 'citizen' | 'organisation'; organisation?: Organisation | null }): Organisation | null {
  return d.applicantKind === 'organisation' ? d.organisation ?? null : null;
}

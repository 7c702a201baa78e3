import { normaliseTaxCode, organisationAllowed } from '../domain/applicant-kind.js';
import { usageError } from '../errors.js';
import type { Organisation } from '../domain/dossier/types.js';
import { cleanText } from '../domain/text.js';
import type { Msg } from '../i18n/index.js';
import type { IntakeRecord, RecordKey } from './from-record.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * `--organisation NAME` (`--tax-code`, `--organisation-address`; batch columns `organisation`,
 * `tax_code`, `organisation_address`): the organisation that applies, or null for a citizen. The
 * person of the record (`--name`, …) is the person who acts for it.
 */
export function organisationOf(r: IntakeRecord, bad: (f: RecordKey, m: Msg) => void): Organisation | null {
  const name = str(r.organisation);
  const tax = str(r.tax_code);
  const address = str(r.organisation_address);
  if (!name) {
    if (tax) bad('tax_code', { vi: 'mã số thuế chỉ đi cùng --organisation (tên tổ chức)', en: 'a tax code goes only with --organisation (the organisation\'s name)' });
    if (address) bad('organisation_address', { vi: 'địa chỉ tổ chức chỉ đi cùng --organisation (tên tổ chức)', en: 'an organisation address goes only with --organisation (its name)' });
    return null;
  }
  let taxCode: string | null = null;
  if (tax) {
    taxCode = normaliseTaxCode(tax);
    if (!taxCode) bad('tax_code', { vi: `mã số thuế "${tax}" cần 10 chữ số (đơn vị phụ thuộc: 10 số, dấu gạch, 3 số)`, en: `tax code "${tax}" needs 10 digits (a dependent unit: 10 digits, a dash, 3 digits)` });
  }
  return { name: cleanText(name), taxCode, address: address ? cleanText(address) : null };
}

/**
 * An organisation for a procedure whose record lists only individual kinds ("Công dân Việt Nam",
 * "Người Việt Nam định cư ở nước ngoài", …) is refused (exit 2, nothing written). Where the record
 * lists no kind, or one this code does not know, it is a warning: the data does not say enough to
 * refuse (docs/workflow.md).
 */
export function checkOrganisationAllowed(proc: { code: string; applicants?: string[] }, organisation: Organisation | null | undefined): Msg | null {
  if (!organisation) return null;
  const kinds = proc.applicants ?? [];
  const verdict = organisationAllowed(kinds);
  if (verdict === 'no') {
    throw usageError('ORGANISATION_NOT_ALLOWED', { vi: 'Thủ tục {code} chỉ dành cho cá nhân ({kinds}): không tiếp nhận hồ sơ của tổ chức "{name}".', en: 'Procedure {code} is for individuals only ({kinds}): an organisation ("{name}") cannot apply.' }, {
      vars: { code: proc.code, kinds: kinds.join('; '), name: organisation.name },
      hint: { vi: 'Nếu một người nộp cho chính mình, bỏ --organisation; xem đối tượng thực hiện bằng `gov-desk catalog show {code}`.', en: 'If a person applies for themselves, drop --organisation; see who may apply with `gov-desk catalog show {code}`.' },
    });
  }
  if (verdict === 'unclear') {
    return kinds.length === 0
      ? { vi: `Lưu ý: danh mục không ghi đối tượng thực hiện của thủ tục ${proc.code}; vẫn tiếp nhận hồ sơ của tổ chức, hãy kiểm tra lại.`, en: `Note: the catalogue names no applicant kind for ${proc.code}; the organisation's dossier is received, check that it may apply.` }
      : { vi: `Lưu ý: đối tượng thực hiện của thủ tục ${proc.code} (${kinds.join('; ')}) không nói rõ tổ chức có được nộp không; hãy kiểm tra lại.`, en: `Note: the applicant kinds of ${proc.code} (${kinds.join('; ')}) do not say whether an organisation may apply; check it.` };
  }
  return null;
}

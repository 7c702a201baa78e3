import { type Context, t } from '../../context.js';
import { normaliseTaxCode, organisationAllowed } from '../../domain/applicant-kind.js';
import type { Organisation } from '../../domain/dossier/types.js';
import { cleanText } from '../../domain/text.js';
import { checkOrganisationAllowed } from '../../intake/organisation.js';
import type { Prompter } from '../../prompts.js';

/**
 * "Người nộp là cá nhân hay tổ chức?": one quick select, asked only where the catalogue lists an
 * organisation kind for the procedure (issue 12); a flag (`--organisation`) skips it. A citizen
 * (the default) is one Enter; an organisation asks its name, tax code and address (both optional).
 */
export async function askOrganisation(ctx: Context, p: Prompter, proc: { code: string; applicants?: string[] }, prefill: Organisation | null | undefined, given: Organisation | undefined): Promise<Organisation | null> {
  if (given) {
    checkOrganisationAllowed({ code: proc.code, ...(proc.applicants ? { applicants: proc.applicants } : {}) }, given); // refused before the first question
    return given;
  }
  if (organisationAllowed(proc.applicants ?? []) !== 'yes') return prefill ?? null;
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const kind = await p.select<'citizen' | 'organisation'>({
    message: L('Người nộp là cá nhân hay tổ chức?', 'Is the applicant a person or an organisation?'),
    choices: [
      { name: L('Cá nhân', 'A person'), value: 'citizen' },
      { name: L('Tổ chức (người nộp là người đại diện của tổ chức)', 'An organisation (the applicant acts for it)'), value: 'organisation' },
    ],
    default: prefill ? 'organisation' : 'citizen',
  });
  if (kind === 'citizen') return null;
  const name = cleanText(await p.input({ message: L('Tên tổ chức', "Organisation's name"), default: prefill?.name, validate: (s) => (s.trim() ? true : L('Cần tên tổ chức', 'The name is required')) }));
  const tax = await p.input({
    message: L('Mã số thuế (Enter để bỏ qua)', 'Tax code (Enter to skip)'),
    default: prefill?.taxCode ?? undefined,
    validate: (s) => (!s.trim() || normaliseTaxCode(s) ? true : L('Mã số thuế cần 10 chữ số (đơn vị phụ thuộc: 10-3)', 'A tax code has 10 digits (a dependent unit: 10-3)')),
  });
  const address = await p.input({ message: L('Địa chỉ trụ sở của tổ chức (Enter để bỏ qua)', "Organisation's address (Enter to skip)"), default: prefill?.address ?? undefined });
  return { name, taxCode: tax.trim() ? normaliseTaxCode(tax) : null, address: address.trim() ? cleanText(address) : null };
}

import type { Party, Person } from '../domain/dossier/types.js';
import { usageError } from '../errors.js';

/** A party as the catalogue declares it (catalog/schema.ts PartySpec). */
export interface PartyLike {
  role: string;
  name: string;
  nameEn?: string | null;
  required: boolean;
  hasId?: boolean;
}

const EXAMPLE = 'role=ben-nu,name=Nguyễn Thị Hường,id=060190001234,birth=12/05/1990';

/**
 * Check the parties given against the ones the procedure declares and label them: an unknown role
 * or a party given twice is a usage error; so is a required party that is missing (when `complete`,
 * i.e. the dossier is being received) or a party without the ID number the record asks for.
 */
export function resolveParties(code: string, specs: readonly PartyLike[] | undefined, given: { role: string; person: Person }[] | undefined, complete: boolean): Party[] {
  const declared = specs ?? [];
  const list = given ?? [];
  const roles = declared.map((s) => s.role).join(', ') || '—';
  const seen = new Set<string>();
  for (const g of list) {
    if (!declared.some((s) => s.role === g.role)) {
      throw usageError('PARTY_UNKNOWN', { vi: '--party: thủ tục {code} không có bên "{role}" (có: {roles}).', en: '--party: procedure {code} has no party "{role}" (it has: {roles}).' }, { vars: { code, role: g.role, roles } });
    }
    if (seen.has(g.role)) throw usageError('PARTY_TWICE', { vi: '--party: bên "{role}" được nhập hai lần.', en: '--party: the party "{role}" is given twice.' }, { vars: { role: g.role } });
    seen.add(g.role);
  }
  const out: Party[] = [];
  for (const s of declared) {
    const g = list.find((x) => x.role === s.role);
    if (!g) {
      if (complete && s.required) {
        throw usageError('PARTY_MISSING', { vi: 'Thủ tục {code} cần thông tin của {name}: --party "role={role},name=…,id=…,birth=…".', en: 'Procedure {code} needs the details of {name}: --party "role={role},name=…,id=…,birth=…".' }, {
          vars: { code, name: s.name, role: s.role },
          hint: { vi: `Ví dụ: --party "${EXAMPLE}"; hoặc --party "role=${s.role},applicant" nếu người nộp là ${s.name.toLowerCase()}; hoặc --party-qr "${s.role}=<dòng QR>".`, en: `Example: --party "${EXAMPLE}"; or --party "role=${s.role},applicant" when the applicant is that party; or --party-qr "${s.role}=<QR line>".` },
        });
      }
      continue;
    }
    if (s.hasId !== false && !g.person.personalId && complete) {
      throw usageError('PARTY_ID_MISSING', { vi: '{name} ({role}): thiếu số định danh cá nhân (id=…).', en: '{name} ({role}): the identification number is missing (id=…).' }, { vars: { name: s.name, role: s.role } });
    }
    out.push({ role: s.role, label: s.name, person: g.person });
  }
  return out;
}

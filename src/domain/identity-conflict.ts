import { amendedView } from './dossier/amend.js';
import type { Dossier, Person } from './dossier/types.js';
import { cleanText } from './text.js';
import { formatVnDate } from './time.js';
import type { Msg } from '../i18n/index.js';

/**
 * The same identification number under another name or birth date (issue 12): a typing slip, a
 * wrong card, or a dossier received for the wrong person. Pure: callers pass what the store holds.
 */
export interface KnownPerson {
  code: string;
  personalId: string;
  fullName: string;
  birthDate: string | null;
}

/** The people named in a dossier (applicant and representative as corrected, and the parties). */
export function peopleOf(d: Pick<Dossier, 'code' | 'applicant' | 'representative' | 'events' | 'parties'>): KnownPerson[] {
  const v = amendedView(d);
  const out: KnownPerson[] = [];
  for (const p of [v.applicant, v.representative, ...(d.parties ?? []).map((x) => x.person)]) if (p?.personalId) out.push({ code: d.code, personalId: p.personalId, fullName: p.fullName, birthDate: p.birthDate });
  return out;
}

/** Names compared in NFC without case: "Hương" and "Hường" are two names, "HƯỜNG" and "Hường" one. */
const sameName = (a: string, b: string) => cleanText(a).toLocaleLowerCase('vi') === cleanText(b).toLocaleLowerCase('vi');

/** Earlier records with `p`'s ID number but another name (ignoring case) or birth date. */
export function identityConflicts(known: readonly KnownPerson[], p: Pick<Person, 'personalId' | 'fullName' | 'birthDate'>): KnownPerson[] {
  if (!p.personalId) return [];
  return known.filter((k) => k.personalId === p.personalId && (!sameName(k.fullName, p.fullName) || (k.birthDate !== null && p.birthDate !== null && k.birthDate !== p.birthDate)));
}

export function conflictMessage(p: Pick<Person, 'personalId' | 'fullName' | 'birthDate'>, c: KnownPerson): Msg {
  const born = c.birthDate ? formatVnDate(c.birthDate) : '—';
  return {
    vi: `Cảnh báo: số định danh ${p.personalId} đã có trong hồ sơ ${c.code} với họ tên "${c.fullName}", ngày sinh ${born} (nay: "${p.fullName}", ${p.birthDate ? formatVnDate(p.birthDate) : '—'}). Đối chiếu lại giấy tờ tùy thân trước khi cấp giấy tiếp nhận.`,
    en: `Warning: ID number ${p.personalId} is already in dossier ${c.code} as "${c.fullName}", born ${born} (now: "${p.fullName}", ${p.birthDate ? formatVnDate(p.birthDate) : '—'}). Check the identity paper again before issuing the receipt.`,
  };
}

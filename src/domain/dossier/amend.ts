import type { Dossier, DossierEvent, Person } from './types.js';

/**
 * Corrections after reception (`gov-desk amend`): each one is an appended `amended` event with the
 * fields changed (old and new value) and the reason. The stored applicant is what was received;
 * the dossier as it stands now is `amendedView(d)`. History is never edited.
 */
export const AMENDABLE = ['fullName', 'personalId', 'birthDate', 'phone', 'email', 'address'] as const;
export type AmendableField = (typeof AMENDABLE)[number];
/** Field names for the history, `show` and the portal's progress text. */
export const FIELD_TEXT: Record<AmendableField, { vi: string; en: string }> = {
  fullName: { vi: 'họ tên', en: 'name' },
  personalId: { vi: 'số định danh', en: 'ID number' },
  birthDate: { vi: 'ngày sinh', en: 'date of birth' },
  phone: { vi: 'số điện thoại', en: 'phone' },
  email: { vi: 'thư điện tử', en: 'e-mail' },
  address: { vi: 'địa chỉ', en: 'address' },
};

export type AmendTarget = 'applicant' | 'representative';

export interface AmendmentData {
  target: AmendTarget;
  changes: Partial<Record<AmendableField, { from: string | null; to: string | null }>>;
  reason: string;
}

export function amendmentOf(e: DossierEvent): AmendmentData | undefined {
  if (e.type !== 'amended' || !e.data) return undefined;
  const d = e.data as Partial<AmendmentData>;
  if ((d.target !== 'applicant' && d.target !== 'representative') || typeof d.changes !== 'object' || d.changes === null) return undefined;
  return { target: d.target, changes: d.changes, reason: typeof d.reason === 'string' ? d.reason : '' };
}

function applyTo(p: Person, changes: AmendmentData['changes']): Person {
  const out: Person = { ...p };
  for (const f of AMENDABLE) {
    const c = changes[f];
    if (!c) continue;
    if (f === 'fullName') out.fullName = c.to ?? p.fullName;
    else out[f] = c.to;
  }
  return out;
}

/** The dossier with every correction applied (the same object when there is none). */
export function amendedView<T extends Pick<Dossier, 'applicant' | 'representative' | 'events'>>(d: T): T {
  let applicant = d.applicant;
  let representative = d.representative;
  let changed = false;
  for (const e of d.events) {
    const a = amendmentOf(e);
    if (!a) continue;
    changed = true;
    if (a.target === 'applicant') applicant = applyTo(applicant, a.changes);
    else if (representative) representative = applyTo(representative, a.changes);
  }
  return changed ? { ...d, applicant, representative } : d;
}

/**
 * The changes a correction would make: only fields whose value differs from the current one.
 * Empty when nothing changes (the command then writes nothing).
 */
export function diffPerson(current: Person, wanted: Partial<Record<AmendableField, string | null>>): AmendmentData['changes'] {
  const changes: AmendmentData['changes'] = {};
  for (const f of AMENDABLE) {
    if (!(f in wanted)) continue;
    const to = wanted[f] ?? null;
    const from = current[f] ?? null;
    if (to !== from) changes[f] = { from, to };
  }
  return changes;
}

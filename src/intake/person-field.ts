import type { Person } from '../domain/dossier/types.js';
import { validateEmail } from '../domain/email.js';
import { type Failed, parseBirthDate, validatePersonalId } from '../domain/identity.js';
import { normaliseName } from '../domain/person.js';
import { validatePhone } from '../domain/phone.js';
import { cleanText } from '../domain/text.js';

export type PersonField = 'fullName' | 'personalId' | 'birthDate' | 'phone' | 'email' | 'address';

/**
 * One typed value of a person, checked as intake checks it (a name normalised, a date parsed, a
 * number validated); used for the flags of an interactive intake and for `amend`. `birthDate`
 * lets a personal ID be checked against the birth year it encodes.
 */
export function checkPersonField(field: PersonField, text: string, today: string, birthDate?: string | null): { ok: true; value: string } | Failed {
  const s = text.trim();
  switch (field) {
    case 'fullName':
      return normaliseName(s);
    case 'birthDate':
      return parseBirthDate(s, today);
    case 'personalId':
      return validatePersonalId(s, birthDate ? { birthDate } : {});
    case 'phone':
      return validatePhone(s);
    case 'email':
      return validateEmail(s);
    case 'address':
      return { ok: true, value: cleanText(s) };
  }
}

/** The fields of a person from typed values (missing ones are left out); problems are reported per field. */
export function checkPerson(values: Partial<Record<PersonField, string | undefined>>, today: string, bad: (f: PersonField, r: Failed) => void): Partial<Person> {
  const out: Partial<Person> = {};
  const order: PersonField[] = ['fullName', 'birthDate', 'personalId', 'phone', 'email', 'address'];
  for (const f of order) {
    const v = values[f];
    if (v === undefined || v.trim() === '') continue;
    const r = checkPersonField(f, v, today, out.birthDate);
    if (r.ok) out[f] = r.value;
    else bad(f, r);
  }
  return out;
}

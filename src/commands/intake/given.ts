import type { Person } from '../../domain/dossier/types.js';
import { parseIdQr } from '../../domain/id-qr.js';
import { checkPerson, type PersonField } from '../../intake/person-field.js';
import { vnDate } from '../../domain/time.js';
import type { FieldProblem, IntakeRecord, RecordKey } from '../../intake/from-record.js';
import { organisationOf } from '../../intake/organisation.js';
import type { Msg } from '../../i18n/index.js';
import type { GivenAnswers } from './interactive.js';

/**
 * The flags given with an interactive intake (issue 12): each one is checked now (a bad one is exit
 * 2 before the first question) and its prompt is skipped; the others are asked.
 */
export function givenFromFlags(r: IntakeRecord, now: Date): { given: GivenAnswers; problems: FieldProblem[] } {
  const today = vnDate(now);
  const problems: FieldProblem[] = [];
  const str = (k: RecordKey) => (typeof r[k] === 'string' && (r[k] as string).trim() ? (r[k] as string).trim() : undefined);
  const bad = (field: RecordKey, m: { problems: { message: Msg }[] }) => {
    for (const p of m.problems) problems.push({ field, message: p.message });
  };
  const person = (keys: Partial<Record<PersonField, RecordKey>>): Partial<Person> | undefined => {
    const values = Object.fromEntries(Object.entries(keys).map(([f, k]) => [f, str(k as RecordKey)])) as Partial<Record<PersonField, string>>;
    const out = checkPerson(values, today, (f, r) => bad(keys[f]!, r));
    return Object.keys(out).length ? out : undefined;
  };
  const given: GivenAnswers = {};
  let applicant = person({ fullName: 'name', personalId: 'id_number', birthDate: 'birth_date', phone: 'phone', email: 'email', address: 'address' });
  const qr = str('id_qr');
  if (qr) {
    const v = parseIdQr(qr, today);
    if (!v.ok) bad('id_qr', v);
    else {
      const q = v.value;
      // explicit flags win over the card's QR, as in scripted intake
      applicant = { fullName: q.fullName, personalId: q.personalId, birthDate: q.birthDate, sex: q.sex, oldId: q.oldId, address: q.address, ...applicant };
      given.idQr = true;
    }
  }
  if (applicant) given.applicant = applicant;
  const rep = person({ fullName: 'rep_name', personalId: 'rep_id_number', birthDate: 'rep_birth_date', phone: 'rep_phone' });
  if (rep) given.representative = rep;
  const org = organisationOf(r, (field, message) => problems.push({ field, message }));
  if (org) given.organisation = org;
  if (r.all_components === true) given.allComponents = true;
  const comps = str('components');
  if (comps) given.provided = comps.split(/[,;\s]+/).filter(Boolean);
  return { given, problems };
}

import type { Person } from '../../domain/dossier/types.js';
import { validateEmail } from '../../domain/email.js';
import { parseIdQr } from '../../domain/id-qr.js';
import { parseBirthDate, validatePersonalId } from '../../domain/identity.js';
import { normaliseName } from '../../domain/person.js';
import { validatePhone } from '../../domain/phone.js';
import { cleanText } from '../../domain/text.js';
import { vnDate } from '../../domain/time.js';
import type { FieldProblem, IntakeRecord, RecordKey } from '../../intake/from-record.js';
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
  const person = (keys: { name: RecordKey; id: RecordKey; birth: RecordKey; phone: RecordKey; email?: RecordKey; address?: RecordKey }): Partial<Person> | undefined => {
    const out: Partial<Person> = {};
    const name = str(keys.name);
    if (name) {
      const n = normaliseName(name);
      if (n.ok) out.fullName = n.value;
      else bad(keys.name, n);
    }
    const birth = str(keys.birth);
    if (birth) {
      const b = parseBirthDate(birth, today);
      if (b.ok) out.birthDate = b.value;
      else bad(keys.birth, b);
    }
    const id = str(keys.id);
    if (id) {
      const v = validatePersonalId(id, out.birthDate ? { birthDate: out.birthDate } : {});
      if (v.ok) out.personalId = v.value;
      else bad(keys.id, v);
    }
    const phone = str(keys.phone);
    if (phone) {
      const v = validatePhone(phone);
      if (v.ok) out.phone = v.value;
      else bad(keys.phone, v);
    }
    const email = keys.email ? str(keys.email) : undefined;
    if (email && keys.email) {
      const v = validateEmail(email);
      if (v.ok) out.email = v.value;
      else bad(keys.email, v);
    }
    const address = keys.address ? str(keys.address) : undefined;
    if (address) out.address = cleanText(address);
    return Object.keys(out).length ? out : undefined;
  };
  const given: GivenAnswers = {};
  let applicant = person({ name: 'name', id: 'id_number', birth: 'birth_date', phone: 'phone', email: 'email', address: 'address' });
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
  const rep = person({ name: 'rep_name', id: 'rep_id_number', birth: 'rep_birth_date', phone: 'rep_phone' });
  if (rep) given.representative = rep;
  if (r.all_components === true) given.allComponents = true;
  const comps = str('components');
  if (comps) given.provided = comps.split(/[,;\s]+/).filter(Boolean);
  return { given, problems };
}

import type { Channel, DeliveryMethod, Person } from '../domain/dossier/types.js';
import { parseDateTimeInput } from '../domain/date-input.js';
import { validateEmail } from '../domain/email.js';
import { parseIdQr } from '../domain/id-qr.js';
import { parseBirthDate, validatePersonalId } from '../domain/identity.js';
import { normaliseName } from '../domain/person.js';
import { validatePhone } from '../domain/phone.js';
import { POSTAL_ZONES, type PostalZone } from '../domain/postal.js';
import { cleanText } from '../domain/text.js';
import { vnDate } from '../domain/time.js';
import type { Msg } from '../i18n/index.js';
import { organisationOf } from './organisation.js';
import type { IntakeAnswers } from './types.js';

/** One intake as flat text fields: the columns of a batch file, or the flags of one intake. */
export type IntakeRecord = Partial<Record<RecordKey, string | boolean | undefined>>;

export const RECORD_KEYS = [
  'procedure', 'channel', 'vneid_level2', 'id_qr', 'name', 'id_number', 'birth_date', 'phone', 'email', 'address',
  'rep_name', 'rep_id_number', 'rep_birth_date', 'rep_phone', 'components', 'all_components', 'invalid', 'refuse',
  'supplement_note', 'delivery', 'post_address', 'post_zone', 'post_weight', 'sets', 'notify', 'operator', 'received_at',
  'allow_duplicate',
  'case',
  'parties',
  'party_qr',
  'organisation', 'tax_code', 'organisation_address',
] as const;
export type RecordKey = (typeof RECORD_KEYS)[number];

export interface FieldProblem {
  field: RecordKey;
  message: Msg;
}

const CHANNELS: readonly Channel[] = ['in-person', 'postal', 'online'];
const DELIVERIES: readonly DeliveryMethod[] = ['counter', 'post'];

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
/** The spellings of yes and no a batch may use (case and Unicode form ignored). */
export const YES_WORDS = ['1', 'true', 'yes', 'y', 'co', 'có', 'x'] as const;
export const NO_WORDS = ['0', 'false', 'no', 'n', 'khong', 'không'] as const;

/** Yes/no of a record field: true, false, undefined when empty, 'unknown' when not understood (never read as "no"). */
export function yesNo(v: unknown): boolean | undefined | 'unknown' {
  if (typeof v === 'boolean') return v;
  const s = str(v)?.normalize('NFC').toLowerCase();
  if (s === undefined) return undefined;
  if ((YES_WORDS as readonly string[]).includes(s)) return true;
  if ((NO_WORDS as readonly string[]).includes(s)) return false;
  return 'unknown';
}
const bool = (v: unknown): boolean | undefined => {
  const r = yesNo(v);
  return r === 'unknown' ? undefined : r;
};
const YES_NO_FIELDS = ['all_components', 'allow_duplicate', 'notify', 'vneid_level2'] as const satisfies readonly RecordKey[];
const list = (v: unknown): string[] => (str(v) ?? '').split(/[,;\s]+/).map((x) => x.trim()).filter(Boolean);

/**
 * Validate a record into answers. Every problem names its field; nothing is written by this
 * function. Explicit fields win over the values read from the ID card's QR line.
 */
export function recordToAnswers(
  r: IntakeRecord,
  now: Date,
  operator: string,
  /** The channel when the record names none (online-only services default to the assisted online channel). */
  defaultChannel?: (procedureCode: string, receivedAt: Date) => Channel,
): { ok: true; answers: IntakeAnswers } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const bad = (field: RecordKey, message: Msg) => problems.push({ field, message });
  const today = vnDate(now);

  const procedureCode = str(r.procedure);
  if (!procedureCode) bad('procedure', { vi: 'thiếu mã thủ tục', en: 'the procedure code is missing' });

  const channel = (str(r.channel) ?? 'in-person') as Channel;
  if (!CHANNELS.includes(channel)) bad('channel', { vi: `kênh không hợp lệ "${channel}" (in-person, postal, online)`, en: `invalid channel "${channel}" (in-person, postal, online)` });

  let qr: ReturnType<typeof parseIdQr> | undefined;
  if (str(r.id_qr)) {
    qr = parseIdQr(String(r.id_qr), today);
    if (!qr.ok) for (const p of qr.problems) bad('id_qr', p.message);
  }
  const fromQr = qr?.ok ? qr.value : undefined;
  // a QR that could not be read leaves name, number and birth date empty: that is the QR's one
  // problem ("scan again"), not three more
  const qrFailed = qr !== undefined && !qr.ok;
  const given = (f: RecordKey) => str(r[f as keyof IntakeRecord]) !== undefined;
  const badApplicant = (field: RecordKey, message: Msg) => {
    if (qrFailed && (field === 'name' || field === 'id_number' || field === 'birth_date') && !given(field)) return;
    bad(field, message);
  };

  const applicant = person(
    { name: str(r.name) ?? fromQr?.fullName, id: str(r.id_number) ?? fromQr?.personalId, birth: str(r.birth_date) ?? fromQr?.birthDate, phone: str(r.phone), email: str(r.email), address: str(r.address) ?? fromQr?.address },
    { name: 'name', id: 'id_number', birth: 'birth_date', phone: 'phone', email: 'email' },
    today,
    badApplicant,
    true,
  );
  if (applicant && fromQr) {
    applicant.sex = fromQr.sex;
    applicant.oldId = fromQr.oldId;
  }
  let representative: Person | null = null;
  if (str(r.rep_name) || str(r.rep_id_number)) {
    representative =
      person(
      { name: str(r.rep_name), id: str(r.rep_id_number), birth: str(r.rep_birth_date), phone: str(r.rep_phone), email: undefined, address: undefined },
      { name: 'rep_name', id: 'rep_id_number', birth: 'rep_birth_date', phone: 'rep_phone', email: 'email' },
      today,
      bad,
      false,
    ) ?? null;
  }

  const parties = partiesOf(r, applicant, today, bad);
  const organisation = organisationOf(r, bad);

  const invalid: { id: string; reason: string }[] = [];
  for (const item of (str(r.invalid) ?? '').split(/\s*;\s*/).filter(Boolean)) {
    const i = item.indexOf('=');
    if (i <= 0) bad('invalid', { vi: `cần dạng "ma-thanh-phan=lý do": "${item}"`, en: `needs "component-id=reason": "${item}"` });
    else invalid.push({ id: item.slice(0, i).trim(), reason: cleanText(item.slice(i + 1)) });
  }

  const deliveryMethod = (str(r.delivery) ?? 'counter') as DeliveryMethod;
  if (!DELIVERIES.includes(deliveryMethod)) bad('delivery', { vi: `cách nhận kết quả không hợp lệ "${deliveryMethod}" (counter, post)`, en: `invalid delivery "${deliveryMethod}" (counter, post)` });
  let zone: PostalZone | null = null;
  let weightGrams: number | null = null;
  let postAddress: string | null = null;
  if (deliveryMethod === 'post') {
    postAddress = str(r.post_address) ? cleanText(String(r.post_address)) : applicant?.address ?? null;
    if (!postAddress) bad('post_address', { vi: 'cần địa chỉ nhận kết quả qua bưu chính', en: 'a postal delivery address is needed' });
    zone = (str(r.post_zone) ?? 'same-district') as PostalZone;
    if (!Object.hasOwn(POSTAL_ZONES, zone)) bad('post_zone', { vi: `vùng không hợp lệ "${zone}"`, en: `invalid zone "${zone}"` });
    const w = str(r.post_weight);
    weightGrams = w === undefined ? 100 : Number(w);
    if (!Number.isFinite(weightGrams) || weightGrams <= 0 || weightGrams > 30_000) bad('post_weight', { vi: `khối lượng không hợp lệ "${w}" (gam)`, en: `invalid weight "${w}" (grams)` });
  }

  let receivedAt: Date | null = null;
  if (str(r.received_at)) {
    // one date syntax everywhere: dd/mm/yyyy or yyyy-mm-dd, then an optional time (Vietnam time unless an offset is given)
    const parsed = parseDateTimeInput(String(r.received_at));
    if (!parsed.ok) bad('received_at', { vi: `${parsed.message.vi} (ví dụ 02/03/2026 09:15 hoặc 2026-03-02T09:15+07:00)`, en: `${parsed.message.en} (e.g. 02/03/2026 09:15 or 2026-03-02T09:15+07:00)` });
    else if (parsed.value.getTime() > now.getTime() + 60_000) bad('received_at', { vi: 'thời điểm nhận hồ sơ không được ở tương lai', en: 'the reception time may not be in the future' });
    else receivedAt = parsed.value;
  }

  const sets = str(r.sets) === undefined ? 1 : Number(r.sets);
  if (!Number.isInteger(sets) || sets < 1 || sets > 20) bad('sets', { vi: `số bộ không hợp lệ "${r.sets}"`, en: `invalid number of sets "${r.sets}"` });

  const vneid = str(r.vneid_level2) === undefined ? null : bool(r.vneid_level2);
  for (const field of YES_NO_FIELDS) {
    if (yesNo(r[field]) === 'unknown') {
      bad(field, { vi: `"${String(r[field])}" không phải có/không (dùng: ${YES_WORDS.join(', ')} / ${NO_WORDS.join(', ')})`, en: `"${String(r[field])}" is not yes or no (use: ${YES_WORDS.join(', ')} / ${NO_WORDS.join(', ')})` });
    }
  }

  if (problems.length > 0 || !applicant || !procedureCode) return { ok: false, problems };
  const components = list(r.components);
  return {
    ok: true,
    answers: {
      procedureCode,
      channel: str(r.channel) === undefined && defaultChannel ? defaultChannel(procedureCode, receivedAt ?? now) : channel,
      ...(str(r.case) ? { variant: String(str(r.case)) } : {}),
      vneidLevel2: vneid ?? null,
      applicant,
      ...(organisation ? { organisation } : {}),
      representative,
      ...(parties.length ? { parties } : {}),
      provided: components,
      conditionsYes: [],
      invalid,
      delivery: { method: deliveryMethod, address: deliveryMethod === 'post' ? postAddress : null, zone, weightGrams },
      refuseReason: str(r.refuse) ? cleanText(String(r.refuse)) : null,
      supplementNote: str(r.supplement_note) ? cleanText(String(r.supplement_note)) : null,
      receivedAt,
      operator, // resolved by the caller (a person of the profile or a full name: src/config/operators.ts)
      allowDuplicate: bool(r.allow_duplicate) ?? false,
      declineNotifications: bool(r.notify) === false,
      setCount: sets,
      resumeRef: null,
    },
  };
}

/**
 * `parties`: `role=ben-nam,name=…,id=…,birth=…[,phone=…][,address=…]` entries separated by `;`
 * (`role=ben-nam,applicant` when the applicant is that party); `party_qr`: `role=<ID card QR line>`
 * entries separated by `;` or new lines. Explicit fields win over the QR, as for the applicant.
 */
export function partiesOf(r: IntakeRecord, applicant: Person | undefined, today: string, bad: (f: RecordKey, m: Msg) => void): { role: string; person: Person }[] {
  const out: { role: string; person: Person }[] = [];
  const fields = new Map<string, Record<string, string>>();
  const order: string[] = [];
  const slot = (role: string): Record<string, string> => {
    if (!fields.has(role)) {
      fields.set(role, {});
      order.push(role);
    }
    return fields.get(role)!;
  };
  for (const entry of (str(r.parties) ?? '').split(/\s*;\s*/).filter(Boolean)) {
    const kv: Record<string, string> = {};
    for (const part of entry.split(',')) {
      const i = part.indexOf('=');
      const k = (i < 0 ? part : part.slice(0, i)).trim().toLowerCase();
      if (k) kv[k] = i < 0 ? 'yes' : part.slice(i + 1).trim();
    }
    if (!kv.role) {
      bad('parties', { vi: `thiếu role=… trong "${entry}" (ví dụ role=ben-nam,name=Lê Văn An,id=068095001122,birth=03/04/1995)`, en: `role=… is missing in "${entry}" (e.g. role=ben-nam,name=Lê Văn An,id=068095001122,birth=03/04/1995)` });
      continue;
    }
    Object.assign(slot(kv.role), kv);
  }
  for (const entry of (str(r.party_qr) ?? '').split(/\s*[;\n]\s*/).filter(Boolean)) {
    const i = entry.indexOf('=');
    if (i <= 0) {
      bad('party_qr', { vi: `cần dạng "vai-tro=dòng QR": "${entry}"`, en: `needs "role=QR line": "${entry}"` });
      continue;
    }
    slot(entry.slice(0, i).trim()).qr = entry.slice(i + 1).trim();
  }
  for (const role of order) {
    const f = fields.get(role)!;
    if (f.applicant !== undefined && bool(f.applicant) !== false) {
      if (applicant) out.push({ role, person: { ...applicant } });
      continue;
    }
    let qr: ReturnType<typeof parseIdQr> | undefined;
    if (f.qr) {
      qr = parseIdQr(f.qr, today);
      if (!qr.ok) for (const p of qr.problems) bad('party_qr', { vi: `${role}: ${p.message.vi}`, en: `${role}: ${p.message.en}` });
    }
    const q = qr?.ok ? qr.value : undefined;
    const field: RecordKey = f.qr && !f.name ? 'party_qr' : 'parties';
    const p = person(
      { name: f.name ?? q?.fullName, id: f.id ?? q?.personalId, birth: f.birth ?? q?.birthDate, phone: f.phone, email: f.email, address: f.address ?? q?.address },
      { name: field, id: field, birth: field, phone: field, email: field },
      today,
      (k, m) => bad(k, { vi: `${role}: ${m.vi}`, en: `${role}: ${m.en}` }),
      false,
      false,
    );
    if (!p) continue;
    if (q) {
      p.sex = q.sex;
      p.oldId = q.oldId;
    }
    out.push({ role, person: p });
  }
  return out;
}

type PersonKeys = { name: RecordKey; id: RecordKey; birth: RecordKey; phone: RecordKey; email: RecordKey };

function person(
  v: { name?: string; id?: string; birth?: string; phone?: string; email?: string; address?: string },
  keys: PersonKeys,
  today: string,
  bad: (f: RecordKey, m: Msg) => void,
  contactRequired: boolean,
  idRequired = true,
): Person | undefined {
  let fullName = '';
  if (!v.name) bad(keys.name, { vi: 'thiếu họ tên', en: 'the full name is missing' });
  else {
    const n = normaliseName(v.name);
    if (n.ok) fullName = n.value;
    else for (const p of n.problems) bad(keys.name, p.message);
  }
  let birthDate: string | null = null;
  if (v.birth) {
    const b = parseBirthDate(v.birth, today);
    if (b.ok) birthDate = b.value;
    else for (const p of b.problems) bad(keys.birth, p.message);
  }
  let personalId: string | null = null;
  if (!v.id) {
    if (idRequired) bad(keys.id, { vi: 'thiếu số định danh cá nhân', en: 'the identification number is missing' });
  } else {
    const idr = validatePersonalId(v.id, birthDate ? { birthDate } : {});
    if (idr.ok) personalId = idr.value;
    else for (const p of idr.problems) bad(keys.id, p.message);
  }
  let phone: string | null = null;
  if (v.phone) {
    const ph = validatePhone(v.phone);
    if (ph.ok) phone = ph.value;
    else for (const p of ph.problems) bad(keys.phone, p.message);
  }
  let email: string | null = null;
  if (v.email) {
    const em = validateEmail(v.email);
    if (em.ok) email = em.value;
    else for (const p of em.problems) bad(keys.email, p.message);
  }
  if (contactRequired && !v.phone && !v.email) bad(keys.phone, { vi: 'cần số điện thoại hoặc thư điện tử để báo kết quả', en: 'a phone number or an e-mail is needed to tell the citizen' });
  return { fullName, personalId, birthDate, phone, email, address: v.address ? cleanText(v.address) : null };
}

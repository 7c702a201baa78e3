import { amendedView } from '../domain/dossier/amend.js';
import path from 'node:path';
import type { Profile } from '../config/profile.js';
import { applicantOrganisation } from '../domain/applicant-kind.js';
import type { Dossier, Organisation, Person } from '../domain/dossier/types.js';
import { postageText } from '../domain/postal.js';
import { dossierLookup } from '../domain/lookup.js';
import { vnDate } from '../domain/time.js';
import type { PostalQuote } from './postal-quote.js';
import type { Agency, ComponentLine, Party, ReceiptModel, RefusalModel, SupplementModel } from '../documents/models.js';
import { CENTRES_FROM, type FormKind, formSpec, type RuleSet, rulesInForce, unitNameOn } from '../documents/rules.js';
import { ensureDir, writeFileAtomic } from '../store/files.js';
import type { FileStore } from '../store/port.js';
import { sha256Hex } from '../scan/hash.js';
import type { MissingItem } from './types.js';

const COPY_TEXT: Record<string, string> = {
  original: 'Bản chính',
  copy: 'Bản sao',
  'certified-copy': 'Bản sao có chứng thực',
  'original-or-copy': 'Bản chính hoặc bản sao',
  'original-and-copy': 'Bản chính và bản sao',
};

export function copyText(copy: string | null): string | null {
  return copy ? (COPY_TEXT[copy] ?? copy) : null;
}

/** "Ủy ban nhân dân xã Suối Kiết" → "UBND XÃ SUỐI KIẾT" for the form header. */
export function agencyHeaderName(name: string): string {
  return name.replace(/^Ủy ban nhân dân\s+/i, 'UBND ').replace(/^Uỷ ban nhân dân\s+/i, 'UBND ').toLocaleUpperCase('vi');
}

/** The unit in running text: the centre from 1/7/2025, before that the commune's one-stop unit. */
export function unitFullNameOn(p: Profile, at: Date): string {
  return vnDate(at) < CENTRES_FROM ? `Bộ phận Tiếp nhận và Trả kết quả ${p.commune.name}` : p.commune.centreName;
}

/** The header of a form for a document dated `at` (a dossier's forms: the time of receipt). */
export function agencyModel(p: Profile, at: Date): Agency {
  return {
    name: agencyHeaderName(p.commune.name),
    unitName: unitNameOn(vnDate(at)),
    unitFullName: unitFullNameOn(p, at),
    place: p.commune.place,
    phone: p.commune.phone,
    trackingUrlTemplate: p.tracking.urlTemplate,
  };
}

export function partyModel(person: Person): Party {
  return { fullName: person.fullName, address: person.address, phone: person.phone, email: person.email };
}

export function componentLines(d: Pick<Dossier, 'procedure' | 'checklist'>): ComponentLine[] {
  return d.procedure.components
    .filter((c) => d.checklist.find((l) => l.id === c.id)?.provided)
    .map((c) => ({ name: c.name, quantity: c.quantity, copy: copyText(c.copy), note: c.kind === 'present' ? 'Xuất trình để đối chiếu' : null }));
}

export function missingLines(items: MissingItem[]): (ComponentLine & { reason: string })[] {
  return items.map((m) => ({ name: m.name, quantity: m.quantity, copy: copyText(m.copy), reason: m.reason }));
}

/**
 * "01 ngày làm việc", "20 ngày", "4 giờ làm việc", "0,5 ngày làm việc". A bare number of the
 * record ("1", unit not stated) is printed as the record gives it, not with a unit it does not give.
 */
export function processingTimeText(t: { value: number; unit: 'working-days' | 'days' | 'hours' } | null, facts: { unitStated?: boolean; timeText?: string | null } = {}): string {
  if (!t) return 'Theo quy định';
  if (facts.unitStated === false) return `${facts.timeText ?? String(t.value).replace('.', ',')} (thủ tục không ghi đơn vị thời gian)`;
  const n = Number.isInteger(t.value) ? String(t.value).padStart(2, '0') : String(t.value).replace('.', ',');
  if (t.unit === 'working-days') return t.value === 0 ? 'Trong ngày làm việc' : `${n} ngày làm việc`;
  if (t.unit === 'days') return `${n} ngày`;
  return `${n} giờ làm việc`;
}

export function deliveryText(p: Profile, d: Pick<Dossier, 'delivery' | 'receivedAt'>): string {
  return d.delivery.method === 'post' ? `Qua dịch vụ bưu chính công ích: ${d.delivery.address ?? ''}` : unitFullNameOn(p, new Date(d.receivedAt));
}

/**
 * File names: the form as gov-desk names it internally (its 2018 number), and the number and
 * words of the rules in force on the date of receipt, so that the file name, the JSON and the
 * printed "Mẫu số" agree (a 2025 control slip is `mau-06-phieu-kiem-soat.pdf`, "Mẫu số 06").
 */
const FILE_NAMES = {
  '01': { kind: 'receipt', slug: { 'TT01/2018': 'giay-tiep-nhan', 'TT03/2025': 'giay-tiep-nhan' } },
  '02': { kind: 'supplement', slug: { 'TT01/2018': 'yeu-cau-bo-sung', 'TT03/2025': 'yeu-cau-bo-sung' } },
  '03': { kind: 'refusal', slug: { 'TT01/2018': 'tu-choi', 'TT03/2025': 'tu-choi' } },
  '04': { kind: 'apology', slug: { 'TT01/2018': 'xin-loi-hen-lai', 'TT03/2025': 'xin-loi-gia-han' } },
  '05': { kind: 'control', slug: { 'TT01/2018': 'phieu-kiem-soat', 'TT03/2025': 'phieu-kiem-soat' } },
} as const satisfies Record<string, { kind: FormKind; slug: Record<RuleSet, string> }>;
export type FormFile = keyof typeof FILE_NAMES;

/** The number printed in "Mẫu số NN" for a document of a dossier received on `at`. */
export function printedFormNumber(form: FormFile, at: Date): string {
  return formSpec(rulesInForce(vnDate(at)), FILE_NAMES[form].kind).number;
}

/** Where a dossier's documents go: `<home>/documents/<year>/<code>/`. Reprints get a suffix. `at`: the time of receipt. */
export async function writeDocument(home: string, ref: string, at: Date, form: FormFile, pdf: Buffer, version = 0): Promise<string> {
  const dir = path.join(home, 'documents', vnDate(at).slice(0, 4), ref.replace(/[^0-9A-Za-z.-]/g, '_'));
  await ensureDir(dir);
  const name = `mau-${printedFormNumber(form, at)}-${FILE_NAMES[form].slug[rulesInForce(vnDate(at))]}`;
  const file = path.join(dir, `${name}${version > 0 ? `-${version + 1}` : ''}.pdf`);
  // replaced by a rename, never rewritten in place: a backup's hard-link snapshot stays whole
  await writeFileAtomic(file, pdf);
  return file;
}

/**
 * Keep a document written by writeDocument in the store as well, under its home-relative path
 * (`documents/...`): a server store then holds the bytes for the other desks; the embedded store
 * already has them there (nothing is written again).
 */
export async function keepDocument(files: Pick<FileStore, 'put'>, home: string, file: string, pdf: Buffer, dossier: string): Promise<void> {
  const rel = path.relative(home, file).split(path.sep).join('/');
  await files.put(rel, pdf, { sha256: sha256Hex(pdf), mediaType: 'application/pdf', dossier });
}

/** The postage quoted at reception (recorded on the received event), as printed on Mẫu 01. */
export function postageFor(d: Pick<Dossier, 'delivery' | 'events'>): ReceiptModel['postage'] {
  if (d.delivery.method !== 'post') return null;
  const q = (d.events.find((e) => e.type === 'received')?.data as { postal?: PostalQuote } | undefined)?.postal;
  if (!q || typeof q.quotedVnd !== 'number') return null;
  return { text: postageText({ priceVnd: q.quotedVnd, lines: [] }, q.ceiling ?? false), source: q.tariff ?? null };
}

/** Mẫu 01 from a stored dossier (used at reception and for reprints). */
export function receiptModelFor(p: Profile, d: Dossier, rules: RuleSet, setCount: number): ReceiptModel {
  const people = amendedView(d); // the details as corrected (gov-desk amend)
  return {
    rules,
    agency: agencyModel(p, new Date(d.receivedAt)),
    code: d.code,
    procedureCode: d.procedure.code,
    procedureName: d.procedure.name,
    applicant: partyModel(people.applicant),
    organisation: applicantOrganisation(d),
    representative: people.representative ? partyModel(people.representative) : null,
    ...(d.parties?.length ? { parties: d.parties.map((x) => ({ label: x.label, fullName: x.person.fullName, personalId: x.person.personalId, birthDate: x.person.birthDate })) } : {}),
    components: componentLines(d),
    setCount,
    processingTimeText: processingTimeText(d.procedure.processingTime, d.procedure),
    receivedAt: new Date(d.receivedAt),
    dueAt: new Date(d.dueAt),
    delivery: deliveryText(p, d),
    postage: postageFor(d),
    lookup: dossierLookup(d.code, p.tracking.urlTemplate, p.onlinePortal?.url),
    register: d.register,
    receiverName: d.operator,
  };
}

/** Mẫu 02 for an incomplete intake. */
export function supplementModelFor(p: Profile, o: { rules: RuleSet; ref: string; number: string; procedureCode: string; procedureName: string; applicant: Person; organisation?: Organisation | null; missing: MissingItem[]; note: string | null; operator: string; issuedAt: Date }): SupplementModel {
  return {
    rules: o.rules,
    agency: agencyModel(p, o.issuedAt),
    number: o.number,
    reference: o.ref,
    procedureCode: o.procedureCode,
    procedureName: o.procedureName,
    applicant: partyModel(o.applicant),
    organisation: o.organisation ?? null,
    items: missingLines(o.missing),
    reason: o.note,
    contact: { officer: o.operator, phone: p.commune.phone },
    guideName: o.operator,
    issuedAt: o.issuedAt,
  };
}

/** Mẫu 03 for a refused intake. */
export function refusalModelFor(p: Profile, o: { rules: RuleSet; ref: string; procedureCode: string; procedureName: string; applicant: Person; organisation?: Organisation | null; representative?: Person | null; reasons: string[]; operator: string; issuedAt: Date }): RefusalModel {
  return {
    rules: o.rules,
    agency: agencyModel(p, o.issuedAt),
    reference: o.ref,
    procedureCode: o.procedureCode,
    procedureName: o.procedureName,
    applicant: partyModel(o.applicant),
    organisation: o.organisation ?? null,
    representative: o.representative ? partyModel(o.representative) : null,
    reasons: o.reasons,
    receiverName: o.operator,
    issuedAt: o.issuedAt,
  };
}

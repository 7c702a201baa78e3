import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Profile } from '../config/profile.js';
import type { Dossier, Person } from '../domain/dossier/types.js';
import { vnDate } from '../domain/time.js';
import type { Agency, ComponentLine, Party, ReceiptModel, RefusalModel, SupplementModel } from '../documents/models.js';
import type { RuleSet } from '../documents/rules.js';
import { ensureDir, FILE_MODE } from '../store/files.js';
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

export function agencyModel(p: Profile, rules: RuleSet): Agency {
  return {
    name: agencyHeaderName(p.commune.name),
    unitName: rules === 'TT01/2018' ? 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ' : 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
    unitFullName: p.commune.centreName,
    place: p.commune.place,
    phone: p.commune.phone,
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

/** "01 ngày làm việc", "20 ngày", "4 giờ làm việc". */
export function processingTimeText(t: { value: number; unit: 'working-days' | 'days' | 'hours' } | null): string {
  if (!t) return 'Theo quy định';
  const n = String(t.value).padStart(2, '0');
  if (t.unit === 'working-days') return t.value === 0 ? 'Trong ngày làm việc' : `${n} ngày làm việc`;
  if (t.unit === 'days') return `${n} ngày`;
  return `${n} giờ làm việc`;
}

export function deliveryText(p: Profile, d: Pick<Dossier, 'delivery'>): string {
  return d.delivery.method === 'post' ? `Qua dịch vụ bưu chính công ích: ${d.delivery.address ?? ''}` : p.commune.centreName;
}

/** File names by the form's 2018 number (the printed number follows the rules in force). */
const FILE_NAMES = { '01': 'mau-01-giay-tiep-nhan', '02': 'mau-02-yeu-cau-bo-sung', '03': 'mau-03-tu-choi', '04': 'mau-04-xin-loi-hen-lai', '05': 'mau-05-phieu-kiem-soat' } as const;
export type FormFile = keyof typeof FILE_NAMES;

/** Where a dossier's documents go: `<home>/documents/<year>/<code>/`. Reprints get a suffix. */
export async function writeDocument(home: string, ref: string, at: Date, form: FormFile, pdf: Buffer, version = 0): Promise<string> {
  const dir = path.join(home, 'documents', vnDate(at).slice(0, 4), ref.replace(/[^0-9A-Za-z.-]/g, '_'));
  await ensureDir(dir);
  const file = path.join(dir, `${FILE_NAMES[form]}${version > 0 ? `-${version + 1}` : ''}.pdf`);
  await fsp.writeFile(file, pdf, { mode: FILE_MODE });
  return file;
}

/** Mẫu 01 from a stored dossier (used at reception and for reprints). */
export function receiptModelFor(p: Profile, d: Dossier, rules: RuleSet, setCount: number): ReceiptModel {
  return {
    rules,
    agency: agencyModel(p, rules),
    code: d.code,
    procedureCode: d.procedure.code,
    procedureName: d.procedure.name,
    applicant: partyModel(d.applicant),
    ...(d.parties?.length ? { parties: d.parties.map((x) => ({ label: x.label, fullName: x.person.fullName, personalId: x.person.personalId, birthDate: x.person.birthDate })) } : {}),
    components: componentLines(d),
    setCount,
    processingTimeText: processingTimeText(d.procedure.processingTime),
    receivedAt: new Date(d.receivedAt),
    dueAt: new Date(d.dueAt),
    delivery: deliveryText(p, d),
    register: d.register,
    receiverName: d.operator,
  };
}

/** Mẫu 02 for an incomplete intake. */
export function supplementModelFor(p: Profile, o: { rules: RuleSet; ref: string; number: string; procedureCode: string; procedureName: string; applicant: Person; missing: MissingItem[]; note: string | null; operator: string; issuedAt: Date }): SupplementModel {
  return {
    rules: o.rules,
    agency: agencyModel(p, o.rules),
    number: o.number,
    reference: o.ref,
    procedureCode: o.procedureCode,
    procedureName: o.procedureName,
    applicant: partyModel(o.applicant),
    items: missingLines(o.missing),
    reason: o.note,
    contact: { officer: o.operator, phone: p.commune.phone },
    guideName: o.operator,
    issuedAt: o.issuedAt,
  };
}

/** Mẫu 03 for a refused intake. */
export function refusalModelFor(p: Profile, o: { rules: RuleSet; ref: string; procedureCode: string; procedureName: string; applicant: Person; reasons: string[]; operator: string; issuedAt: Date }): RefusalModel {
  return {
    rules: o.rules,
    agency: agencyModel(p, o.rules),
    reference: o.ref,
    procedureCode: o.procedureCode,
    procedureName: o.procedureName,
    applicant: partyModel(o.applicant),
    reasons: o.reasons,
    receiverName: o.operator,
    issuedAt: o.issuedAt,
  };
}

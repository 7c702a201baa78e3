import { applyAction } from '../domain/dossier/apply.js';
import { receiveDossier } from '../domain/dossier/create.js';
import { formatDossierCode } from '../domain/dossier/code.js';
import type { Action } from '../domain/dossier/status.js';
import type { Dossier, Person, ProcedureSnapshot } from '../domain/dossier/types.js';
import { fromVn } from '../domain/time.js';
import { seededRandom } from '../portal/sandbox/http-util.js';

/** Deterministic pseudo-random numbers (the sandbox's mulberry32), so that seeded homes are reproducible. */
export const rng = seededRandom;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE_M = ['Văn', 'Hữu', 'Minh', 'Đức', 'Quốc', 'Thành'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Mỹ', 'Thanh', 'Kim'];
const GIVEN_M = ['An', 'Bình', 'Dũng', 'Hùng', 'Tuấn', 'Khải', 'Lộc', 'Phúc', 'Sơn', 'Trọng', 'Việt', 'Đạt'];
const GIVEN_F = ['Hường', 'Lan', 'Mai', 'Yến', 'Hạnh', 'Ngọc', 'Thảo', 'Trâm', 'Vy', 'Ánh', 'Duyên', 'Nhung'];
const VILLAGES = ['Thôn 1', 'Thôn 2', 'Thôn 3', 'Thôn Gia Huynh', 'Thôn Suối Kiết', 'Thôn Tân Hòa'];
const PREFIXES = ['032', '035', '038', '086', '097', '081', '088', '091', '070', '077', '090', '087'];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const digits = (r: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

/** A fictitious person with a structurally valid identification number and mobile number. */
export function fictitiousPerson(r: () => number): Person {
  const female = r() < 0.5;
  const year = 1950 + Math.floor(r() * 55);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const centuryDigit = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const province = pick(r, ['060', '068', '067']);
  return {
    fullName: `${pick(r, FAMILY)} ${pick(r, female ? MIDDLE_F : MIDDLE_M)} ${pick(r, female ? GIVEN_F : GIVEN_M)}`,
    personalId: `${province}${centuryDigit}${String(year % 100).padStart(2, '0')}${digits(r, 6)}`,
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    sex: female ? 'female' : 'male',
    phone: `${pick(r, PREFIXES)}${digits(r, 7)}`,
    email: null,
    address: `${pick(r, VILLAGES)}, xã Suối Kiết, tỉnh Lâm Đồng`,
  };
}

export interface SeedOptions {
  agencyCode: string;
  procedures: ProcedureSnapshot[];
  r: () => number;
}

/** A received dossier at a given local day and sequence; `closed` walks it to "returned". */
export function fictitiousDossier(o: SeedOptions, date: string, seq: number, registerNo: number, closed: boolean): Dossier {
  const proc = pick(o.r, o.procedures);
  const hour = 7 + Math.floor(o.r() * 9);
  const receivedAt = fromVn(date, hour, Math.floor(o.r() * 60));
  const dueAt = new Date(receivedAt.getTime() + (1 + Math.floor(o.r() * 5)) * 24 * 3600_000);
  let d = receiveDossier({
    code: formatDossierCode(o.agencyCode, receivedAt, seq),
    register: { book: date.slice(0, 4), number: registerNo },
    procedure: proc,
    applicant: fictitiousPerson(o.r),
    representative: null,
    channel: o.r() < 0.7 ? 'in-person' : 'online',
    delivery: o.r() < 0.85 ? { method: 'counter', address: null } : { method: 'post', address: 'Thôn 2, xã Suối Kiết, tỉnh Lâm Đồng' },
    checklist: proc.components.filter((c) => c.required).map((c) => ({ id: c.id, applicable: true, provided: true })),
    receivedAt,
    recordedAt: receivedAt,
    dueAt,
    operator: 'seed',
  });
  const steps: Action[] = closed ? ['submit-queued', 'portal-sent', 'portal-accepted', 'routed', 'result-recorded', 'result-returned'] : ['submit-queued'];
  let t = receivedAt.getTime();
  for (const a of steps) {
    t += Math.floor(o.r() * 20 * 3600_000);
    d = applyAction(d, a, { at: new Date(t), operator: 'seed', data: a === 'routed' ? { to: 'van-phong' } : a === 'result-recorded' ? { decision: 'approved' } : undefined }).dossier;
  }
  return d;
}

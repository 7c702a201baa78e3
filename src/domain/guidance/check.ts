/**
 * One guidance-desk visit as typed (flags, a batch row, the interactive answers) → a checked
 * record without its reference (issue 17). Pure: the clock, the member and the procedure lookup
 * are passed in; the store allocates the reference (`guidanceRef`) inside its transaction.
 */
import type { Msg } from '../../i18n/index.js';
import { parseDateTimeInput } from '../date-input.js';
import { parseIdQr } from '../id-qr.js';
import { validatePersonalId } from '../identity.js';
import { tooLong, TEXT_LIMITS } from '../limits.js';
import { normaliseName } from '../person.js';
import { validatePhone } from '../phone.js';
import { cleanText } from '../text.js';
import { dayKey } from '../dossier/code.js';
import { toVnIso, vnDate } from '../time.js';
import { GUIDANCE_KINDS, type GuidanceKind, type GuidanceRecord } from './types.js';

/** The flat shape shared by flags and batch files (CSV columns, JSON keys). */
export interface GuidanceInput {
  kind?: string;
  name?: string;
  phone?: string;
  id?: string;
  id_qr?: string;
  procedure?: string;
  dossier?: string;
  note?: string;
  member?: string;
  minutes?: string;
  at?: string;
}
export const GUIDANCE_INPUT_KEYS = ['kind', 'name', 'phone', 'id', 'id_qr', 'procedure', 'dossier', 'note', 'member', 'minutes', 'at'] as const;

export type GuidanceDraft = Omit<GuidanceRecord, 'id' | 'desk'>;
export interface GuidanceProblem { field: keyof GuidanceInput; message: Msg }
export type Lookup = { ok: true; value: string } | { ok: false; message: Msg };

/** The longest visit recorded as one record (a working day). */
export const MAX_MINUTES = 480;

/** `explain,checklist` / `explain checklist` / `["explain"]` → kinds in the canonical order; unknown words are problems. */
export function parseKinds(text: string): { kinds: GuidanceKind[]; unknown: string[] } {
  const words = text.split(/[,;\s]+/).map((w) => w.trim().toLowerCase()).filter(Boolean);
  const unknown = words.filter((w) => !(GUIDANCE_KINDS as readonly string[]).includes(w));
  return { kinds: GUIDANCE_KINDS.filter((k) => words.includes(k)), unknown };
}

/**
 * Check one visit. `member` is the person who helped (already resolved: a profile operator or a
 * full name); `procedure` resolves a code, a unique end of a code or search words; `now` bounds
 * `at` (never in the future).
 */
export function checkGuidance(
  input: GuidanceInput,
  deps: { now: Date; member: Lookup; procedure: (text: string) => Lookup },
): { ok: true; draft: GuidanceDraft } | { ok: false; problems: GuidanceProblem[] } {
  const problems: GuidanceProblem[] = [];
  const bad = (field: keyof GuidanceInput, message: Msg) => problems.push({ field, message });
  const str = (k: keyof GuidanceInput) => (typeof input[k] === 'string' && input[k]!.trim() ? input[k]!.trim() : undefined);
  const today = vnDate(deps.now);

  const { kinds, unknown } = parseKinds(str('kind') ?? '');
  if (unknown.length) bad('kind', { vi: `loại hỗ trợ không có: ${unknown.join(', ')} (chọn: ${GUIDANCE_KINDS.join(', ')})`, en: `unknown kind: ${unknown.join(', ')} (one of: ${GUIDANCE_KINDS.join(', ')})` });
  else if (kinds.length === 0) bad('kind', { vi: `cần ít nhất một loại hỗ trợ (${GUIDANCE_KINDS.join(', ')})`, en: `at least one kind is required (${GUIDANCE_KINDS.join(', ')})` });

  let fullName: string | null = null;
  let personalId: string | null = null;
  const qr = str('id_qr');
  if (qr) {
    const r = parseIdQr(qr, today);
    if (r.ok) [fullName, personalId] = [r.value.fullName, r.value.personalId];
    else for (const p of r.problems) bad('id_qr', p.message);
  }
  const name = str('name');
  if (name) {
    const r = normaliseName(name);
    if (r.ok) fullName = r.value;
    else for (const p of r.problems) bad('name', p.message);
  }
  const id = str('id');
  if (id) {
    const r = validatePersonalId(id);
    if (r.ok) personalId = r.value;
    else for (const p of r.problems) bad('id', p.message);
  }
  let phone: string | null = null;
  const ph = str('phone');
  if (ph) {
    const r = validatePhone(ph);
    if (r.ok) phone = r.value;
    else for (const p of r.problems) bad('phone', p.message);
  }

  let procedure: string | null = null;
  const proc = str('procedure');
  if (proc) {
    const r = deps.procedure(proc);
    if (r.ok) procedure = r.value;
    else bad('procedure', r.message);
  }
  const dossier = str('dossier') ?? null;
  if (kinds.includes('assisted') && !dossier) bad('dossier', { vi: 'loại "assisted" (nộp trực tuyến thay công dân) cần mã hồ sơ mà bước tiếp nhận đã cấp', en: 'kind "assisted" (filed online for the citizen) needs the dossier code that intake issued' });

  let minutes: number | null = null;
  const min = str('minutes');
  if (min) {
    const n = /^\d+$/.test(min) ? Number(min) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_MINUTES) bad('minutes', { vi: `số phút phải là số nguyên từ 1 đến ${MAX_MINUTES}`, en: `minutes must be a whole number from 1 to ${MAX_MINUTES}` });
    else minutes = n;
  }
  let note: string | null = null;
  const n = str('note');
  if (n) {
    const long = tooLong('note', n, TEXT_LIMITS.note);
    if (long) bad('note', long);
    else note = cleanText(n);
  }

  let at = deps.now;
  const atText = str('at');
  if (atText) {
    const r = parseDateTimeInput(atText);
    if (!r.ok) bad('at', r.message);
    else if (r.value.getTime() > deps.now.getTime() + 60_000) bad('at', { vi: 'thời điểm hỗ trợ không được ở tương lai', en: 'the time of the help cannot be in the future' });
    else at = r.value;
  }
  if (!deps.member.ok) bad('member', deps.member.message);

  if (problems.length > 0 || !deps.member.ok) return { ok: false, problems };
  return {
    ok: true,
    draft: { at: toVnIso(at), kinds, member: deps.member.value, citizen: { fullName, phone, personalId }, procedure, dossier, minutes, note },
  };
}

/** The counter key of a day's references (`t.nextNumber('sequence', key)`). */
export function guidanceCounterKey(at: Date): string {
  return `guide-${dayKey(at)}`;
}

/** `HT-<YYMMDD>-<NNNN>` (HT: hướng dẫn, hỗ trợ): the Vietnamese day of the help and its number that day. */
export function guidanceRef(at: Date, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`guidance number out of range: ${n}`);
  return `HT-${dayKey(at)}-${String(n).padStart(4, '0')}`;
}

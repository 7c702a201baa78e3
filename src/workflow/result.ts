import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { WorkingCalendar } from '../domain/calendar/types.js';
import { applyAction } from '../domain/dossier/apply.js';
import { derive } from '../domain/dossier/status.js';
import type { Dossier } from '../domain/dossier/types.js';
import { validatePersonalId } from '../domain/identity.js';
import { type PostalPrice, type PostalZone, postalPrice } from '../domain/postal.js';
import { fromVn, toVnIso, vnDate, vnParts } from '../domain/time.js';
import { judgeDossierAt } from '../domain/timing.js';
import { failure, usageError } from '../errors.js';
import { type Lang, tr } from '../i18n/index.js';
import { checkScan, DEFAULT_LIMITS } from '../scan/check.js';
import type { FileStore, StoreTx } from '../store/port.js';
import { departmentName, requireOpen, saveStep, type StepEnv } from './steps.js';

export interface ResultDocument {
  path: string;
  name: string;
  sha256: string;
  size: number;
  pages: number;
}

/** Check and keep the result documents under `attachments/<code>/result/` (read-only), before the transaction. */
export async function storeResultDocuments(kept: FileStore, code: string, files: string[]): Promise<ResultDocument[]> {
  const out: ResultDocument[] = [];
  for (const f of files) {
    const st = await fsp.stat(f).catch(() => undefined);
    if (!st?.isFile()) throw usageError('FILE_MISSING', { vi: 'Không có tệp {file}.', en: 'No such file: {file}.' }, { vars: { file: f } });
    const bytes = await fsp.readFile(f);
    const checked = await checkScan(bytes, f, DEFAULT_LIMITS);
    const name = `${checked.sha256.slice(0, 12)}-${path.basename(f).replace(/[^\p{L}\p{N}._-]+/gu, '_')}`;
    const rel = path.posix.join('attachments', code.replace(/[^0-9A-Za-z.-]/g, '_'), 'result', name);
    await kept.put(rel, bytes, { sha256: checked.sha256, mediaType: 'application/pdf', dossier: code });
    out.push({ path: rel, name: path.basename(f), sha256: checked.sha256, size: checked.size, pages: checked.pages });
  }
  return out;
}

/** Steps that show a dossier was worked on after intake (digitised, submitted, handed to a department). */
const WORKED_ON = ['scanned', 'submit-queued', 'routed', 'handover-accepted'] as const;

/**
 * A decision right after intake, on a dossier never digitised, submitted or routed, is a slip of
 * the wrong code unless the operator says it was decided at the counter on the spot (recorded).
 */
export function checkDecisionReady(d: Dossier, decidedAtCounter: boolean): void {
  if (decidedAtCounter || d.events.some((e) => (WORKED_ON as readonly string[]).includes(e.type))) return;
  throw usageError('RESULT_NOT_PROCESSED', {
    vi: 'Hồ sơ {code} chưa được số hóa, gửi lên cổng hay chuyển phòng chuyên môn: chưa thể ghi kết quả.',
    en: 'Dossier {code} was never digitised, submitted or routed: no result can be recorded yet.',
  }, { vars: { code: d.code }, hint: { vi: 'Nếu kết quả được giải quyết ngay tại quầy, thêm --decided-at-counter (được ghi vào lịch sử).', en: 'If the result was decided at the counter on the spot, add --decided-at-counter (it is recorded in the history).' } });
}

export async function recordResult(t: StoreTx, code: string, decision: ({ approved: true; documents: ResultDocument[]; note?: string } | { approved: false; reason: string }) & { decidedAtCounter?: boolean }, env: StepEnv & { lang: Lang }): Promise<{ dossier: Dossier; applied: boolean }> {
  const d = await requireOpen(t, code);
  const timing = judgeDossierAt(d, env.now);
  const atCounter = decision.decidedAtCounter ? { decidedAtCounter: true } : {};
  if (!d.events.some((e) => e.type === 'result-recorded')) checkDecisionReady(d, Boolean(decision.decidedAtCounter));
  const data = decision.approved
    ? { decision: 'approved', documents: decision.documents, timing, ...(decision.note ? { note: decision.note } : {}), ...atCounter }
    : { decision: 'refused', reason: decision.reason, timing, ...atCounter };
  const r = applyAction(d, 'result-recorded', { at: env.now, operator: env.operator, data });
  if (!r.applied) return r;
  const dept = derive(d).department;
  await saveStep(t, r.dossier, env, {
    department: dept ? departmentName(env.profile, dept) : env.profile.commune.centreName,
    content: decision.approved ? 'Đã có kết quả giải quyết' : `Từ chối giải quyết: ${decision.reason}`,
  });
  return r;
}

export interface CounterReturn {
  method: 'counter';
  collectorId: string;
  authorised: boolean;
}
export interface PostReturn {
  method: 'post';
  tracking: string;
  zone: PostalZone;
  weightGrams: number;
  deliveryDays: number;
}

/** The collector must be the applicant or the representative, unless a written authorisation was checked. */
export function checkCollector(d: Dossier, collectorId: string, authorised: boolean, lang: Lang = 'vi'): string {
  const v = validatePersonalId(collectorId);
  if (!v.ok) throw usageError('INVALID_INPUT', { vi: '--collector-id: {msg}', en: '--collector-id: {msg}' }, { vars: { msg: v.problems.map((p) => tr(lang, p.message)).join('; ') } });
  const known = [d.applicant.personalId, d.representative?.personalId].filter(Boolean);
  if (!known.includes(v.value) && !authorised) {
    throw failure('RETURN_COLLECTOR_MISMATCH', {
      vi: 'Người nhận (số định danh {id}) không phải người nộp hay người đại diện của hồ sơ.',
      en: 'The collector (ID {id}) is neither the applicant nor the representative.',
    }, { vars: { id: v.value }, hint: { vi: 'Nếu có văn bản ủy quyền hợp lệ, kiểm tra rồi thêm --authorised.', en: 'If a valid written authorisation was checked, add --authorised.' } });
  }
  return v.value;
}

export function postageFor(r: PostReturn): PostalPrice {
  return postalPrice({ direction: 'return', zone: r.zone, weightGrams: r.weightGrams });
}

/** The citizen registered for the counter agreed to a postal return: an event before the return says so. */
export async function recordDeliveryChange(t: StoreTx, code: string, env: StepEnv): Promise<void> {
  const d = await requireOpen(t, code);
  const data = { kind: 'delivery-changed', from: d.delivery.method, to: 'post', note: 'Đổi hình thức nhận kết quả: tại quầy → bưu chính (công dân đồng ý)' };
  await t.putDossier(applyAction(d, 'note', { at: env.now, operator: env.operator, key: 'delivery-changed', data }).dossier);
}

/** Record the return (NgayTra) and the on-time judgement; postal returns record price and expected delivery. */
export async function recordReturn(t: StoreTx, code: string, how: CounterReturn | PostReturn, cal: WorkingCalendar, env: StepEnv & { lang: Lang }): Promise<{ dossier: Dossier; applied: boolean; data: Record<string, unknown> }> {
  const d = await requireOpen(t, code);
  const timing = judgeDossierAt(d, env.now);
  let data: Record<string, unknown>;
  if (how.method === 'counter') {
    data = { method: 'counter', timing, collectorId: checkCollector(d, how.collectorId, how.authorised, env.lang), authorised: how.authorised };
  } else {
    const price = postageFor(how);
    const p = vnParts(env.now);
    const expected = fromVn(cal.addWorkingDays(vnDate(env.now), how.deliveryDays), p.hour, p.minute);
    data = { method: 'post', timing, tracking: how.tracking, zone: how.zone, weightGrams: how.weightGrams, postageVnd: price.priceVnd, expectedDeliveryAt: toVnIso(expected) };
  }
  const r = applyAction(d, 'result-returned', { at: env.now, operator: env.operator, data });
  if (r.applied) await saveStep(t, r.dossier, env, { department: env.profile.commune.centreName, content: how.method === 'counter' ? 'Đã trả kết quả tại Trung tâm' : `Đã gửi kết quả qua bưu chính công ích, số hiệu ${how.tracking}` });
  return { ...r, data };
}

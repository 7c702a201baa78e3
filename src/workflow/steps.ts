import type { Profile } from '../config/profile.js';
import { departmentFor } from '../config/profile.js';
import type { WorkingCalendar } from '../domain/calendar/types.js';
import { applyAction } from '../domain/dossier/apply.js';
import { derive, isClosed, PORTAL_CODE } from '../domain/dossier/status.js';
import { currentDueAt } from '../domain/dossier/summary.js';
import type { Dossier } from '../domain/dossier/types.js';
import { fromVn, toVnIso, vnDate, vnParts } from '../domain/time.js';
import { failure, usageError } from '../errors.js';
import { queueDossierSync, queueProgress } from '../portal/outbox.js';
import type { TienDo } from '../portal/types.js';
import type { StoreTx } from '../store/port.js';
import { progressEntry } from './progress.js';

export interface StepEnv {
  profile: Profile;
  now: Date;
  operator: string;
}

/** The open dossier `code`, loaded in the transaction `t` (a closed one is in the archive: refused). */
export async function requireOpen(t: Pick<StoreTx, 'dossier'>, code: string): Promise<Dossier> {
  const d = await t.dossier(code);
  return openOrRefuse(d && !isClosed(derive(d).status) ? d : undefined, code);
}

function openOrRefuse(d: Dossier | undefined, code: string): Dossier {
  if (!d) {
    throw usageError('DOSSIER_NOT_OPEN', { vi: 'Không có hồ sơ đang mở mã {code}.', en: 'No open dossier with code {code}.' }, {
      vars: { code },
      hint: { vi: 'Xem `gov-desk list --open`; hồ sơ đã đóng nằm trong kho lưu trữ (`gov-desk show`).', en: 'See `gov-desk list --open`; closed dossiers are in the archive (`gov-desk show`).' },
    });
  }
  return d;
}

export function departmentName(p: Profile, id: string): string {
  return p.departments.find((d) => d.id === id)?.name ?? id;
}

export interface Step {
  department: string;
  content: string;
  title?: string;
}

/** The progress entry of a step, once the dossier was submitted (before, the portal does not know it). */
function portalStep(d: Dossier, env: StepEnv, step: Step): TienDo | null {
  if (!d.events.some((e) => e.type === 'submit-queued')) return null;
  const status = PORTAL_CODE[derive(d).status];
  return progressEntry(d, { at: env.now, officer: env.operator, title: step.title ?? 'Công chức', department: step.department, content: step.content, status });
}

/**
 * Save the dossier and, once it has been submitted to the portal, queue the record update plus a
 * progress entry for this step (before submission the portal does not know the dossier; `submit`
 * sends its state as it is then).
 */
export async function saveStep(t: Pick<StoreTx, 'putDossier' | 'outbox' | 'putOutbox'>, d: Dossier, env: StepEnv, step: Step): Promise<void> {
  await t.putDossier(d);
  const tienDo = portalStep(d, env, step);
  if (!tienDo) return;
  await queueProgress(t, tienDo, env.now);
  await queueDossierSync(t, d.code, env.now);
}

/** Hand the dossier to a department (default: the profile's mapping for its procedure/field). */
export async function routeTo(t: StoreTx, code: string, to: string | undefined, note: string | undefined, env: StepEnv): Promise<{ dossier: Dossier; applied: boolean }> {
  const d = await requireOpen(t, code);
  const dept = to ?? departmentFor(env.profile, d.procedure.code, d.procedure.field);
  if (!dept) {
    throw usageError('DEPARTMENT_UNKNOWN', { vi: 'Chưa biết phòng nào xử lý lĩnh vực "{field}": ghi rõ --to.', en: 'No department is set for the field "{field}": give --to.' }, { vars: { field: d.procedure.field } });
  }
  if (!env.profile.departments.some((x) => x.id === dept)) {
    throw usageError('DEPARTMENT_UNKNOWN', { vi: 'Không có phòng "{dept}" trong hồ sơ cấu hình. Các phòng: {list}', en: 'No department "{dept}" in the profile. Departments: {list}' }, { vars: { dept, list: env.profile.departments.map((x) => x.id).join(', ') } });
  }
  const current = derive(d);
  if (current.department === dept && !current.paused) return { dossier: d, applied: false };
  const name = departmentName(env.profile, dept);
  const r = applyAction(d, 'routed', { at: env.now, operator: env.operator, data: { to: dept, toName: name, ...(note ? { note } : {}) } });
  await saveStep(t, r.dossier, env, { department: name, content: `Chuyển hồ sơ đến ${name}${note ? `: ${note}` : ''}` });
  return r;
}

export async function acceptHandover(t: StoreTx, code: string, env: StepEnv): Promise<{ dossier: Dossier; applied: boolean }> {
  const d = await requireOpen(t, code);
  const dept = derive(d).department;
  if (!dept) throw failure('NOT_ROUTED', { vi: 'Hồ sơ {code} chưa được chuyển đến phòng nào.', en: 'Dossier {code} has not been handed to a department.' }, { vars: { code } });
  const last = [...d.events].reverse().find((e) => e.type === 'routed' || e.type === 'handover-accepted');
  if (last?.type === 'handover-accepted') return { dossier: d, applied: false };
  const r = applyAction(d, 'handover-accepted', { at: env.now, operator: env.operator, data: { department: dept, by: env.operator } });
  await saveStep(t, r.dossier, env, { department: departmentName(env.profile, dept), content: 'Tiếp nhận hồ sơ để giải quyết' });
  return r;
}

export async function returnToCounter(t: StoreTx, code: string, note: string | undefined, env: StepEnv): Promise<{ dossier: Dossier; applied: boolean }> {
  const d = await requireOpen(t, code);
  const dept = derive(d).department;
  if (!dept) return { dossier: d, applied: false };
  const r = applyAction(d, 'returned-to-counter', { at: env.now, operator: env.operator, data: { from: dept, ...(note ? { note } : {}) } });
  await saveStep(t, r.dossier, env, { department: departmentName(env.profile, dept), content: `Chuyển trả bộ phận một cửa${note ? `: ${note}` : ''}` });
  return r;
}

/**
 * The new appointment after a supplement: the due date moves by the working days the clock was
 * paused, counted as the working days after the day of the request up to and including the day the
 * papers arrived (0 when they arrive the same day), same clock time. The general rule is
 * UNCONFIRMED (regulations.md §3.1); see docs/workflow.md.
 */
export function resumedDueAt(due: Date, pausedAt: Date, resumedAt: Date, cal: WorkingCalendar): Date {
  const paused = cal.workingDaysBetween(vnDate(pausedAt), vnDate(resumedAt));
  const p = vnParts(due);
  return fromVn(cal.addWorkingDays(vnDate(due), paused), p.hour, p.minute, p.second);
}

export async function supplementReceived(t: StoreTx, code: string, cal: WorkingCalendar, env: StepEnv): Promise<{ dossier: Dossier; applied: boolean; newDueAt: string }> {
  const d = await requireOpen(t, code);
  const state = derive(d);
  if (!state.paused) throw usageError('TRANSITION_NOT_ALLOWED', { vi: 'Hồ sơ {code} không chờ bổ sung.', en: 'Dossier {code} is not waiting for a supplement.' }, { vars: { code } });
  const req = [...d.events].reverse().find((e) => e.type === 'supplement-requested')!;
  const newDue = resumedDueAt(new Date(currentDueAt(d)), new Date(req.at), env.now, cal);
  const r = applyAction(d, 'supplement-received', { at: env.now, operator: env.operator, data: { newDueAt: toVnIso(newDue) } });
  await saveStep(t, r.dossier, env, { department: env.profile.commune.centreName, content: `Đã nhận hồ sơ bổ sung; hẹn trả mới ${toVnIso(newDue)}` });
  return { ...r, newDueAt: toVnIso(newDue) };
}

import { printJson, t, writeOut } from '../../context.js';
import { requireProfile } from '../../config/profile.js';
import { applyAction } from '../../domain/dossier/apply.js';
import { derive } from '../../domain/dossier/status.js';
import { currentDueAt } from '../../domain/dossier/summary.js';
import { vnDate } from '../../domain/time.js';
import { rulesInForce } from '../../documents/rules.js';
import { usageError } from '../../errors.js';
import { supplementModelFor, writeDocument } from '../../intake/documents.js';
import { nextRefTx } from '../../intake/receive.js';
import type { MissingItem } from '../../intake/types.js';
import { openStore, operatorName } from '../../store/index.js';
import { acceptHandover, departmentName, requireOpen, returnToCounter, routeTo, saveStep, supplementReceived } from '../../workflow/steps.js';
import { formatStamp } from '../format.js';
import type { Handler } from '../types.js';
import { autoNotifyConfig, queueAuto } from '../../workflow/hooks.js';

export const routeHandler: Handler = async (ctx, { args, opts }) => {
  const code = (args[0] ?? '').trim();
  const modes = ['accept', 'return', 'requestSupplement', 'supplementReceived', 'controlSlip'].filter((k) => opts[k] !== undefined && opts[k] !== false);
  if (modes.length > 1 || (modes.length === 1 && typeof opts.to === 'string')) {
    throw usageError('USAGE', { vi: 'Chỉ chọn một việc: --to, --accept, --return, --request-supplement, --supplement-received hoặc --control-slip.', en: 'Choose one action: --to, --accept, --return, --request-supplement, --supplement-received or --control-slip.' });
  }
  const profile = await requireProfile(ctx);
  const env = { profile, now: ctx.now(), operator: operatorName(ctx, opts.operator) };
  const store = await openStore(ctx);
  const mode = modes[0] ?? 'route';
  if (mode === 'controlSlip') {
    const { printControlSlip } = await import('./control-slip.js');
    return printControlSlip(ctx, code, Boolean(opts.json));
  }
  let message = '';
  let extra: Record<string, unknown> = {};
  if (mode === 'supplementReceived') {
    const { loadCalendarFor } = await import('../../store/overrides.js');
    const { calendar } = await loadCalendarFor(ctx);
    const r = await store.tx((t) => supplementReceived(t, code, calendar, env));
    message = t(ctx, { vi: 'Đã nhận giấy tờ bổ sung. Hẹn trả mới: {due}', en: 'Supplement received. New appointment: {due}' }, { due: formatStamp(r.newDueAt) });
    extra = { newDueAt: r.newDueAt };
  } else if (mode === 'requestSupplement') {
    const reason = String(opts.requestSupplement).trim().normalize('NFC');
    if (!reason) throw usageError('USAGE', { vi: '--request-supplement cần lý do.', en: '--request-supplement needs a reason.' });
    const ids = typeof opts.components === 'string' ? opts.components.split(',').map((s) => s.trim()).filter(Boolean) : [];
    const { renderSupplement } = await import('../../documents/form02-supplement.js');
    const notify = await autoNotifyConfig(ctx, profile);
    const r = await store.tx(async (t) => {
      const d = await requireOpen(t, code);
      const unknown = ids.filter((id) => !d.procedure.components.some((c) => c.id === id));
      if (unknown.length) throw usageError('COMPONENT_UNKNOWN', { vi: '--components: không có thành phần {ids}', en: '--components: no component {ids}' }, { vars: { ids: unknown.join(', ') } });
      const { number } = await nextRefTx(t, 'HD', env.now); // the Mẫu 02 number, drawn as intake draws it
      const missing: MissingItem[] = d.procedure.components.filter((c) => ids.includes(c.id)).map((c) => ({ id: c.id, name: c.name, kind: c.kind, copy: c.copy, quantity: c.quantity, reason }));
      const applied = applyAction(d, 'supplement-requested', { at: env.now, operator: env.operator, data: { reason, components: ids, number } });
      const pdf = await renderSupplement(supplementModelFor(profile, { rules: rulesInForce(vnDate(new Date(d.receivedAt))), ref: code, number, procedureCode: d.procedure.code, procedureName: d.procedure.name, applicant: d.applicant, organisation: d.organisation ?? null, missing, note: reason, operator: env.operator, issuedAt: env.now }));
      const version = d.events.filter((e) => e.type === 'printed' && (e.data as { form?: string } | undefined)?.form === '02').length;
      const file = await writeDocument(ctx.home, code, new Date(d.receivedAt), '02', pdf, version);
      const printed = applyAction(applied.dossier, 'printed', { at: env.now, operator: env.operator, data: { form: '02', path: file } }).dossier;
      const dept = derive(d).department;
      await saveStep(t, printed, env, { department: dept ? departmentName(profile, dept) : profile.commune.centreName, content: `Yêu cầu bổ sung hồ sơ: ${reason}` });
      await queueAuto(t, printed, 'supplement-needed', notify, env.now, env.operator);
      return { file, number };
    });
    message = t(ctx, { vi: 'Đã yêu cầu bổ sung (tạm dừng tính hạn). Mẫu 02: {file}', en: 'Supplement requested (clock paused). Mẫu 02: {file}' }, { file: r.file });
    extra = { document: { form: '02', path: r.file, number: r.number } };
  } else {
    const r = await store.tx((t) => {
      if (mode === 'accept') return acceptHandover(t, code, env);
      if (mode === 'return') return returnToCounter(t, code, typeof opts.note === 'string' ? opts.note.normalize('NFC') : undefined, env);
      return routeTo(t, code, typeof opts.to === 'string' ? opts.to.trim() : undefined, typeof opts.note === 'string' ? opts.note.normalize('NFC') : undefined, env);
    });
    const dept = derive(r.dossier).department;
    if (!r.applied) message = t(ctx, { vi: 'Không có gì thay đổi (đã thực hiện trước đó).', en: 'Nothing changed (already done).' });
    else if (mode === 'accept') message = t(ctx, { vi: 'Đã xác nhận nhận hồ sơ.', en: 'Hand-over accepted.' });
    else if (mode === 'return') message = t(ctx, { vi: 'Đã chuyển trả bộ phận một cửa.', en: 'Sent back to the counter.' });
    else message = t(ctx, { vi: 'Đã chuyển đến {dept}.', en: 'Handed to {dept}.' }, { dept: dept ? departmentName(profile, dept) : '' });
    extra = { applied: r.applied, department: dept };
  }
  const found = await store.getDossier(code);
  const d = found!.dossier;
  const s = derive(d, ctx.now());
  if (opts.json) printJson(ctx, { schemaVersion: 1, code, action: mode, status: s.status, department: s.department, paused: s.paused, dueAt: currentDueAt(d), ...extra });
  else writeOut(ctx, message);
  return 0;
};

import { vnDate } from '../../domain/time.js';
import path from 'node:path';
import { isInteractive, printJson, t, writeErr, writeOut } from '../../context.js';
import { requireProfile } from '../../config/profile.js';
import { applyAction } from '../../domain/dossier/apply.js';
import { derive } from '../../domain/dossier/status.js';
import type { Dossier } from '../../domain/dossier/types.js';
import { POSTAL_TARIFF_TT22_2017, POSTAL_ZONES, type PostalZone, postageText, postalZoneLabels } from '../../domain/postal.js';
import { TIMING_EN, TIMING_VI, type Timing } from '../../domain/timing.js';
import { cancelled, usageError } from '../../errors.js';
import { openStore, operatorName } from '../../store/index.js';
import type { Store } from '../../store/port.js';
import { checkDecisionReady, type PostReturn, recordDeliveryChange, postageFor, recordResult, recordReturn, storeResultDocuments } from '../../workflow/result.js';
import { requireOpen } from '../../workflow/steps.js';
import type { Handler } from '../types.js';
import { autoNotifyConfig, queueAuto } from '../../workflow/hooks.js';

function int(v: unknown, flag: string, dflt: number, max: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) throw usageError('USAGE', { vi: '{flag} cần số nguyên từ 0 đến {max}', en: '{flag} needs a whole number from 0 to {max}' }, { vars: { flag, max } });
  return n;
}

/**
 * A closed (archived) dossier whose history already has `type`: repeating the action that closed
 * it is a no-op (design §4), not an error. Null when the dossier is open or the action is new.
 */
async function closedRepeat(store: Store, code: string, type: 'result-recorded' | 'result-returned'): Promise<Dossier | null> {
  const found = await store.getDossier(code);
  return found?.archived && found.dossier.events.some((e) => e.type === type) ? found.dossier : null;
}

export const resultHandler: Handler = async (ctx, { args, opts }) => {
  const code = (args[0] ?? '').trim();
  const chosen = [opts.approved, opts.refused, opts.return].filter((x) => x !== undefined && x !== false).length;
  if (chosen !== 1) throw usageError('USAGE', { vi: 'Chọn đúng một: --approved, --refused "lý do" hoặc --return counter|post.', en: 'Choose exactly one: --approved, --refused "reason" or --return counter|post.' });
  const profile = await requireProfile(ctx);
  const env = { profile, now: ctx.now(), operator: operatorName(ctx, opts.operator), lang: ctx.lang };
  const store = await openStore(ctx);
  /** Checks before anything is written (the transaction checks again). */
  const peek = { dossier: async (c: string) => (await store.getDossier(c))?.dossier };
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const timingText = (x: Timing) => (ctx.lang === 'vi' ? TIMING_VI[x] : TIMING_EN[x]);

  if (opts.approved || typeof opts.refused === 'string') {
    const reason = typeof opts.refused === 'string' ? opts.refused.trim().normalize('NFC') : '';
    if (!opts.approved && !reason) throw usageError('USAGE', { vi: '--refused cần lý do.', en: '--refused needs a reason.' });
    // check the transition before copying the documents: a refused action writes nothing
    const closed = await closedRepeat(store, code, 'result-recorded');
    const open = closed ? undefined : await requireOpen(peek, code);
    const pre = open ? applyAction(open, 'result-recorded', { at: env.now, operator: env.operator }) : undefined;
    const decidedAtCounter = Boolean(opts.decidedAtCounter);
    if (open && pre?.applied) checkDecisionReady(open, decidedAtCounter);
    const docs = opts.approved && pre?.applied ? await storeResultDocuments(store.files, code, ((opts.document as string[] | undefined) ?? []).map((f) => path.resolve(ctx.cwd, f))) : [];
    const notify = await autoNotifyConfig(ctx, profile);
    const r = closed ? { dossier: closed, applied: false } : await store.tx(async (t) => {
      const rec = await recordResult(t, code, { ...(opts.approved ? { approved: true as const, documents: docs, ...(typeof opts.note === 'string' ? { note: opts.note.normalize('NFC') } : {}) } : { approved: false as const, reason }), decidedAtCounter }, env);
      if (rec.applied) await queueAuto(t, rec.dossier, 'result-ready', notify, env.now, env.operator);
      return rec;
    });
    const recorded = r.dossier.events.findLast((e) => e.type === 'result-recorded')?.data as { timing?: Timing; decision?: string } | undefined;
    const timing = recorded?.timing ?? 'on-time';
    // the decision on record (a repeat with another decision changes nothing)
    if (opts.json) printJson(ctx, { schemaVersion: 1, code, action: 'result', decision: recorded?.decision ?? (opts.approved ? 'approved' : 'refused'), applied: r.applied, timing, status: derive(r.dossier).status, documents: docs });
    else {
      const submitted = r.dossier.events.some((e) => e.type === 'submit-queued');
      const portal = submitted ? L(' Trạng thái 9 đã vào hàng đợi gửi cổng tỉnh.', ' Portal status 9 queued.') : L(' (Hồ sơ chưa gửi lên cổng tỉnh.)', ' (Not submitted to the portal.)');
      writeOut(ctx, r.applied ? L(`Đã ghi kết quả (${timingText(timing)}). Trạng thái: đã có kết quả.`, `Result recorded (${timingText(timing)}). Status: result ready.`) + portal : L('Kết quả đã được ghi trước đó: không thay đổi.', 'The result was already recorded: nothing changed.'));
    }
    return 0;
  }

  const how = String(opts.return);
  if (how !== 'counter' && how !== 'post') throw usageError('USAGE', { vi: '--return cần counter hoặc post.', en: '--return needs counter or post.' });
  const { loadCalendarFor } = await import('../../store/overrides.js');
  const { calendar } = await loadCalendarFor(ctx);
  const returned = await closedRepeat(store, code, 'result-returned');
  if (returned) {
    const data = (returned.events.findLast((e) => e.type === 'result-returned')?.data ?? {}) as Record<string, unknown>;
    if (opts.json) printJson(ctx, { schemaVersion: 1, code, action: 'return', applied: false, status: derive(returned).status, ...data });
    else writeOut(ctx, L('Kết quả đã được trả trước đó: không thay đổi.', 'The result was already returned: nothing changed.'));
    return 0;
  }
  let spec: Parameters<typeof recordReturn>[2];
  let changeDelivery = false;
  if (how === 'counter') {
    if (typeof opts.collectorId !== 'string') throw usageError('MISSING_VALUE', { vi: 'Thiếu giá trị bắt buộc: --collector-id', en: 'Missing required value: --collector-id' });
    spec = { method: 'counter', collectorId: opts.collectorId, authorised: Boolean(opts.authorised) };
  } else {
    if (typeof opts.tracking !== 'string' || !opts.tracking.trim()) throw usageError('MISSING_VALUE', { vi: 'Thiếu giá trị bắt buộc: --tracking', en: 'Missing required value: --tracking' });
    const d = await requireOpen(peek, code);
    const atReception = (d.events[0]?.data as { postal?: { zone?: PostalZone } } | undefined)?.postal?.zone;
    const zone = (typeof opts.postZone === 'string' ? opts.postZone : atReception ?? 'same-district') as PostalZone;
    if (!Object.hasOwn(POSTAL_ZONES, zone)) throw usageError('USAGE', { vi: '--post-zone không hợp lệ: {z}', en: 'Invalid --post-zone: {z}' }, { vars: { z: zone } });
    const post: PostReturn = { method: 'post', tracking: opts.tracking.trim(), zone, weightGrams: int(opts.weightGrams, '--weight-grams', 100, 30_000), deliveryDays: int(opts.deliveryDays, '--delivery-days', 3, 60) };
    if (post.weightGrams < 1) throw usageError('USAGE', { vi: '{flag} cần số nguyên từ 1 đến {max}', en: '{flag} needs a whole number from 1 to {max}' }, { vars: { flag: '--weight-grams', max: 30_000 } });
    changeDelivery = d.delivery.method === 'counter';
    if (changeDelivery && !opts.changeDelivery) {
      // registered for the counter: a postal return changes what the receipt says, so it is asked for
      if (!isInteractive(ctx, { json: Boolean(opts.json) })) {
        throw usageError('DELIVERY_CHANGE_NEEDED', { vi: 'Hồ sơ {code} đăng ký nhận kết quả tại quầy: trả qua bưu chính là đổi hình thức nhận.', en: 'Dossier {code} is registered for collection at the counter: a postal return changes the delivery.' }, {
          vars: { code },
          hint: { vi: 'Nếu công dân đồng ý nhận qua bưu chính, thêm --change-delivery (được ghi vào lịch sử).', en: 'If the citizen agrees to receive it by post, add --change-delivery (recorded in the history).' },
        });
      }
      const ok = await (await ctx.prompter()).confirm({ message: L('Hồ sơ đăng ký nhận tại quầy. Công dân đồng ý đổi sang nhận qua bưu chính?', 'The dossier is registered for the counter. Does the citizen agree to receive it by post instead?'), default: false });
      if (!ok) throw cancelled();
    }
    const price = postageFor(post);
    const zoneLabel = t(ctx, postalZoneLabels(vnDate(ctx.now()))[zone]);
    const ceiling = POSTAL_TARIFF_TT22_2017.ceiling ?? false;
    writeErr(ctx, L(`Cước trả kết quả (TT 22/2017, ${zoneLabel}, ${post.weightGrams} g): ${postageText(price, ceiling, 'vi')}.`, `Return postage (TT 22/2017, ${zoneLabel}, ${post.weightGrams} g): ${postageText(price, ceiling, 'en')}.`));
    if (!opts.yes && isInteractive(ctx, { json: Boolean(opts.json) })) {
      const ok = await (await ctx.prompter()).confirm({ message: L('Công dân đồng ý cước phí này?', 'Does the citizen agree to this postage?'), default: true });
      if (!ok) throw cancelled();
    }
    spec = post;
  }
  const notify = await autoNotifyConfig(ctx, profile);
  const r = await store.tx(async (t) => {
    if (changeDelivery) await recordDeliveryChange(t, code, env);
    const ret = await recordReturn(t, code, spec, calendar, env);
    if (ret.applied) await queueAuto(t, ret.dossier, 'returned', notify, env.now, env.operator);
    return ret;
  });
  const timing = (r.data.timing as Timing | undefined) ?? 'on-time';
  if (opts.json) printJson(ctx, { schemaVersion: 1, code, action: 'return', applied: r.applied, status: derive(r.dossier).status, ...r.data });
  else writeOut(ctx, r.applied ? L(`Đã trả kết quả (${timingText(timing)}). Hồ sơ đã đóng và chuyển vào kho lưu trữ.`, `Result returned (${timingText(timing)}). The dossier is closed and archived.`) : L('Kết quả đã được trả trước đó: không thay đổi.', 'The result was already returned: nothing changed.'));
  return 0;
};

import { printJson, t, writeErr, writeOut } from '../../context.js';
import { requireProfile } from '../../config/profile.js';
import { isGovDeskError, usageError } from '../../errors.js';
import { portalConfigured, openPortal } from '../../portal/session.js';
import { openStore } from '../../store/index.js';
import { tryLock } from '../../store/lock.js';
import { flushWithProgress } from '../submit/flush.js';
import type { Handler } from '../types.js';
import { syncSteps } from './steps.js';

/**
 * For cron: one run at a time (a second overlapping run exits quietly with 0), then flush the
 * portal outbox, pull the changes feed, sweep deadlines and send pending notifications.
 * Running it twice in a row changes nothing the second time.
 */
export const syncHandler: Handler = async (ctx, { opts }) => {
  const json = Boolean(opts.json);
  const concurrency = opts.concurrency === undefined ? 4 : Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw usageError('USAGE', { vi: '--concurrency cần số nguyên từ 1 đến 64', en: '--concurrency needs a whole number from 1 to 64' });
  const profile = await requireProfile(ctx);
  const release = await tryLock(ctx.home, '.sync-run', { staleMs: 60_000 });
  if (!release) {
    const msg = t(ctx, { vi: 'Một lần đồng bộ khác đang chạy; bỏ qua lần này.', en: 'Another sync is running; skipping this one.' });
    if (json) printJson(ctx, { schemaVersion: 1, skipped: true, reason: 'already-running' });
    else writeErr(ctx, msg);
    return 0;
  }
  const report: Record<string, unknown> = { schemaVersion: 1, skipped: false };
  let failed = false;
  try {
    const store = await openStore(ctx);
    if (portalConfigured(ctx, profile)) {
      try {
        const results = await flushWithProgress(ctx, store, profile, { json: false, concurrency, quiet: json });
        const count = (o: string) => results.filter((r) => r.outcome === o).length;
        report.outbox = { accepted: count('accepted'), retryScheduled: count('retry-scheduled'), failed: count('failed'), waiting: count('waiting'), conflict: count('conflict') };
        const { pullChanges } = await import('../../portal/pull.js');
        report.changes = await pullChanges(store, openPortal(ctx, profile), ctx.now);
      } catch (e) {
        if (!isGovDeskError(e)) throw e;
        failed = true;
        report.portalError = { code: e.code, message: e.render(ctx.lang).message };
        writeErr(ctx, `gov-desk: ${e.render(ctx.lang).message}`);
      }
    } else {
      report.portal = 'not-configured';
      if (!json) writeErr(ctx, t(ctx, { vi: 'Chưa cấu hình cổng tỉnh: bỏ qua bước gửi/nhận.', en: 'No portal configured: skipping send/receive.' }));
    }
    Object.assign(report, await syncSteps(ctx, profile, store, { json }));
  } finally {
    await release();
  }
  if (json) printJson(ctx, report);
  else writeOut(ctx, summaryLine(ctx, report));
  return failed ? 1 : 0;
};

function summaryLine(ctx: Parameters<Handler>[0], r: Record<string, unknown>): string {
  const o = r.outbox as { accepted: number; retryScheduled: number; failed: number; conflict: number } | undefined;
  const c = r.changes as { seen: number; applied: number; ignored?: unknown[] } | undefined;
  const parts: string[] = [];
  if (o) parts.push(t(ctx, { vi: 'gửi: {a} được nhận, {r} chờ thử lại, {f} bị từ chối', en: 'sent: {a} accepted, {r} to retry, {f} refused' }, { a: o.accepted, r: o.retryScheduled, f: o.failed }));
  if (o?.conflict) parts.push(t(ctx, { vi: '{n} trùng mã trên cổng (không gửi)', en: '{n} code conflict(s) on the portal (not sent)' }, { n: o.conflict }));
  if (c) parts.push(t(ctx, { vi: 'thay đổi từ cổng: {s} đọc, {a} cập nhật', en: 'portal changes: {s} read, {a} applied' }, { s: c.seen, a: c.applied }));
  if (c?.ignored?.length) parts.push(t(ctx, { vi: '{n} thay đổi không áp dụng (hồ sơ không gửi từ máy này, hoặc lùi trạng thái)', en: '{n} change(s) not applied (not submitted from here, or a step backwards)' }, { n: c.ignored.length }));
  const d = r.deadlines as { dueSoon: number; overdue: number; apologiesDrafted: number } | undefined;
  if (d) parts.push(t(ctx, { vi: 'hạn: {s} sắp đến hạn, {o} quá hạn, {a} phiếu xin lỗi mới', en: 'deadlines: {s} due soon, {o} overdue, {a} new apology drafts' }, { s: d.dueSoon, o: d.overdue, a: d.apologiesDrafted }));
  return parts.join('; ') || t(ctx, { vi: 'Không có gì để làm.', en: 'Nothing to do.' });
}

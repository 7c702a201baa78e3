import { type Context, writeErr } from '../../context.js';
import type { Profile } from '../../config/profile.js';
import type { Store } from '../../store/index.js';
import { sweepDeadlines } from '../../workflow/deadlines.js';

/**
 * The steps of a sync run after the portal: the deadline sweep (flags, apology drafts) and the
 * citizen messages (send what is queued, then poll delivery statuses). Each is idempotent.
 */
export async function syncSteps(ctx: Context, _profile: Profile, store: Store, o: { json: boolean }): Promise<Record<string, unknown>> {
  const { loadCalendarFor } = await import('../../store/overrides.js');
  const { calendar } = await loadCalendarFor(ctx);
  const now = ctx.now();
  const sweep = await store.tx((t) => sweepDeadlines(t, calendar, now));
  const out: Record<string, unknown> = {
    deadlines: { dueSoon: sweep.dueSoon.length, overdue: sweep.overdue.length, apologiesDrafted: sweep.drafted.length, dueSoonCodes: sweep.dueSoon.map((x) => x.code), overdueCodes: sweep.overdue.map((x) => x.code) },
  };
  const { loadNotifyConfig } = await import('../../notify/config.js');
  const cfg = await loadNotifyConfig(ctx);
  if (cfg.channels.length === 0) {
    out.notifications = { skipped: 'no-provider' };
    return out;
  }
  const { sendPending, pollStatuses } = await import('../../notify/queue.js');
  const sent = await sendPending(ctx, { config: cfg, operator: 'gov-desk sync' });
  const polled = await pollStatuses(ctx, { config: cfg, operator: 'gov-desk sync' });
  out.notifications = { sent: sent.sent, failed: sent.failed, delivered: polled.delivered, pending: polled.pending };
  if (!o.json) {
    const { sendReportLines, pollReportLines } = await import('../notify/output.js');
    for (const l of [...sendReportLines(ctx.lang, sent), ...pollReportLines(ctx.lang, polled)]) writeErr(ctx, l);
  }
  return out;
}

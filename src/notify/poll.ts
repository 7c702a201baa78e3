/**
 * `pollStatuses`: ask the gateway what became of accepted SMS (eSMS GetSendStatus by SMSID, kept
 * 7 days). A commune PC cannot receive callbacks from the internet, so `sync` polls instead.
 */
import type { Context } from '../context.js';
import { openStore } from '../store/index.js';
import { loadNotifyConfig, type NotifyConfig } from './config.js';
import { applyTransition } from './dossier-store.js';
import { completeStatus, pollable } from './outbox.js';
import { channelSetup, createSmsProvider } from './providers/index.js';
import { itemOf, type SendItem } from './send.js';

export interface PollReport {
  checked: number;
  delivered: number;
  failed: number;
  pending: number;
  items: SendItem[];
  /** Why nothing was polled (no provider with a status API), or null. */
  skipped: string | null;
}

export async function pollStatuses(ctx: Pick<Context, 'home' | 'env' | 'now' | 'cwd'>, opts: { config?: NotifyConfig; operator?: string } = {}): Promise<PollReport> {
  const cfg = opts.config ?? (await loadNotifyConfig(ctx));
  const report: PollReport = { checked: 0, delivered: 0, failed: 0, pending: 0, items: [], skipped: null };
  const caps = channelSetup(cfg).caps.sms;
  if (!caps) {
    report.skipped = 'no SMS provider';
    return report;
  }
  const store = await openStore(ctx);
  const todo = (await store.outbox('notify', { pending: true })).filter((r) => r.channel === 'sms' && r.provider === caps.name && pollable(r, ctx.now()));
  if (todo.length === 0) return report;
  const provider = await createSmsProvider(cfg, () => ctx.now());
  if (!provider.status) {
    report.skipped = `provider ${provider.name} has no status API`;
    return report;
  }
  for (const r of todo) {
    const outcome = await provider.status(r.providerId!);
    report.checked++;
    const t = await store.tx(async (tx) => {
      const at = ctx.now();
      const tr = await completeStatus(tx, r.id, outcome, at);
      await applyTransition(tx, tr, at, opts.operator ?? 'gov-desk');
      return tr;
    });
    if (!t) {
      report.pending++;
      continue;
    }
    if (t.became === 'delivered') report.delivered++;
    else report.failed++;
    report.items.push(itemOf(t.record));
  }
  return report;
}

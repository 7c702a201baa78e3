import type { Context } from '../context.js';
import type { Profile } from '../config/profile.js';
import type { Dossier } from '../domain/dossier/types.js';
import type { NotifyConfig } from '../notify/config.js';
import type { NotifyEvent } from '../notify/types.js';
import type { StoreTx } from '../store/port.js';

/**
 * With `notify.auto` in the profile, the commands that move a dossier queue the citizen's message
 * themselves (inside their own transaction); `notify --pending` or `sync` sends it.
 */
export async function autoNotifyConfig(ctx: Context, profile: Profile): Promise<NotifyConfig | null> {
  if (!profile.notify.auto) return null;
  const { loadNotifyConfig } = await import('../notify/config.js');
  const cfg = await loadNotifyConfig(ctx);
  return cfg.channels.length ? cfg : null;
}

type QueueTx = Pick<StoreTx, 'dossier' | 'putDossier' | 'outbox' | 'putOutbox'>;

/**
 * Queue `event` for the dossier when auto-notification is on, in the transaction `t` that saved
 * it (the dossier as saved there); returns the queued keys.
 */
export async function queueAuto(t: QueueTx, d: Dossier, event: NotifyEvent, cfg: NotifyConfig | null, now: Date, operator: string): Promise<string[]> {
  if (!cfg) return [];
  const { queueNotification } = await import('../notify/queue.js');
  return (await queueNotification(t, (await t.dossier(d.code)) ?? d, event, now, { channels: cfg.channels, lang: cfg.lang, operator })).keys;
}

/** After an apology: the late notice (required for online dossiers, useful for all). */
export async function afterApology(ctx: Context, t: QueueTx, d: Dossier, profile: Profile): Promise<string[]> {
  return queueAuto(t, d, 'late', await autoNotifyConfig(ctx, profile), ctx.now(), 'gov-desk');
}

/**
 * Queueing notifications. `queueNotification` is what other commands call inside THEIR transaction
 * when `notify.auto` is on (intake, result, the deadline sweep); `sendPending` and `pollStatuses`
 * are what `notify --pending` and `sync` run.
 */
import type { Dossier } from '../domain/dossier/types.js';
import { validateEmail } from '../domain/email.js';
import { validatePhone } from '../domain/phone.js';
import { toVnIso } from '../domain/time.js';
import type { StoreTx } from '../store/port.js';
import { contactFor, isFlagged, notificationsDeclined, recordDeclined } from './dossier-events.js';
import { idFor, requestIdFor } from './outbox.js';
import { SOURCE_EVENT } from './render.js';
import { type Channel, CHANNELS, type NotifyEvent, type NotifyRecord } from './types.js';

export { sendPending, type SendOptions, type SendReport } from './send.js';
export { pollStatuses, type PollReport } from './poll.js';

export interface QueueOptions {
  /** Channels to use (default both); pass `loadNotifyConfig(ctx).channels` to skip disabled ones. */
  channels?: readonly Channel[];
  /** Language of the message (default Vietnamese). */
  lang?: 'vi' | 'en';
  /** Extra template values, e.g. `{ tracking: 'EB123456789VN' }`. */
  vars?: Record<string, string>;
  /** Attempt series; default: the dossier event that caused the notification. */
  series?: string;
  /** Start a new series: send again although this event was already notified. */
  resend?: boolean;
  /** Recorded on the refusal event (default `gov-desk`). */
  operator?: string;
}

export type SkipReason = 'declined' | 'no-contact' | 'invalid-contact' | 'contact-failed' | 'already-queued';

export interface QueueResult {
  /** The dossier, with a refusal event when the citizen declined (then also saved in the transaction). */
  dossier: Dossier;
  queued: NotifyRecord[];
  skipped: { channel: Channel | null; reason: SkipReason; key?: string }[];
  /** Keys of the messages for this call (queued now or earlier). */
  keys: string[];
}

/**
 * The attempt series of a notification: the sequence number of the dossier event that caused it
 * (a second supplement request or a second apology is a new series), else the appointment in force.
 */
export function seriesFor(d: Dossier, event: NotifyEvent): string {
  const type = SOURCE_EVENT[event];
  for (let i = d.events.length - 1; i >= 0; i--) if (d.events[i]!.type === type) return `e${d.events[i]!.seq}`;
  return `due-${d.dueAt.slice(0, 16).replace(/[^0-9]/g, '')}`;
}

export function notifyKey(code: string, event: NotifyEvent, series: string, channel: Channel): string {
  return `notify:${code}:${event}:${series}:${channel}`;
}

/** The store operations queueing needs (a transaction of the store port). */
export type NotifyQueueTx = Pick<StoreTx, 'outbox' | 'putOutbox' | 'dossier' | 'putDossier'>;

async function nextResendSeries(t: NotifyQueueTx, code: string, event: NotifyEvent, base: string): Promise<string> {
  const prefix = `notify:${code}:${event}:${base}-r`;
  const used = new Set((await t.outbox('notify', { codes: [code] })).filter((r) => r.key.startsWith(prefix)).map((r) => r.series));
  return `${base}-r${used.size + 1}`;
}

/**
 * Queue the messages for one event of a dossier (status `created`), once per key, in the
 * transaction `t` of the command that moved the dossier (after it saved the dossier): a refusal
 * (citizen declined) is recorded on the dossier and saved (a closed dossier goes back to the
 * archive). A key already in the outbox is not added again (the store refuses a second entry with
 * the same key). Nothing is sent here; `sendPending` does that.
 */
export async function queueNotification(t: NotifyQueueTx, dossier: Dossier, event: NotifyEvent, now: Date, opts: QueueOptions = {}): Promise<QueueResult> {
  const base = opts.series ?? seriesFor(dossier, event);
  const series = opts.resend ? await nextResendSeries(t, dossier.code, event, base) : base;
  const result: QueueResult = { dossier, queued: [], skipped: [], keys: [] };
  if (notificationsDeclined(dossier)) {
    const r = recordDeclined(dossier, event, series, now, opts.operator ?? 'gov-desk');
    if (r.applied) {
      await t.dossier(dossier.code); // loaded in this transaction before it is put back
      await t.putDossier(r.dossier);
    }
    result.dossier = r.dossier;
    result.skipped.push({ channel: null, reason: 'declined' });
    return result;
  }
  for (const channel of CHANNELS) {
    if (opts.channels && !opts.channels.includes(channel)) continue;
    const key = notifyKey(dossier.code, event, series, channel);
    if (dossier.events.some((e) => e.key === key) || (await t.outbox('notify', { keys: [key] })).length > 0) {
      result.skipped.push({ channel, reason: 'already-queued', key });
      result.keys.push(key);
      continue;
    }
    const kind = channel === 'sms' ? 'phone' : 'email';
    const found = contactFor(dossier, kind);
    if (!found) {
      result.skipped.push({ channel, reason: 'no-contact' });
      continue;
    }
    const checked = kind === 'phone' ? validatePhone(found.value) : validateEmail(found.value);
    if (!checked.ok) {
      result.skipped.push({ channel, reason: 'invalid-contact' });
      continue;
    }
    if (isFlagged(dossier, kind, found.value) || isFlagged(dossier, kind, checked.value)) {
      result.skipped.push({ channel, reason: 'contact-failed' });
      continue;
    }
    const at = toVnIso(now);
    const rec: NotifyRecord = {
      kind: 'notify',
      id: idFor(key),
      key,
      dossier: dossier.code,
      event,
      series,
      channel,
      contact: kind,
      to: checked.value,
      lang: opts.lang ?? 'vi',
      vars: { ...(opts.vars ?? {}) },
      status: 'created',
      createdAt: at,
      updatedAt: at,
      attempts: 0,
      nextAttemptAt: null,
      retry: true,
      lease: null,
      accepted: false,
      uncertain: false,
      provider: null,
      sms: null,
      email: null,
      requestId: requestIdFor(key),
      providerId: null,
      acceptedAt: null,
      confirmed: false,
      cost: null,
      error: null,
      history: [{ at, status: 'created' }],
    };
    await t.putOutbox(rec);
    result.queued.push(rec);
    result.keys.push(key);
  }
  return result;
}

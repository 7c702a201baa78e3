/**
 * The delivery outbox: the store's outbox entries of kind `notify`. These functions run inside a
 * store transaction (`store.tx`): entries are claimed with `t.outbox('notify', { claim: true })`
 * (another sender's claim in progress is skipped) and every change is saved with `t.putOutbox`;
 * the send itself happens outside the transaction.
 *
 * Never twice: a message is claimed (status `sending`, with a lease) before it is sent and completed
 * after; a crashed sender leaves the claim, and the next run recovers it only in a way that cannot
 * send a second copy: the provider refuses a repeated RequestId (eSMS code 124), or it can say
 * whether it already has the message (file provider). Otherwise (SMTP) the outcome is recorded as
 * uncertain and left to the operator.
 */
import { createHash } from 'node:crypto';
import { toVnIso } from '../domain/time.js';
import { isGovDeskError } from '../errors.js';
import type { StoreTx } from '../store/port.js';
import type { Channel, NotifyRecord, OutboxStatus, SendOutcome, StatusOutcome } from './types.js';
import type { Msg } from '../i18n/index.js';

const OUTCOME_UNKNOWN: Msg = { vi: 'chương trình gửi đã dừng giữa chừng; tin có thể đã đi', en: 'the sender stopped during the send; the message may have gone out' };

/** The store operations the notification outbox needs (a transaction of the store port). */
export type NotifyOutboxTx = Pick<StoreTx, 'outbox' | 'putOutbox'>;

/** eSMS RequestId (at most 50 characters), stable for a key so that a re-send is recognised. */
export function requestIdFor(key: string): string {
  return `gd${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

export function idFor(key: string): string {
  return `n-${createHash('sha256').update(`id:${key}`).digest('hex').slice(0, 16)}`;
}

/** Backoff before retry n (1-based): base × 2^(n-1), capped. */
export function backoffMs(attempt: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

export interface ProviderCaps {
  /** Provider name used for this channel now. */
  name: string;
  /** Re-sending the same RequestId is refused by the provider (safe after a crash). */
  dedupes: boolean;
  /** The provider can tell whether it already has a message (checked before re-sending). */
  canLookup: boolean;
}

export interface ClaimOptions {
  now: Date;
  owner: string;
  leaseMs: number;
  limit: number;
  maxAttempts: number;
  /** Channels that can be sent now, with what their provider can do. */
  providers: Partial<Record<Channel, ProviderCaps>>;
  /** Only these keys (a `notify CODE` run). */
  keys?: string[];
  /** Message ids already handled in this run. */
  exclude?: ReadonlySet<string>;
  /** Also re-send messages whose outcome is uncertain (the operator checked with the citizen). */
  includeUncertain?: boolean;
  /** Give technical failures that were given up a new chance. */
  retryFailed?: boolean;
  /**
   * Render the content of a message that has none yet: it is frozen at the first claim so every
   * retry sends the same text. Throwing a GovDeskError (a missing value) fails that message only.
   */
  render?: (r: NotifyRecord) => Pick<NotifyRecord, 'sms' | 'email' | 'cost'> | Promise<Pick<NotifyRecord, 'sms' | 'email' | 'cost'>>;
}

export interface Claim {
  record: NotifyRecord;
  /** A crashed sender's claim is being recovered: look the message up before sending. */
  recovering: boolean;
}

function touch(r: NotifyRecord, status: OutboxStatus, now: Date, detail?: string): void {
  r.status = status;
  r.updatedAt = toVnIso(now);
  r.history.push({ at: r.updatedAt, status, ...(detail ? { detail } : {}) });
}

/**
 * Claim what can be sent now, in the transaction `t`: pending entries another transaction holds
 * are skipped, and each entry changed here is saved. Returns copies of the claimed records; crashed
 * claims that cannot be recovered safely are marked uncertain instead.
 */
export async function claimBatch(t: NotifyOutboxTx, o: ClaimOptions): Promise<{ claims: Claim[]; uncertain: NotifyRecord[]; failed: NotifyRecord[] }> {
  const claims: Claim[] = [];
  const uncertain: NotifyRecord[] = [];
  const failed: NotifyRecord[] = [];
  const nowMs = o.now.getTime();
  for (const r of await t.outbox('notify', { claim: true, pending: true, ...(o.keys ? { keys: o.keys } : {}) })) {
    if (claims.length >= o.limit) break;
    if (o.keys && !o.keys.includes(r.key)) continue;
    if (o.exclude?.has(r.id)) continue;
    const caps = o.providers[r.channel];
    let recovering = false;
    if (r.status === 'sending') {
      if (r.accepted || !r.lease || Date.parse(r.lease.until) > nowMs) continue; // in flight or waiting for a report
      const sameProvider = r.provider === null || caps?.name === r.provider;
      if (caps && sameProvider && (caps.dedupes || caps.canLookup)) {
        recovering = true;
      } else {
        r.lease = null;
        r.uncertain = true;
        r.retry = false;
        r.error = { code: 'NOTIFY_OUTCOME_UNKNOWN', message: OUTCOME_UNKNOWN.en, text: OUTCOME_UNKNOWN };
        touch(r, 'technical-failure', o.now, 'claim expired: outcome unknown, not re-sent');
        await t.putOutbox(r);
        uncertain.push(structuredClone(r));
        continue;
      }
    } else if (r.status === 'technical-failure') {
      if (!caps) continue;
      const safe = !r.uncertain || caps.dedupes || caps.canLookup;
      const fresh = (o.retryFailed && safe) || (o.includeUncertain && r.uncertain);
      if (fresh) {
        r.retry = true;
        r.attempts = Math.min(r.attempts, Math.max(0, o.maxAttempts - 1));
        r.nextAttemptAt = null;
      }
      if (!r.retry || r.attempts >= o.maxAttempts || (r.nextAttemptAt && Date.parse(r.nextAttemptAt) > nowMs)) {
        if (fresh) await t.putOutbox(r);
        continue;
      }
      if (r.uncertain) recovering = !o.includeUncertain;
    } else if (r.status !== 'created') {
      continue;
    }
    if (!caps) continue;
    if (o.render && !r.sms && !r.email) {
      try {
        Object.assign(r, await o.render(r));
      } catch (e) {
        if (!isGovDeskError(e)) throw e;
        r.retry = false;
        r.error = { code: e.code, message: e.message, text: { vi: e.render('vi').message, en: e.render('en').message } };
        touch(r, 'technical-failure', o.now, e.code);
        await t.putOutbox(r);
        failed.push(structuredClone(r));
        continue;
      }
    }
    r.lease = { owner: o.owner, until: new Date(nowMs + o.leaseMs).toISOString() };
    r.provider = caps.name;
    r.attempts += 1;
    touch(r, 'sending', o.now, recovering ? 'recovering an earlier claim' : `attempt ${r.attempts}`);
    await t.putOutbox(r);
    claims.push({ record: structuredClone(r), recovering });
  }
  return { claims, uncertain, failed };
}

export interface CompleteOptions {
  now: Date;
  owner: string;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export type Transition = { record: NotifyRecord; became: OutboxStatus; newlyAccepted: boolean } | undefined;

/** The entry `id`, changed by `fn` and saved in `t` when `fn` changed it. */
async function updateEntry(t: NotifyOutboxTx, id: string, fn: (r: NotifyRecord) => Transition): Promise<Transition> {
  const [r] = await t.outbox('notify', { ids: [id] });
  if (!r) return undefined;
  const before = JSON.stringify(r);
  const result = fn(r);
  if (JSON.stringify(r) !== before) await t.putOutbox(r);
  return result;
}

/** Record a send outcome. Returns the updated record, or undefined when the claim was lost. */
export function completeSend(t: NotifyOutboxTx, id: string, outcome: SendOutcome, o: CompleteOptions): Promise<Transition> {
  return updateEntry(t, id, (r) => sendOutcome(r, outcome, o));
}

function sendOutcome(r: NotifyRecord, outcome: SendOutcome, o: CompleteOptions): Transition {
  if (r.accepted) return undefined;
  // a slow sender whose lease expired still knows the real outcome: it replaces "unknown"
  const expiredUnknown = r.status === 'technical-failure' && r.error?.code === 'NOTIFY_OUTCOME_UNKNOWN';
  if (r.status !== 'sending' && !expiredUnknown) return undefined;
  r.lease = null;
  if (outcome.kind === 'accepted' || outcome.kind === 'duplicate') {
    r.accepted = true;
    r.acceptedAt = toVnIso(o.now);
    r.uncertain = false;
    r.error = null;
    if (outcome.kind === 'accepted') {
      r.providerId = outcome.providerId;
      if (outcome.cost !== undefined) r.cost = outcome.cost;
    }
    const final = outcome.kind === 'duplicate' || outcome.final;
    if (final) r.confirmed = false;
    touch(r, final ? 'delivered' : 'sending', o.now, outcome.detail ?? (final ? 'handed over' : 'accepted by the gateway'));
    return { record: structuredClone(r), became: r.status, newlyAccepted: true };
  }
  r.error = { code: outcome.code, message: outcome.message.en, text: outcome.message };
  r.uncertain = r.uncertain || outcome.uncertain;
  r.retry = outcome.status === 'technical-failure' && outcome.retry;
  r.nextAttemptAt = r.retry && r.attempts < o.maxAttempts ? toVnIso(new Date(o.now.getTime() + backoffMs(r.attempts, o.baseDelayMs, o.maxDelayMs))) : null;
  touch(r, outcome.status, o.now, `${outcome.code}${r.retry ? (r.nextAttemptAt ? `, retry after ${r.nextAttemptAt}` : ', no attempts left') : ''}`);
  return { record: structuredClone(r), became: r.status, newlyAccepted: false };
}

/** Record a delivery report (status polling). */
export function completeStatus(t: NotifyOutboxTx, id: string, outcome: StatusOutcome, now: Date): Promise<Transition> {
  return updateEntry(t, id, (r) => statusOutcome(r, outcome, now));
}

function statusOutcome(r: NotifyRecord, outcome: StatusOutcome, now: Date): Transition {
  if (r.status !== 'sending' || !r.accepted) return undefined;
  if (outcome.kind !== 'final') {
    r.updatedAt = toVnIso(now);
    if (outcome.kind === 'unknown') r.error = { code: 'NOTIFY_STATUS_UNKNOWN', message: outcome.detail, ...(outcome.text ? { text: outcome.text } : {}) };
    return undefined;
  }
  r.confirmed = true;
  if (outcome.cost !== undefined && outcome.cost !== null) r.cost = outcome.cost;
  if (outcome.status !== 'delivered') r.error = { code: `STATUS_${outcome.status.toUpperCase().replace(/-/g, '_')}`, message: outcome.detail, ...(outcome.text ? { text: outcome.text } : {}) };
  touch(r, outcome.status, now, outcome.detail);
  return { record: structuredClone(r), became: r.status, newlyAccepted: false };
}

/** eSMS keeps statuses 7 days: older accepted messages are not polled any more. */
export const STATUS_KEPT_MS = 7 * 24 * 3600_000;

export function pollable(r: NotifyRecord, now: Date): boolean {
  return r.status === 'sending' && r.accepted && r.providerId !== null && r.acceptedAt !== null && now.getTime() - Date.parse(r.acceptedAt) < STATUS_KEPT_MS && r.error?.code !== 'NOTIFY_STATUS_UNKNOWN';
}

export interface OutboxCounts {
  total: number;
  byStatus: Record<OutboxStatus, number>;
  waiting: number;
  uncertain: number;
}

export function countOutbox(records: NotifyRecord[]): OutboxCounts {
  const byStatus: Record<OutboxStatus, number> = { created: 0, sending: 0, delivered: 0, 'temporary-failure': 0, 'permanent-failure': 0, 'technical-failure': 0 };
  for (const r of records) byStatus[r.status]++;
  return {
    total: records.length,
    byStatus,
    waiting: records.filter((r) => r.status === 'created' || (r.status === 'technical-failure' && r.retry)).length,
    uncertain: records.filter((r) => r.uncertain && r.status === 'technical-failure').length,
  };
}

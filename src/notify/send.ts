/**
 * `sendPending`: send what is queued (for `notify --pending`, `notify CODE` and `sync`). Each message
 * is claimed in a transaction, sent outside it, and its outcome saved at once in its own transaction,
 * so that a crash loses at most the knowledge of one send, which the next run recovers (outbox.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../context.js';
import type { Dossier } from '../domain/dossier/types.js';
import { usageError } from '../errors.js';
import type { Msg } from '../i18n/index.js';
import { openStore } from '../store/index.js';
import type { StoreTx } from '../store/port.js';
import { loadNotifyConfig, type NotifyConfig } from './config.js';
import { existingAttachments, frozen, renderContent } from './content.js';
import { applyTransition, shownRecipient } from './dossier-store.js';
import { type Claim, claimBatch, completeSend } from './outbox.js';
import { channelSetup, createMailProvider, createSmsProvider } from './providers/index.js';
import type { EmailProvider, ProviderSetupProblem, SmsProvider } from './providers/types.js';
import { loadTemplates } from './template-file.js';
import type { Channel, NotifyRecord, OutboxStatus, SendOutcome } from './types.js';

export interface SendOptions {
  /** Only these idempotency keys (a `notify CODE` run). */
  keys?: string[];
  /** At most this many messages (default `batchSize` of the settings). */
  limit?: number;
  /** Give technical failures that were given up a new chance. */
  retryFailed?: boolean;
  /** Re-send messages whose outcome is unknown (the operator checked that they did not arrive). */
  includeUncertain?: boolean;
  /** Recorded on the dossier events (default `gov-desk`). */
  operator?: string;
  /** Settings already loaded by the caller. */
  config?: NotifyConfig;
  /** Test seam: runs after the provider answered and before the outcome is saved; a throw is a crash. */
  afterSend?: (r: NotifyRecord, outcome: SendOutcome) => void | Promise<void>;
}

export interface SendItem {
  id: string;
  key: string;
  dossier: string;
  event: NotifyRecord['event'];
  channel: Channel;
  to: string;
  status: OutboxStatus;
  attempts: number;
  segments: number | null;
  cost: number | null;
  retryAt: string | null;
  uncertain: boolean;
  error: NotifyRecord['error'];
  /** The file provider took it: written to a file for an operator to send by hand, not sent. */
  handOff: boolean;
}

export interface SendReport {
  sent: number;
  failed: number;
  items: SendItem[];
  /** The batch stopped: every other message would have failed the same way. */
  aborted: { code: string; message: Msg } | null;
  /** Channels that cannot send now and how many messages wait for them. */
  blocked: { channel: Channel; waiting: number; problem: ProviderSetupProblem | null }[];
}

export function itemOf(r: NotifyRecord): SendItem {
  return {
    id: r.id,
    key: r.key,
    dossier: r.dossier,
    event: r.event,
    channel: r.channel,
    to: shownRecipient(r),
    status: r.status,
    attempts: r.attempts,
    segments: r.sms?.segments ?? null,
    cost: r.cost,
    retryAt: r.nextAttemptAt,
    uncertain: r.uncertain,
    error: r.error,
    handOff: r.provider === 'file',
  };
}

const SENT: readonly OutboxStatus[] = ['sending', 'delivered'];

export async function sendPending(ctx: Pick<Context, 'home' | 'env' | 'now' | 'cwd'>, opts: SendOptions = {}): Promise<SendReport> {
  const cfg = opts.config ?? (await loadNotifyConfig(ctx));
  const { templates } = await loadTemplates(ctx.home);
  const setup = channelSetup(cfg);
  const store = await openStore(ctx);
  const operator = opts.operator ?? 'gov-desk';
  const report: SendReport = { sent: 0, failed: 0, items: [], aborted: null, blocked: [] };

  // dossiers and attachment files the claimed messages may need (read before the transaction)
  const candidates = (await store.outbox('notify', { pending: true, ...(opts.keys ? { keys: opts.keys } : {}) })).filter((r) => ['created', 'technical-failure', 'sending'].includes(r.status) && (!opts.keys || opts.keys.includes(r.key)));
  for (const channel of ['sms', 'email'] as const) {
    const waiting = candidates.filter((r) => r.channel === channel && r.status === 'created').length;
    if (waiting > 0 && !setup.caps[channel]) report.blocked.push({ channel, waiting, problem: setup.problems[channel] ?? null });
  }
  if (candidates.length === 0 || Object.keys(setup.caps).length === 0) return report; // nothing to write either
  const dossiers = new Map<string, Dossier>();
  for (const code of new Set(candidates.map((r) => r.dossier))) {
    const d = (await store.getDossier(code))?.dossier;
    if (d) dossiers.set(code, d);
  }
  const existing = await existingAttachments(dossiers.values(), templates);

  const owner = randomUUID();
  const limit = opts.limit ?? cfg.batchSize;
  const done = new Set<string>();
  const render = (t: StoreTx) => async (r: NotifyRecord) => {
    const d = (await t.dossier(r.dossier)) ?? dossiers.get(r.dossier);
    if (!d) throw usageError('DOSSIER_UNKNOWN', { vi: 'Không có hồ sơ mã {code}.', en: 'No dossier with code {code}.' }, { vars: { code: r.dossier } });
    return frozen(renderContent(d, r, { cfg, templates, existing }));
  };
  let sms: SmsProvider | undefined;
  let mail: EmailProvider | undefined;
  const provider = async (ch: Channel) => (ch === 'sms' ? (sms ??= await createSmsProvider(cfg, () => ctx.now())) : (mail ??= await createMailProvider(cfg)));
  try {
    // one message at a time: claim, send, save. A crash leaves at most one claim to recover.
    while (done.size < limit && !report.aborted) {
      const claimed = await store.tx((t) =>
        claimBatch(t, {
          now: ctx.now(),
          owner,
          leaseMs: cfg.leaseMs,
          limit: 1,
          maxAttempts: cfg.retry.maxAttempts,
          providers: setup.caps,
          ...(opts.keys ? { keys: opts.keys } : {}),
          exclude: done,
          includeUncertain: Boolean(opts.includeUncertain),
          retryFailed: Boolean(opts.retryFailed),
          render: render(t),
        }),
      );
      for (const r of [...claimed.uncertain, ...claimed.failed]) {
        done.add(r.id);
        report.failed++;
        report.items.push(itemOf(r));
      }
      const claim = claimed.claims[0];
      if (!claim) break;
      done.add(claim.record.id);
      const outcome = await sendOne(claim, provider);
      if (opts.afterSend) await opts.afterSend(claim.record, outcome);
      const t = await store.tx(async (tx) => {
        const at = ctx.now();
        const tr = await completeSend(tx, claim.record.id, outcome, { now: at, owner, maxAttempts: cfg.retry.maxAttempts, baseDelayMs: cfg.retry.baseDelayMs, maxDelayMs: cfg.retry.maxDelayMs });
        await applyTransition(tx, tr, at, operator);
        return tr;
      });
      const rec = t?.record ?? claim.record;
      if (t && SENT.includes(t.became)) report.sent++;
      else if (t) report.failed++;
      report.items.push(itemOf(rec));
      if (outcome.kind === 'failed' && outcome.abort) report.aborted = { code: outcome.code, message: outcome.message };
    }
  } finally {
    mail?.close();
  }
  return report;
}

async function sendOne(claim: Claim, provider: (ch: Channel) => Promise<SmsProvider | EmailProvider>): Promise<SendOutcome> {
  const r = claim.record;
  if (r.channel === 'sms') {
    const p = (await provider('sms')) as SmsProvider;
    if (!r.sms) throw new Error(`message ${r.id} has no content`);
    const m = { to: r.to, text: r.sms.text, unicode: r.sms.encoding === 'UCS-2', requestId: r.requestId, dossier: r.dossier, segments: r.sms.segments };
    if (claim.recovering && !p.dedupes && p.alreadySent && (await p.alreadySent(m))) {
      return { kind: 'duplicate', detail: 'recovered: the provider already had it' };
    }
    return p.send(m);
  }
  const p = (await provider('email')) as EmailProvider;
  if (!r.email) throw new Error(`message ${r.id} has no content`);
  return p.send({ to: r.to, subject: r.email.subject, text: r.email.body, attachments: r.email.attachments, requestId: r.requestId });
}

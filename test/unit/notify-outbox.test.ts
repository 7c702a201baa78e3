import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import type { ActiveDb } from '../../src/store/schema.js';
import { emptyActiveDb } from '../../src/store/version.js';
import { EmbeddedTx } from '../../src/store/embedded.js';
import { LowdbRepository } from '../../src/store/lowdb-store.js';
import { usageError } from '../../src/errors.js';
import { recordPermanentFailure } from '../../src/notify/dossier-events.js';
import { backoffMs, claimBatch, type ClaimOptions, completeSend, type ProviderCaps, requestIdFor } from '../../src/notify/outbox.js';
import { queueNotification } from '../../src/notify/queue.js';
import type { NotifyRecord, SendOutcome } from '../../src/notify/types.js';
import { sampleDossier } from '../helpers/dossier.js';

const T0 = new Date('2026-03-02T02:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const ESMS: ProviderCaps = { name: 'esms', dedupes: true, canLookup: false };
const SMTP: ProviderCaps = { name: 'smtp', dedupes: false, canLookup: false };
const SMS_TEXT = { sms: { text: 'Ho so', encoding: 'GSM-7' as const, segments: 1, unsigned: true }, email: { subject: 'S', body: 'B', attachments: [] }, cost: 850 };

/** A transaction of the embedded store over an in-memory document holding `d` (nothing is written to disk); tests read it back through the port. */
function setup(d: Dossier = withEmail(sampleDossier())): { d: Dossier; t: EmbeddedTx } {
  const db = emptyActiveDb(T0.toISOString());
  db.dossiers[d.code] = d;
  return { d, t: new EmbeddedTx(db, new LowdbRepository(path.join(os.tmpdir(), 'gov-desk-no-home')), 'quay-1') };
}

const notifyRecords = (t: EmbeddedTx) => t.outbox('notify');

function withEmail(d: Dossier): Dossier {
  return { ...d, applicant: { ...d.applicant, email: 'huong@example.vn' } };
}

const opts = (over: Partial<ClaimOptions> = {}): ClaimOptions => ({
  now: T0,
  owner: 'A',
  leaseMs: 60_000,
  limit: 10,
  maxAttempts: 3,
  providers: { sms: ESMS, email: SMTP },
  render: () => SMS_TEXT,
  ...over,
});
const COMPLETE = { owner: 'A', maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 600_000 };
const accepted: SendOutcome = { kind: 'accepted', providerId: 'S1', final: false };
const timeout: SendOutcome = { kind: 'failed', status: 'technical-failure', retry: true, abort: true, uncertain: true, code: 'ESMS_TIMEOUT', message: { vi: 'x', en: 'x' } };

describe('queueNotification', () => {
  it('queues one message per channel, once per key', async () => {
    const { d, t } = setup();
    const r = await queueNotification(t, d, 'received', T0);
    expect(r.queued.map((q) => q.key)).toEqual([`notify:${d.code}:received:e1:sms`, `notify:${d.code}:received:e1:email`]);
    expect(r.queued[0]).toMatchObject({ status: 'created', to: '0912345678', contact: 'phone', lang: 'vi', requestId: requestIdFor(r.queued[0]!.key) });
    expect(r.queued[0]!.requestId.length).toBeLessThanOrEqual(50);
    const again = await queueNotification(t, d, 'received', T0);
    expect(again.queued).toEqual([]);
    expect(again.skipped.map((s) => s.reason)).toEqual(['already-queued', 'already-queued']);
    expect(again.keys).toEqual(r.keys);
    expect(await notifyRecords(t)).toHaveLength(2);
  });

  it('a citizen who declined is not messaged; the refusal is recorded once', async () => {
    let d = withEmail(sampleDossier());
    d = { ...d, events: [{ ...d.events[0]!, data: { ...d.events[0]!.data, notificationsDeclined: true } }] };
    const { t } = setup(d);
    const r = await queueNotification(t, d, 'received', T0, { operator: 'Trần Văn Đức' });
    expect(r.queued).toEqual([]);
    expect(r.skipped).toEqual([{ channel: null, reason: 'declined' }]);
    const ev = (await t.dossier(d.code))!.events.at(-1)!;
    expect(ev).toMatchObject({ type: 'notified', operator: 'Trần Văn Đức', data: { skipped: 'declined', event: 'received' } });
    await queueNotification(t, (await t.dossier(d.code))!, 'received', T0);
    expect((await t.dossier(d.code))!.events.filter((e) => e.type === 'notified')).toHaveLength(1);
    expect([...(await t.outbox('notify')), ...(await t.outbox('portal'))]).toEqual([]);
  });

  it('uses the representative when the applicant has no contact; skips what is missing or wrong', async () => {
    const base = sampleDossier();
    const d: Dossier = { ...base, applicant: { ...base.applicant, phone: null }, representative: { ...base.applicant, fullName: 'Lê Văn Tâm', phone: '0987654321' } };
    const { t } = setup(d);
    const r = await queueNotification(t, d, 'received', T0);
    expect(r.queued.map((q) => [q.channel, q.to])).toEqual([['sms', '0987654321']]);
    expect(r.skipped).toEqual([{ channel: 'email', reason: 'no-contact' }]);
    const bad = { ...base, applicant: { ...base.applicant, phone: '091234' } };
    expect((await queueNotification(setup(bad).t, bad, 'received', T0)).skipped[0]).toEqual({ channel: 'sms', reason: 'invalid-contact' });
  });

  it('a contact that failed permanently is not messaged again', async () => {
    const { d, t } = setup();
    const first = (await queueNotification(t, d, 'received', T0)).queued[0]!;
    const flagged = recordPermanentFailure(d, { ...first, error: { code: 'ESMS_99', message: 'blocked' } }, T0, 'gov-desk');
    const r = await queueNotification(t, flagged, 'returned', T0, { channels: ['sms'] });
    expect(r.skipped).toEqual([{ channel: 'sms', reason: 'contact-failed' }]);
  });

  it('a new supplement request or --resend is a new series', async () => {
    const { t } = setup();
    let d = (await t.dossier(sampleDossier().code))!;
    d = applyAction(d, 'supplement-requested', { at: T0, operator: 't', data: { reason: 'x' } }).dossier;
    const k1 = (await queueNotification(t, d, 'supplement-needed', T0, { channels: ['sms'] })).keys[0];
    d = applyAction(d, 'supplement-received', { at: T0, operator: 't' }).dossier;
    d = applyAction(d, 'supplement-requested', { at: T0, operator: 't', data: { reason: 'y' } }).dossier;
    const k2 = (await queueNotification(t, d, 'supplement-needed', T0, { channels: ['sms'] })).keys[0];
    expect(k1).toMatch(/:supplement-needed:e2:sms$/);
    expect(k2).toMatch(/:supplement-needed:e4:sms$/);
    const r1 = (await queueNotification(t, d, 'supplement-needed', T0, { channels: ['sms'], resend: true })).keys[0];
    const r2 = (await queueNotification(t, d, 'supplement-needed', T0, { channels: ['sms'], resend: true })).keys[0];
    expect(r1).toMatch(/:e4-r1:sms$/);
    expect(r2).toMatch(/:e4-r2:sms$/);
  });
});

describe('claim, complete, recover', () => {
  it('claims created messages with a lease and freezes their content', async () => {
    const { d, t } = setup();
    await queueNotification(t, d, 'received', T0);
    const { claims } = await claimBatch(t, opts({ limit: 1 }));
    expect(claims).toHaveLength(1);
    const rec = (await notifyRecords(t))[0]!;
    expect(rec).toMatchObject({ status: 'sending', attempts: 1, provider: 'esms', lease: { owner: 'A' }, sms: SMS_TEXT.sms, cost: 850 });
    // the lease holds: nobody else takes it
    expect((await claimBatch(t, opts({ owner: 'B', now: later(30_000) }))).claims.map((c) => c.record.channel)).toEqual(['email']);
  });

  it('skips channels without a working provider, and other keys', async () => {
    const { d, t } = setup();
    await queueNotification(t, d, 'received', T0);
    expect((await claimBatch(t, opts({ providers: { email: SMTP } }))).claims.map((c) => c.record.channel)).toEqual(['email']);
    const { t: t2 } = setup();
    const keys = (await queueNotification(t2, d, 'received', T0)).keys;
    expect((await claimBatch(t2, opts({ keys: [keys[1]!] }))).claims.map((c) => c.record.key)).toEqual([keys[1]]);
  });

  it('a message whose values are missing fails alone, without retry', async () => {
    const { d, t } = setup();
    await queueNotification(t, d, 'received', T0);
    const r = await claimBatch(t, opts({ render: () => { throw usageError('TEMPLATE_VALUE_MISSING', { vi: 'x', en: 'x' }); } }));
    expect(r.claims).toEqual([]);
    expect(r.failed.map((f) => [f.status, f.retry, f.error?.code])).toEqual([['technical-failure', false, 'TEMPLATE_VALUE_MISSING'], ['technical-failure', false, 'TEMPLATE_VALUE_MISSING']]);
  });

  it('retries technical failures with backoff, up to the cap', async () => {
    const { d, t } = setup();
    await queueNotification(t, d, 'received', T0, { channels: ['sms'] });
    let now = T0;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [c] = (await claimBatch(t, opts({ now }))).claims;
      expect(c?.record.attempts).toBe(attempt);
      const tr = await completeSend(t, c!.record.id, timeout, { ...COMPLETE, now });
      expect(tr?.became).toBe('technical-failure');
      expect((await claimBatch(t, opts({ now: new Date(now.getTime() + backoffMs(attempt, 60_000, 600_000) - 1) }))).claims).toEqual([]);
      now = new Date(now.getTime() + backoffMs(attempt, 60_000, 600_000));
    }
    expect((await claimBatch(t, opts({ now: later(3_600_000) }))).claims).toEqual([]);
    expect((await notifyRecords(t))[0]).toMatchObject({ attempts: 3, nextAttemptAt: null, retry: true });
    expect((await claimBatch(t, opts({ now: later(3_600_000), retryFailed: true }))).claims).toHaveLength(1);
  });

  it('backoff doubles and is capped', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, 60_000, 600_000))).toEqual([60_000, 120_000, 240_000, 480_000, 600_000]);
  });

  it('a crashed SMS claim is recovered (the gateway refuses a repeated RequestId); a crashed e-mail is not re-sent', async () => {
    const { d, t } = setup();
    await queueNotification(t, d, 'received', T0);
    await claimBatch(t, opts()); // both claimed, then the process dies
    expect((await claimBatch(t, opts({ owner: 'B', now: later(59_000) }))).claims).toEqual([]);
    const r = await claimBatch(t, opts({ owner: 'B', now: later(61_000) }));
    expect(r.claims.map((c) => [c.record.channel, c.recovering])).toEqual([['sms', true]]);
    expect(r.uncertain.map((u) => [u.channel, u.status, u.uncertain, u.retry])).toEqual([['email', 'technical-failure', true, false]]);
    // the gateway answers 124 to the repeated RequestId: already sent
    expect((await completeSend(t, r.claims[0]!.record.id, { kind: 'duplicate', detail: '124' }, { ...COMPLETE, owner: 'B', now: later(62_000) }))?.became).toBe('delivered');
    expect((await claimBatch(t, opts({ owner: 'C', now: later(10 * 3_600_000) }))).claims).toEqual([]);
    // the operator checked with the citizen and asks for it explicitly
    expect((await claimBatch(t, opts({ owner: 'C', now: later(10 * 3_600_000), includeUncertain: true }))).claims.map((c) => c.record.channel)).toEqual(['email']);
  });

  it('an accepted SMS waits for its report; a late answer replaces "unknown"; a duplicate counts as sent', async () => {
    const { d, t } = setup();
    await queueNotification(t, d, 'received', T0);
    const [sms, email] = (await claimBatch(t, opts())).claims;
    expect(await completeSend(t, sms!.record.id, accepted, { ...COMPLETE, now: T0 })).toMatchObject({ became: 'sending', newlyAccepted: true, record: { accepted: true, providerId: 'S1' } });
    expect((await claimBatch(t, opts({ owner: 'B', now: later(30_000) }))).claims).toEqual([]);
    expect((await claimBatch(t, opts({ owner: 'B', now: later(3_600_000), retryFailed: true }))).claims).toEqual([]);
    expect(await completeSend(t, sms!.record.id, accepted, { ...COMPLETE, now: T0 })).toBeUndefined();
    expect(await completeSend(t, email!.record.id, { kind: 'duplicate', detail: 'x' }, { ...COMPLETE, now: T0 })).toMatchObject({ became: 'delivered', record: { confirmed: false } });
  });
});

describe('never twice (property)', () => {
  type Step = 'crash-before-send' | 'crash-after-send' | 'timeout-after-send' | 'ok' | 'wait';
  it('whatever crashes and timeouts happen, a gateway that de-duplicates receives each message at most once and it ends up sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<Step>('crash-before-send', 'crash-after-send', 'timeout-after-send', 'ok', 'wait'), { maxLength: 12 }), fc.boolean(), async (steps, isEmail) => {
        const { d, t } = setup();
        await queueNotification(t, d, 'received', T0, { channels: [isEmail ? 'email' : 'sms'] });
        const delivered = new Set<string>();
        let now = T0.getTime();
        const runOnce = async (step: Step | 'ok') => {
          now += 3_600_000; // leases and backoffs have expired
          const { claims } = await claimBatch(t, opts({ now: new Date(now), owner: String(now), maxAttempts: 50 }));
          for (const c of claims) {
            if (step === 'crash-before-send' || step === 'wait') return;
            let outcome: SendOutcome;
            if (delivered.has(c.record.requestId)) {
              outcome = isEmail ? accepted : { kind: 'duplicate', detail: 'dup' };
              if (isEmail) throw new Error('an e-mail was sent twice');
            } else {
              delivered.add(c.record.requestId);
              outcome = accepted;
            }
            if (step === 'crash-after-send') return;
            await completeSend(t, c.record.id, step === 'timeout-after-send' ? (isEmail ? { ...timeout, retry: false } : timeout) : outcome, { ...COMPLETE, maxAttempts: 50, owner: String(now), now: new Date(now) });
          }
        };
        for (const s of steps) await runOnce(s);
        await runOnce('ok');
        const rec = (await notifyRecords(t))[0] as NotifyRecord;
        expect(delivered.size).toBeLessThanOrEqual(1);
        if (isEmail) {
          // an e-mail whose outcome is unknown is left to the operator, never re-sent automatically
          expect(rec.accepted || rec.uncertain).toBe(true);
        } else {
          expect(rec.accepted).toBe(true);
          expect(delivered.size).toBe(1);
        }
      }),
    );
  });
});

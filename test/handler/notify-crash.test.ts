import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadNotifyConfig } from '../../src/notify/config.js';
import { claimBatch } from '../../src/notify/outbox.js';
import { queueNotification, sendPending } from '../../src/notify/queue.js';
import type { Channel, NotifyRecord } from '../../src/notify/types.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { openStore } from '../../src/store/index.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';
import { esmsEnv, type FakeEsms, startFakeEsms } from '../helpers/fake-esms.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

const T0 = new Date('2026-03-02T02:00:00Z');
const CODES = ['000.00.00.H99-260302-0001', '000.00.00.H99-260302-0002', '000.00.00.H99-260302-0003'];

let home: string;
let esms: FakeEsms;
let smtp: TestSmtp;
let now: Date;
let env: Record<string, string>;
const ctx = (over: { now?: () => Date; env?: Record<string, string> } = {}) => fakeContext({ home, now: over.now ?? (() => now), env: { ...env, ...over.env } });
const repo = () => new EmbeddedStore(home, 'test');
const records = async () => repo().outbox('notify');
const crash = () => {
  throw new Error('simulated crash: the process died here');
};

beforeAll(async () => {
  esms = await startFakeEsms();
  smtp = await startSmtp();
});
afterAll(async () => {
  await esms.close();
  await smtp.close();
});

/** A new home with the three dossiers, and the 'received' messages of `codes` (on `channels`) queued. */
async function seed(codes: readonly string[] = CODES, channels?: Channel[]): Promise<void> {
  home = tempHome();
  expect((await runInProcess(['init', '--example', '--no-input'], { home, env })).code).toBe(0);
  await (await openStore(ctx())).tx(async (t) => {
    for (const [i, code] of CODES.entries()) {
      const d = sampleDossier(code);
      const withContact = { ...d, applicant: { ...d.applicant, phone: `091234567${i}`, email: `cong.dan${i}@example.vn` } };
      await t.putDossier(withContact);
      if (codes.includes(code)) await queueNotification(t, withContact, 'received', now, channels ? { channels } : {});
    }
  });
}

beforeEach(async () => {
  now = T0;
  esms.reset();
  smtp.mails.length = 0;
  env = { GOV_DESK_LANG: 'en', ...esmsEnv(esms), GOV_DESK_SMTP_URL: smtp.url, GOV_DESK_MAIL_FROM: 'motcua@suoikiet.example.vn', GOV_DESK_NOTIFY_CENTRE: 'UBND xã Suối Kiết' };
  await seed();
});

describe('never twice', () => {
  it('two desks queueing the same event at once queue each key once; the store refuses a second entry with a key', async () => {
    const desk = (id: string) => new EmbeddedStore(home, id);
    const queueAt = (id: string) => desk(id).tx(async (t) => queueNotification(t, (await t.dossier(CODES[0]!))!, 'result-ready', now));
    const [a, b] = await Promise.all([queueAt('quay-1'), queueAt('quay-2')]);
    expect(a.keys).toEqual(b.keys);
    expect([...a.queued, ...b.queued].map((r) => r.key).sort()).toEqual([...a.keys].sort());
    expect((await records()).filter((r) => r.dossier === CODES[0] && r.event === 'result-ready')).toHaveLength(2);
    const copy = desk('quay-3').tx(async (t) => t.putOutbox({ ...(await t.outbox('notify', { keys: [a.keys[0]!] }))[0]!, id: 'n-another' }));
    await expect(copy).rejects.toMatchObject({ code: 'STORE_DUPLICATE_KEY' });
  });

  it('a crash after the gateway took an SMS: the next run gets 124 and records it as sent', async () => {
    await expect(sendPending(ctx(), { afterSend: crash })).rejects.toThrow('simulated crash');
    expect(esms.sent).toHaveLength(1);
    expect((await records()).filter((r) => r.status === 'sending')).toHaveLength(1);
    now = new Date(T0.getTime() + 10 * 60_000); // the lease has expired
    const report = await sendPending(ctx());
    expect(report.aborted).toBeNull();
    expect(esms.sent).toHaveLength(3);
    expect(new Set(esms.sent.map((s) => s.requestId)).size).toBe(3);
    expect(esms.requests).toHaveLength(4); // the recovered one was asked again and refused with 124
    expect(smtp.mails).toHaveLength(3);
    expect((await records()).every((r) => r.accepted)).toBe(true);
    const d = (await repo().getDossier(CODES[0]!))!.dossier;
    expect(d.events.filter((e) => e.type === 'notified').map((e) => e.data?.channel)).toEqual(['sms', 'email']);
  });

  it('a crash after an e-mail was handed over: it is marked uncertain, never re-sent on its own', async () => {
    let n = 0;
    const crashOnEmail = (r: NotifyRecord) => {
      if (r.channel === 'email' && ++n === 1) crash();
    };
    await expect(sendPending(ctx(), { afterSend: crashOnEmail })).rejects.toThrow('simulated crash');
    expect(smtp.mails).toHaveLength(1);
    now = new Date(T0.getTime() + 10 * 60_000);
    const report = await sendPending(ctx());
    expect(report.items.filter((i) => i.uncertain).map((i) => [i.channel, i.status, i.error?.code])).toEqual([['email', 'technical-failure', 'NOTIFY_OUTCOME_UNKNOWN']]);
    expect(smtp.mails).toHaveLength(3);
    now = new Date(T0.getTime() + 24 * 3_600_000);
    await sendPending(ctx(), { retryFailed: true });
    expect(smtp.mails).toHaveLength(3);
    // the operator checked with the citizen and sends it again on purpose
    const r = await runInProcess(['notify', '--pending', '--include-uncertain'], { home, now: () => now, env });
    expect(r.code).toBe(0);
    expect(smtp.mails).toHaveLength(4);
    expect(smtp.mails[3]!.headers['message-id']).toBe(smtp.mails[0]!.headers['message-id']);
  });

  it('a claim whose sender died before sending is recovered safely', async () => {
    await (await openStore(ctx())).tx((t) => claimBatch(t, { now, owner: 'dead', leaseMs: 60_000, limit: 10, maxAttempts: 5, providers: { sms: { name: 'esms', dedupes: true, canLookup: false } }, render: () => ({ sms: { text: 'Ho so', encoding: 'GSM-7', segments: 1, unsigned: true }, email: null, cost: 850 }) }));
    const early = await sendPending(ctx());
    expect(early.sent).toBe(3); // the e-mails; the SMS are still leased
    expect(esms.requests).toHaveLength(0);
    now = new Date(T0.getTime() + 2 * 60_000);
    await sendPending(ctx());
    expect(esms.sent.map((s) => s.content)).toEqual(['Ho so', 'Ho so', 'Ho so']);
  });

  it('two senders at the same time (cron and the desk) send each message once', async () => {
    const [a, b] = await Promise.all([sendPending(ctx()), sendPending(ctx())]);
    expect(a.sent + b.sent).toBe(6);
    expect(esms.requests).toHaveLength(3);
    expect(smtp.mails).toHaveLength(3);
  });

  it('a sender slower than its lease: the other run recovers by RequestId, nothing is sent twice', async () => {
    const live = { now: () => new Date(), env: { GOV_DESK_NOTIFY_LEASE_MS: '200', GOV_DESK_SMS_TIMEOUT_MS: '5000' } };
    await seed([CODES[0]!], ['sms']); // only the first dossier's SMS
    esms.hangNext(1200);
    const slow = sendPending(ctx(live));
    await new Promise((r) => setTimeout(r, 600));
    const fast = await sendPending(ctx(live));
    expect(fast.items.map((i) => i.status)).toEqual(['delivered']); // 124: the gateway already has it
    const s = await slow;
    expect(s.items).toHaveLength(1);
    expect(esms.sent).toHaveLength(1);
    expect((await records())[0]).toMatchObject({ accepted: true });
  });

  it('file provider: a crash after writing is recovered by finding the RequestId in the file', async () => {
    const fileEnv = { GOV_DESK_SMS_PROVIDER: 'file' };
    await seed(CODES, ['sms']); // SMS only
    await expect(sendPending(ctx({ env: fileEnv }), { afterSend: crash })).rejects.toThrow('simulated crash');
    now = new Date(T0.getTime() + 10 * 60_000);
    const report = await sendPending(ctx({ env: fileEnv }));
    expect(report.sent).toBe(3);
    const dir = path.join(home, 'notify', 'outgoing');
    const files = readdirSync(dir);
    expect(files).toEqual(['sms-2026-03-02.csv']);
    const text = readFileSync(path.join(dir, files[0]!), 'utf8');
    expect(text.startsWith('\uFEFFrequest_id,dossier,phone,segments,text,written_at\r\n')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^gd[0-9a-f]{40},000\.00\.00\.H99-260302-0001,="0912345670",2,"UBND xa Suoi Kiet: Ho so/);
    const cfg = await loadNotifyConfig(ctx({ env: fileEnv }));
    expect(cfg.channels).toEqual(['sms', 'email']);
  });
});

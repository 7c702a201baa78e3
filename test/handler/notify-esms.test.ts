import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { queueNotification } from '../../src/notify/queue.js';
import type { NotifyRecord } from '../../src/notify/types.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';
import { esmsEnv, type FakeEsms, startFakeEsms } from '../helpers/fake-esms.js';

const T0 = new Date('2026-03-02T02:00:00Z');
const C1 = '000.00.00.H99-260302-0001';
const C2 = '000.00.00.H99-260302-0002';

let home: string;
let esms: FakeEsms;
let now: Date;
let env: Record<string, string>;
const run = (args: string[], extra: Record<string, string> = {}) => runInProcess(args, { home, now: () => now, env: { ...env, ...extra } });
const repo = () => new EmbeddedStore(home, 'test');
const records = async () => repo().outbox('notify');
const minutes = (n: number) => (now = new Date(now.getTime() + n * 60_000));

beforeAll(async () => {
  esms = await startFakeEsms();
});
afterAll(async () => {
  await esms.close();
});

async function addDossiers(...list: Dossier[]) {
  await repo().tx(async (t) => {
    for (const d of list) await t.putDossier(d);
  });
}

async function queue(code: string, event: 'received' | 'returned' = 'received') {
  await new EmbeddedStore(home, 'quay-1').tx(async (t) => queueNotification(t, (await t.dossier(code))!, event, now, { channels: ['sms'] }));
}

beforeEach(async () => {
  home = tempHome();
  now = T0;
  esms.reset();
  env = { GOV_DESK_LANG: 'en', ...esmsEnv(esms), GOV_DESK_NOTIFY_CENTRE: 'UBND xã Suối Kiết' };
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
  await addDossiers(sampleDossier(C1), { ...sampleDossier(C2), applicant: { ...sampleDossier().applicant, fullName: 'Trần Thị Lan', phone: '0987654321' } });
});

describe('eSMS over plain http (issue 13 point 13)', () => {
  it('http:// to a host other than this computer is refused before the keys leave: nothing sent, the message waits', async () => {
    // 0.0.0.0 reaches the fake gateway on this machine but is not a loopback name: it stands for any remote host
    await queue(C1);
    const r = await run(['notify', '--pending'], { GOV_DESK_ESMS_BASE_URL: esms.url.replace('127.0.0.1', '0.0.0.0') });
    expect(esms.requests).toHaveLength(0);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('must use https://');
    expect(r.stdout + r.stderr).not.toContain('test-secret-key');
    expect((await records()).map((x) => x.status)).toEqual(['created']);
    expect((await run(['notify', '--pending'])).code).toBe(0); // loopback over http stays allowed (training, tests)
    expect(esms.sent).toHaveLength(1);
  });
});

describe('eSMS gateway answers', () => {
  it('103 (balance too low) stops the batch; the messages go out later, once', async () => {
    await queue(C1);
    await queue(C2);
    esms.setBalance(0);
    const r = await run(['notify', '--pending', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { send: { aborted: { code: string }; items: { status: string; retryAt: string | null }[] } };
    expect(out.send.aborted.code).toBe('ESMS_103');
    expect(esms.requests).toHaveLength(1);
    expect((await records()).map((x) => x.status)).toEqual(['technical-failure', 'created']);
    esms.setBalance(100_000);
    minutes(0.5);
    expect((await run(['notify', '--pending'])).code).toBe(0);
    expect((await records()).map((x) => x.status)).toEqual(['technical-failure', 'sending']); // backoff not over for the first
    minutes(2);
    expect((await run(['notify', '--pending'])).code).toBe(0);
    expect((await records()).map((x) => x.status)).toEqual(['sending', 'sending']);
    expect(esms.sent.map((s) => s.phone).sort()).toEqual(['0912345678', '0987654321']);
    minutes(60);
    await run(['notify', '--pending']);
    expect(esms.sent).toHaveLength(2);
  });

  it('101 (wrong keys) is reported clearly and the message stays queued for a retry', async () => {
    await queue(C1);
    const r = await run(['notify', '--pending'], { GOV_DESK_ESMS_API_KEY: 'wrong' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Wrong eSMS ApiKey or SecretKey (eSMS 101)');
    expect(r.stdout).not.toContain('wrong');
    expect((await records())[0]).toMatchObject({ status: 'technical-failure', retry: true, error: { code: 'ESMS_101' } });
  });

  it('99 (number blocked) is a permanent failure: the contact is flagged and not messaged again', async () => {
    await queue(C1);
    esms.failNext('99');
    expect((await run(['notify', '--pending'])).code).toBe(0);
    expect((await records())[0]).toMatchObject({ status: 'permanent-failure', retry: false });
    const d = (await repo().getDossier(C1))!.dossier;
    expect(d.events.at(-1)).toMatchObject({ type: 'notified', data: { status: 'permanent-failure', contact: 'phone', to: '0912345678', code: 'ESMS_99' } });
    const show = await run(['show', C1]);
    expect(show.stdout).toMatch(/Contact failed:\s+SMS to 0912\*\*\*678 could not be delivered \(ESMS_99\)/);
    const again = await run(['notify', C1, '--event', 'returned', '--channel', 'sms', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ skipped: [{ channel: 'sms', reason: 'contact-failed' }], results: [] });
    expect(esms.requests).toHaveLength(1);
  });

  it('146 (content not registered) is not retried', async () => {
    await queue(C1);
    esms.failNext('146');
    const r = await run(['notify', '--pending']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('does not match a registered customer-care template (eSMS 146)');
    minutes(600);
    await run(['notify', '--pending']);
    expect(esms.requests).toHaveLength(1);
    expect((await records())[0]).toMatchObject({ status: 'technical-failure', retry: false, error: { code: 'ESMS_146' } });
  });

  it('a timeout after the gateway took the message: the retry gets 124 and nothing is sent twice', async () => {
    esms.hangNext(1500);
    const r = await run(['notify', C1, '--event', 'received', '--channel', 'sms', '--json'], { GOV_DESK_SMS_TIMEOUT_MS: '300' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ status: 'technical-failure', uncertain: true, error: { code: 'ESMS_TIMEOUT' } });
    expect(esms.sent).toHaveLength(1);
    minutes(2);
    expect((await run(['notify', '--pending'])).code).toBe(0);
    expect(esms.requests.map((q) => q.RequestId)).toEqual([esms.sent[0]!.requestId, esms.sent[0]!.requestId]);
    expect(esms.sent).toHaveLength(1);
    expect((await records())[0]).toMatchObject({ status: 'delivered', accepted: true, confirmed: false });
    expect((await repo().getDossier(C1))!.dossier.events.filter((e) => e.type === 'notified')).toHaveLength(1);
  });

  it('sandbox mode validates without sending', async () => {
    const r = await run(['notify', C1, '--event', 'received', '--channel', 'sms'], { GOV_DESK_ESMS_SANDBOX: '1' });
    expect(r.code).toBe(0);
    expect(esms.requests[0]).toMatchObject({ Sandbox: '1' });
    expect(esms.sent).toHaveLength(0);
    expect((await records())[0]).toMatchObject({ status: 'delivered', confirmed: false });
  });
});

describe('delivery statuses (notify --poll)', () => {
  it('polls by SMSID: delivered, failed, still waiting', async () => {
    await queue(C1);
    await queue(C2);
    await run(['notify', '--pending']);
    const [a, b] = esms.sent;
    esms.setStatus(a!.smsid, { SendStatus: 5, SendSuccess: 1, SendFailed: 0 });
    let r = await run(['notify', '--poll', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).poll).toMatchObject({ checked: 2, delivered: 1, failed: 0, pending: 1 });
    const recs = await records();
    expect(recs.find((x) => x.providerId === a!.smsid)).toMatchObject({ status: 'delivered', confirmed: true, cost: 850 });
    expect(recs.find((x) => x.providerId === b!.smsid)).toMatchObject({ status: 'sending' });
    esms.setStatus(b!.smsid, { SendStatus: 5, SendSuccess: 0, SendFailed: 1 });
    r = await run(['notify', '--poll']);
    expect(r.stdout).toContain('Statuses checked: 1 · delivered: 0 · failed: 1');
    expect((await records()).find((x) => x.providerId === b!.smsid)).toMatchObject({ status: 'temporary-failure' });
    expect(esms.statusRequests).toEqual([a!.smsid, b!.smsid, b!.smsid]);
  });

  it('does not poll after the 7 days the gateway keeps statuses', async () => {
    await queue(C1);
    await run(['notify', '--pending']);
    minutes(8 * 24 * 60);
    const r = await run(['notify', '--poll', '--json']);
    expect(JSON.parse(r.stdout).poll).toMatchObject({ checked: 0 });
    expect(esms.statusRequests).toEqual([]);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queueNotification } from '../../src/notify/queue.js';
import type { NotifyRecord } from '../../src/notify/types.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';
import { esmsEnv, type FakeEsms, startFakeEsms } from '../helpers/fake-esms.js';

// The error of a notification shown in the UI language (issue 12); the record keeps its code and
// English text for JSON. Fictitious applicant (test/helpers/dossier.ts).
const T0 = new Date('2026-03-02T02:00:00Z');
const C1 = '000.00.00.H99-260302-0001';

let home: string;
let esms: FakeEsms;
const run = (args: string[], lang: 'vi' | 'en' = 'vi') => runInProcess(args, { home, now: () => T0, env: { ...esmsEnv(esms), GOV_DESK_NOTIFY_CENTRE: 'UBND xã Suối Kiết', GOV_DESK_LANG: lang } });
const repo = () => new EmbeddedStore(home, 'test');
const records = async () => repo().outbox('notify');

beforeAll(async () => {
  esms = await startFakeEsms();
});
afterAll(async () => {
  await esms.close();
});
beforeEach(async () => {
  home = tempHome();
  esms.reset();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
  await new EmbeddedStore(home, 'quay-1').tx(async (t) => {
    const d = sampleDossier(C1);
    await t.putDossier(d);
    await queueNotification(t, d, 'received', T0, { channels: ['sms'] });
  });
});

describe('notification errors in the UI language', () => {
  it('a refusal by the gateway (eSMS 146): Vietnamese words in a Vietnamese run, the code and English text stored', async () => {
    esms.failNext('146');
    const r = await run(['notify', '--pending']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ESMS_146: Nội dung không khớp mẫu CSKH đã đăng ký với nhà mạng (eSMS 146)');
    expect(r.stdout).not.toMatch(/does not match a registered/);
    expect((await records())[0]?.error).toMatchObject({ code: 'ESMS_146', message: expect.stringContaining('does not match a registered') });
  });

  it('a delivery report that says the operator could not deliver it: Vietnamese in the poll report', async () => {
    expect((await run(['notify', '--pending'])).code).toBe(0);
    esms.setStatus(esms.sent[0]!.smsid, { SendStatus: 5, SendSuccess: 0, SendFailed: 1 });
    const vi = await run(['notify', '--poll']);
    expect(vi.stdout).toContain('STATUS_TEMPORARY_FAILURE: eSMS SendStatus 5: nhà mạng không chuyển được tin');
    expect(vi.stdout).not.toMatch(/could not deliver/);
  });
});

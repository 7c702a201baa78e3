/**
 * The built CLI, spawned as a user runs it, against a fake eSMS gateway and a real SMTP server on
 * loopback (needs `npm run build`).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempHome } from '../helpers/context.js';
import { esmsEnv, type FakeEsms, startFakeEsms } from '../helpers/fake-esms.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

const APPLICANT = ['--name', 'Phạm Thị Thu', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--email', 'thu.pham@example.vn', '--address', 'Thôn 2, xã Suối Kiết'];

let esms: FakeEsms;
let smtp: TestSmtp;
let home: string;
let env: Record<string, string>;
const cli = (args: string[], extra: Record<string, string> = {}, timeoutMs?: number) => runCli(args, { home, env: { ...env, ...extra }, ...(timeoutMs ? { timeoutMs } : {}) });

beforeAll(async () => {
  esms = await startFakeEsms();
  smtp = await startSmtp({ user: 'motcua', pass: 'mat-khau' });
});
afterAll(async () => {
  await esms.close();
  await smtp.close();
});

beforeEach(async () => {
  home = tempHome();
  esms.reset();
  smtp.mails.length = 0;
  env = { ...esmsEnv(esms), GOV_DESK_SMTP_URL: smtp.url, GOV_DESK_MAIL_FROM: 'motcua@suoikiet.example.vn', GOV_DESK_OPERATOR: 'Lê Văn Nam' };
  expect((await cli(['init', '--example', '--no-input'])).code).toBe(0);
});

async function receive(): Promise<string> {
  const r = await cli(['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--no-input', '--json']);
  expect(r.code).toBe(0);
  return String((JSON.parse(r.stdout) as { dossier: { code: string } }).dossier.code);
}

describe('gov-desk notify (spawned)', () => {
  it('a received dossier produces exactly one SMS and one e-mail, whatever is run again', async () => {
    const code = await receive();
    const r = await cli(['notify', code, '--event', 'received', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 1, dossier: code, results: [{ channel: 'sms', status: 'sending' }, { channel: 'email', status: 'delivered' }] });
    for (const again of [['notify', code, '--event', 'received'], ['notify', '--pending'], ['notify', '--pending', '--retry-failed']]) {
      expect((await cli(again)).code).toBe(0);
    }
    expect(esms.sent).toHaveLength(1);
    expect(esms.sent[0]!.content).toContain(`Ho so ${code} (Thu tuc dang ky khai sinh) da duoc tiep nhan.`);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.subject).toBe(`Hồ sơ ${code} đã được tiếp nhận`);
    expect(smtp.mails[0]!.text).toContain('Kính gửi Ông/Bà Phạm Thị Thu,');
    expect(smtp.mails[0]!.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);

    esms.setStatus(esms.sent[0]!.smsid, { SendStatus: 5, SendSuccess: 1, SendFailed: 0 });
    const poll = await cli(['notify', '--poll', '--list', '--json']);
    expect(poll.code).toBe(0);
    expect(JSON.parse(poll.stdout)).toMatchObject({ poll: { delivered: 1 }, outbox: { counts: { total: 2, byStatus: { delivered: 2 } } } });
  });

  it('a process killed while the gateway holds its request: the next run sends nothing twice', async () => {
    const code = await receive();
    esms.hangNext(30_000);
    const killed = await cli(['notify', code, '--event', 'received', '--channel', 'sms'], { GOV_DESK_NOTIFY_LEASE_MS: '500' }, 4000);
    expect(killed.signal).toBe('SIGKILL');
    expect(esms.sent).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 700)); // the dead process's lease runs out
    const r = await cli(['notify', '--pending', '--json'], { GOV_DESK_NOTIFY_LEASE_MS: '500' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).send.items).toMatchObject([{ channel: 'sms', status: 'delivered' }]);
    expect(esms.requests.map((q) => q.RequestId)).toEqual([esms.sent[0]!.requestId, esms.sent[0]!.requestId]);
    expect(esms.sent).toHaveLength(1);
    const show = JSON.parse((await cli(['show', code, '--json'])).stdout) as { dossier: { events: { type: string; data?: { channel?: string } }[] } };
    expect(show.dossier.events.filter((e) => e.type === 'notified').map((e) => e.data?.channel)).toEqual(['sms']);
  });

  it('--help lists the command in Vietnamese by default', async () => {
    const r = await runCli(['notify', '--help'], { home, env: { GOV_DESK_LANG: 'vi' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('chỉ xem nội dung, số phần tin và chi phí ước tính');
    expect(r.stdout).toContain('gov-desk notify --pending --json');
  });
});

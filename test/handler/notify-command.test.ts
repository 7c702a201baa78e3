import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notifyHandler } from '../../src/commands/notify/handler.js';
import { templatesHandler } from '../../src/commands/notify/templates.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';
import { esmsEnv, type FakeEsms, startFakeEsms } from '../helpers/fake-esms.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const CODE = '000.00.00.H99-260302-0001';
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--email', 'huong.nguyen@example.vn', '--address', 'Thôn 1, xã Suối Kiết'];

let home: string;
let esms: FakeEsms;
let smtp: TestSmtp;
let env: Record<string, string>;
const run = (args: string[], extra: Record<string, string> = {}) => runInProcess(args, { home, now: () => NOW, env: { ...env, ...extra } });
const ctx = () => fakeContext({ home, now: () => NOW, env });
const outbox = async () => new EmbeddedStore(home, 'test').outbox('notify');
const events = async () => (await new EmbeddedStore(home, 'test').getDossier(CODE))!.dossier.events;

beforeAll(async () => {
  esms = await startFakeEsms();
  smtp = await startSmtp({ user: 'motcua', pass: 'mat-khau-thu' });
});
afterAll(async () => {
  await esms.close();
  await smtp.close();
});

async function intake(extra: string[] = []) {
  const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--no-input', '--json', ...extra]);
  expect(r.code).toBe(0);
}

beforeEach(async () => {
  home = tempHome();
  esms.reset();
  smtp.mails.length = 0;
  env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức', ...esmsEnv(esms), GOV_DESK_SMTP_URL: smtp.url, GOV_DESK_MAIL_FROM: 'motcua@suoikiet.example.vn' };
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

describe('notify CODE --event received', () => {
  it('sends exactly one SMS and one e-mail with the right content, and never again', async () => {
    await intake();
    const r = await run(['notify', CODE, '--event', 'received', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { schemaVersion: number; results: { channel: string; status: string }[] };
    expect(out.schemaVersion).toBe(1);
    expect(out.results.map((x) => [x.channel, x.status])).toEqual([['sms', 'sending'], ['email', 'delivered']]);

    expect(esms.sent).toHaveLength(1);
    const sms = esms.sent[0]!;
    expect(sms).toMatchObject({ phone: '0912345678', isUnicode: '0', brandname: 'UBND-XA' });
    expect(sms.content).toBe('Trung tam Phuc vu hanh chinh cong xa Suoi Kiet: Ho so 000.00.00.H99-260302-0001 (Thu tuc dang ky khai sinh) da duoc tiep nhan. Hen tra ket qua: 03/03/2026 09:00, nhan tai Trung tam. Theo doi: dichvucong.gov.vn');
    expect(sms.requestId.length).toBeLessThanOrEqual(50);
    expect(esms.requests[0]).toMatchObject({ SmsType: '2', Sandbox: '0', ApiKey: 'test-api-key' });

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['huong.nguyen@example.vn']);
    expect(mail.from).toBe('motcua@suoikiet.example.vn');
    expect(mail.subject).toBe('Hồ sơ 000.00.00.H99-260302-0001 đã được tiếp nhận');
    expect(mail.text).toContain('Kính gửi Ông/Bà Nguyễn Thị Hường,');
    expect(mail.text).toContain('Thời gian hẹn trả kết quả: 03/03/2026 09:00.');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.contentType).toBe('application/pdf');
    expect(mail.attachments[0]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const notified = (await events()).filter((e) => e.type === 'notified');
    expect(notified.map((e) => [e.data?.channel, e.data?.status, e.operator])).toEqual([['sms', 'sent', 'Trần Văn Đức'], ['email', 'sent', 'Trần Văn Đức']]);

    // a re-run and the queue runner send nothing more
    expect((await run(['notify', CODE, '--event', 'received'])).code).toBe(0);
    expect((await run(['notify', '--pending'])).code).toBe(0);
    expect(esms.sent).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    expect(await outbox()).toHaveLength(2);
  });

  it('--dry-run shows the text, segments and cost, and writes nothing', async () => {
    await intake();
    const before = await outbox();
    const r = await run(['notify', CODE, '--event', 'received', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SMS → 0912***678 [received]');
    expect(r.stdout).toContain('GSM-7, 209 characters, 2 segments, unsigned · estimated 1,700 VND (example price');
    expect(r.stdout).toContain('Subject: Hồ sơ 000.00.00.H99-260302-0001 đã được tiếp nhận');
    const j = JSON.parse((await run(['notify', CODE, '--event', 'received', '--dry-run', '--json'])).stdout) as { messages: { sms: { segments: number; cost: number; priceIsExample: boolean } | null }[] };
    expect(j.messages[0]!.sms).toMatchObject({ segments: 2, cost: 1700, priceIsExample: true });
    expect(await outbox()).toEqual(before);
    expect(esms.requests).toHaveLength(0);
    expect(smtp.mails).toHaveLength(0);
  });

  it('shows segments and cost before sending (stderr)', async () => {
    await intake();
    const r = await run(['notify', CODE, '--event', 'received', '--channel', 'sms']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2 segments, unsigned · estimated 1,700 VND');
    expect(r.stdout).toContain('SMS   000.00.00.H99-260302-0001 received → 0912***678: sent, waiting for the report');
    expect(smtp.mails).toHaveLength(0);
  });

  it('a citizen who declined is not messaged; the refusal is recorded', async () => {
    await intake(['--no-notify']);
    const r = await run(['notify', CODE, '--event', 'received', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ declined: true, results: [], skipped: [{ reason: 'declined' }] });
    expect(esms.requests).toHaveLength(0);
    expect(smtp.mails).toHaveLength(0);
    expect((await events()).at(-1)).toMatchObject({ type: 'notified', data: { skipped: 'declined', event: 'received' } });
  });
});

describe('notify: usage errors (exit 2, before anything is sent)', () => {
  it.each([
    [['notify'], {}, 'NOTIFY_WHAT'],
    [['notify', CODE], {}, 'NOTIFY_EVENT_REQUIRED'],
    [['notify', CODE], { event: 'recieved' }, 'NOTIFY_EVENT_UNKNOWN'],
    [['notify', '000.00.00.H99-260302-0099'], { event: 'received' }, 'DOSSIER_UNKNOWN'],
    [['notify', CODE], { event: 'late' }, 'TEMPLATE_VALUE_MISSING'],
    [['notify', CODE], { event: 'received', var: ['tracking'] }, 'USAGE'],
  ])('%j %j → %s', async (argv, opts, code) => {
    await intake();
    await expect(notifyHandler(ctx(), { args: argv.slice(1), opts })).rejects.toMatchObject({ code, kind: 'usage' });
    expect(esms.requests).toHaveLength(0);
  });

  it('a channel that is not configured', async () => {
    await intake();
    const c = fakeContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en' } });
    await expect(notifyHandler(c, { args: [CODE], opts: { event: 'received' } })).rejects.toMatchObject({ code: 'NOTIFY_CHANNEL_DISABLED' });
    const r = await runInProcess(['notify', CODE, '--event', 'received'], { home, now: () => NOW, env: { GOV_DESK_LANG: 'en' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GOV_DESK_SMS_PROVIDER');
  });

  it('a secret file readable by others is refused', async () => {
    mkdirSync(path.join(home, 'secrets'), { recursive: true });
    writeFileSync(path.join(home, 'secrets', 'notify.json'), JSON.stringify({ esms: { apiKey: 'K-FROM-FILE' } }), { mode: 0o644 });
    await intake();
    await expect(notifyHandler(ctx(), { args: [], opts: { pending: true } })).rejects.toMatchObject({ code: 'NOTIFY_SECRETS_MODE' });
  });

  it('an owner-only secret file supplies the credentials (never printed)', async () => {
    mkdirSync(path.join(home, 'secrets'), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(home, 'secrets', 'notify.json'), JSON.stringify({ esms: { apiKey: 'test-api-key', secretKey: 'test-secret-key' }, smtp: { user: 'motcua', pass: 'mat-khau-thu' } }), { mode: 0o600 });
    await intake();
    const { GOV_DESK_ESMS_API_KEY: _a, GOV_DESK_ESMS_SECRET_KEY: _s, ...rest } = env;
    const r = await run(['notify', CODE, '--event', 'received', '--json'], { ...rest, GOV_DESK_SMTP_URL: smtp.url.replace('motcua:mat-khau-thu@', '') });
    env = rest;
    expect(r.code).toBe(0);
    expect(esms.sent).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    expect(r.stdout + r.stderr).not.toContain('test-secret-key');
    expect(r.stdout + r.stderr).not.toContain('mat-khau-thu');
    const shown = await run(['notify', '--config', '--json'], { GOV_DESK_SMTP_URL: smtp.url });
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout).config).toMatchObject({ channels: ['sms', 'email'], sms: { provider: 'esms', esms: { apiKey: '***', secretKey: '***' } }, email: { pass: '***' } });
    for (const secret of ['test-api-key', 'test-secret-key', 'mat-khau-thu']) expect(shown.stdout).not.toContain(secret);
  });
});

describe('notify templates', () => {
  it('lists the templates and previews one for a dossier', async () => {
    await intake();
    const list = await run(['notify', 'templates', '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { templates: { id: string }[] }).templates.map((x) => x.id)).toEqual(['received', 'supplement-needed', 'result-ready', 'result-ready-post', 'late', 'returned']);
    const p = await run(['notify', 'templates', '--preview', 'received', '--code', CODE, '--message-lang', 'en']);
    expect(p.code).toBe(0);
    expect(p.stdout).toContain('Trung tam Phuc vu hanh chinh cong xa Suoi Kiet: dossier 000.00.00.H99-260302-0001 (Thu tuc dang ky khai sinh) has been received. Result due: 03/03/2026 09:00, collected at the centre. Follow it at dichvucong.gov.vn');
    await expect(templatesHandler(ctx(), { args: [], opts: { preview: 'received' } })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('uses the commune file; a message not matching its registered text is stopped before sending', async () => {
    await intake();
    const file = path.join(home, 'notify-templates.json');
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, templates: { received: { sms: { vi: 'UBND xã: hồ sơ {code} đã tiếp nhận, hẹn {dueDate}.' }, registered: { vi: 'UBND xa: ho so {P1} da tiep nhan luc {P2}.' } } } }));
    await expect(notifyHandler(ctx(), { args: [CODE], opts: { event: 'received', channel: 'sms' } })).rejects.toMatchObject({ code: 'SMS_TEMPLATE_MISMATCH' });
    expect(esms.requests).toHaveLength(0);
    writeFileSync(file, JSON.stringify({ templates: { received: { sms: { vi: 'UBND xã: hồ sơ {code} đã tiếp nhận, hẹn {dueDate}.' }, registered: { vi: 'UBND xa: ho so {P1} da tiep nhan, hen {P2}.' } } } }));
    expect((await run(['notify', CODE, '--event', 'received', '--channel', 'sms'])).code).toBe(0);
    expect(esms.sent[0]!.content).toBe('UBND xa: ho so 000.00.00.H99-260302-0001 da tiep nhan, hen 03/03/2026 09:00.');
    writeFileSync(file, JSON.stringify({ templates: { received: { sms: { vi: 'Hồ sơ {maHoSo}' } } } }));
    await expect(templatesHandler(ctx(), { args: [], opts: {} })).rejects.toMatchObject({ code: 'NOTIFY_TEMPLATES_INVALID', vars: { file, field: 'templates.received.sms.vi' } });
  });
});

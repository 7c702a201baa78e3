import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { NotifyRecord } from '../../src/notify/types.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

const T0 = new Date('2026-03-02T02:00:00Z');
const CODE = '000.00.00.H99-260302-0001';

let home: string;
let smtp: TestSmtp;
let gateway: http.Server;
let gatewayUrl: string;
const hits: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let gatewayReply: { status: number; body: unknown } = { status: 200, body: { status: 'ok', id: 'G-1' } };
let env: Record<string, string>;
const run = (args: string[], extra: Record<string, string> = {}) => runInProcess(args, { home, now: () => T0, env: { ...env, ...extra } });
const repo = () => new EmbeddedStore(home, 'test');
const records = async () => repo().outbox('notify');

beforeAll(async () => {
  smtp = await startSmtp({ user: 'motcua', pass: 'dung' });
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hits.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(gatewayReply.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(gatewayReply.body));
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await smtp.close();
  await new Promise<void>((r) => gateway.close(() => r()));
});

beforeEach(async () => {
  home = tempHome();
  smtp.mails.length = 0;
  smtp.rejectRecipients.clear();
  hits.length = 0;
  gatewayReply = { status: 200, body: { status: 'ok', id: 'G-1' } };
  env = { GOV_DESK_LANG: 'en', GOV_DESK_SMTP_URL: smtp.url, GOV_DESK_MAIL_FROM: 'motcua@suoikiet.example.vn' };
  expect((await runInProcess(['init', '--example', '--no-input'], { home, env })).code).toBe(0);
  const d = sampleDossier(CODE);
  await repo().tx(async (t) => {
    await t.putDossier({ ...d, applicant: { ...d.applicant, email: 'huong.nguyen@example.vn' } });
  });
});

describe('e-mail (SMTP)', () => {
  it('an address the server refuses (550) is a permanent failure that flags the contact', async () => {
    smtp.rejectRecipients.add('huong.nguyen@example.vn');
    const r = await run(['notify', CODE, '--event', 'received', '--channel', 'email', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ status: 'permanent-failure', error: { code: 'SMTP_550' } });
    expect(smtp.mails).toHaveLength(0);
    const show = await run(['show', CODE]);
    expect(show.stdout).toContain('E-mail to h**********n@example.vn could not be delivered (SMTP_550)'); // masked like the phone (issue 18)
  });

  it('a wrong password stops the run; the message waits for a retry', async () => {
    const r = await run(['notify', CODE, '--event', 'received', '--channel', 'email'], { GOV_DESK_SMTP_URL: `smtp://motcua:sai@127.0.0.1:${smtp.port}` });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('The mail server refused the user name or password.');
    expect(r.stdout + r.stderr).not.toContain('sai@');
    expect((await records())[0]).toMatchObject({ status: 'technical-failure', retry: true, uncertain: false });
  });

  it('smtp:// with a password to a host other than this computer requires STARTTLS: a server without it never sees the password', async () => {
    const auths = smtp.authAttempts;
    const r = await run(['notify', CODE, '--event', 'received', '--channel', 'email', '--json'], { GOV_DESK_SMTP_URL: `smtp://motcua:dung@0.0.0.0:${smtp.port}` });
    expect(r.code).toBe(1);
    expect(smtp.mails).toHaveLength(0);
    expect(smtp.authAttempts).toBe(auths);
    expect(r.stdout + r.stderr).not.toContain('dung');
  });

  it('a closed (archived) dossier gets its notified event in the archive', async () => {
    await repo().tx(async (t) => {
      let d = (await t.dossier(CODE))!;
      d = applyAction(d, 'result-recorded', { at: T0, operator: 't' }).dossier;
      d = applyAction(d, 'result-returned', { at: T0, operator: 't' }).dossier;
      await t.putDossier(d);
    });
    expect((await repo().getDossier(CODE))!.archived).toBe(true);
    const r = await run(['notify', CODE, '--event', 'returned', '--channel', 'email']);
    expect(r.code).toBe(0);
    expect(smtp.mails[0]!.subject).toBe('Hồ sơ 000.00.00.H99-260302-0001 đã được trả kết quả');
    const found = (await repo().getDossier(CODE))!;
    expect(found.archived).toBe(true);
    expect(found.dossier.events.at(-1)).toMatchObject({ type: 'notified', data: { event: 'returned', channel: 'email', status: 'sent' } });
    expect((await repo().openDossiers()).map((d) => d.code)).not.toContain(CODE);
  });
});

describe('generic HTTP provider', () => {
  const httpEnv = () => ({
    GOV_DESK_SMS_PROVIDER: 'http',
    GOV_DESK_SMS_HTTP_URL: `${gatewayUrl}/send?ref={requestId}`,
    GOV_DESK_SMS_HTTP_HEADERS: JSON.stringify({ Authorization: 'Bearer {token}' }),
    GOV_DESK_SMS_HTTP_BODY: '{"to":"{phoneIntl}","message":"{text}","unicode":{unicode}}',
    GOV_DESK_SMS_HTTP_SUCCESS_PATH: 'status',
    GOV_DESK_SMS_HTTP_SUCCESS_EQUALS: 'ok',
    GOV_DESK_SMS_HTTP_ID_PATH: 'id',
    GOV_DESK_SMS_HTTP_TOKEN: 'tok-123',
  });

  it('sends with the configured request and judges the reply by the success rule', async () => {
    const r = await run(['notify', CODE, '--event', 'result-ready', '--channel', 'sms', '--var', 'tracking=x'], httpEnv());
    expect(r.code).toBe(0);
    expect(hits).toHaveLength(1);
    const hit = hits[0]!;
    expect(hit.url).toMatch(/^\/send\?ref=gd[0-9a-f]{40}$/);
    expect(hit.headers.authorization).toBe('Bearer tok-123');
    expect(JSON.parse(hit.body)).toEqual({ to: '84912345678', message: expect.stringContaining('Ho so 000.00.00.H99-260302-0001 da co ket qua.'), unicode: 0 });
    expect((await records())[0]).toMatchObject({ status: 'delivered', providerId: 'G-1', provider: 'http' });
  });

  it('http:// to a host other than this computer is refused before the bearer token leaves (issue 13 point 13)', async () => {
    const remote = { ...httpEnv(), GOV_DESK_SMS_HTTP_URL: `${gatewayUrl.replace('127.0.0.1', '0.0.0.0')}/send?ref={requestId}` };
    const r = await run(['notify', CODE, '--event', 'received', '--channel', 'sms'], remote);
    expect(hits).toHaveLength(0);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('must use https://');
    expect(r.stdout + r.stderr).not.toContain('tok-123');
    const { httpRequest } = await import('../../src/notify/providers/http-client.js');
    await expect(httpRequest({ method: 'POST', url: `${gatewayUrl.replace('127.0.0.1', '0.0.0.0')}/send`, body: 'x', timeoutMs: 1000 })).rejects.toMatchObject({ code: 'EINSECURE_URL' });
    expect(hits).toHaveLength(0);
  });

  it('a refusal by the rule is a technical failure with the field shown', async () => {
    gatewayReply = { status: 200, body: { status: 'error', id: null } };
    const r = await run(['notify', CODE, '--event', 'received', '--channel', 'sms'], httpEnv());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('The SMS gateway refused it: status = "error".');
    expect(r.stdout).not.toContain('tok-123');
  });

  it('the hard cap on segments is checked before anything is sent', async () => {
    const r = await runInProcess(['notify', CODE, '--event', 'received', '--channel', 'sms'], { home, now: () => T0, env: { ...env, ...httpEnv(), GOV_DESK_SMS_MAX_SEGMENTS: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('takes 2 segments (at most 1)');
    expect(hits).toHaveLength(0);
    expect(await records()).toEqual([]);
  });
});

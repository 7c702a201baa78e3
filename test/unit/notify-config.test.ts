import { describe, expect, it } from 'vitest';
import { GovDeskError } from '../../src/errors.js';
import { describeConfig, ESMS_DEFAULT_BASE_URL, EXAMPLE_PRICE_PER_SEGMENT, type Layer, resolveNotifyConfig } from '../../src/notify/config.js';
import { smtpOutcome, smtpTarget } from '../../src/notify/email.js';
import { isLoopbackHost } from '../../src/portal/config.js';
import { envLayer } from '../../src/notify/env-map.js';
import { esmsBody, esmsSendOutcome, esmsStatusOutcome, esmsSendUrl, esmsStatusUrl } from '../../src/notify/providers/esms.js';
import { httpOutcome, valueAt } from '../../src/notify/providers/http.js';

const PROFILE = { centreName: 'Trung tâm Phục vụ hành chính công xã Suối Kiết', centrePhone: '0263 3000 000', email: null };
const resolve = (layers: Layer[]) => resolveNotifyConfig(layers, PROFILE, '/home/x');

function err(fn: () => unknown): GovDeskError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GovDeskError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('notification settings', () => {
  it('defaults: nothing enabled, example price, public eSMS address', () => {
    const c = resolve([]);
    expect(c.channels).toEqual([]);
    expect(c.sms.provider).toBe('none');
    expect(c.sms.esms.baseUrl).toBe(ESMS_DEFAULT_BASE_URL);
    expect(c.price).toEqual({ perSegment: EXAMPLE_PRICE_PER_SEGMENT, example: true });
    expect(c.sms.unsigned).toBe(true);
    expect(c.lang).toBe('vi');
  });

  it('precedence: profile < secret file < environment', () => {
    const c = resolve([
      { source: 'config.json', data: { auto: true, sms: { provider: 'file', maxSegments: 2, pricePerSegment: 700 } } },
      { source: 'secrets', data: { sms: { esms: { apiKey: 'from-file', secretKey: 's' } } } },
      envLayer({ GOV_DESK_SMS_PROVIDER: 'esms', GOV_DESK_ESMS_API_KEY: 'from-env', GOV_DESK_ESMS_BRANDNAME: 'UBND-XA', GOV_DESK_SMTP_URL: 'smtps://u:p@mail.example.vn' }),
    ]);
    expect(c.auto).toBe(true);
    expect(c.sms.provider).toBe('esms');
    expect(c.sms.maxSegments).toBe(2);
    expect(c.sms.esms.apiKey).toBe('from-env');
    expect(c.sms.esms.secretKey).toBe('s');
    expect(c.price).toEqual({ perSegment: 700, example: false });
    expect(c.channels).toEqual(['sms', 'email']);
  });

  it('every value from the environment is parsed and checked, naming the variable', () => {
    const c = resolve([envLayer({ GOV_DESK_ESMS_SANDBOX: '1', GOV_DESK_SMS_MAX_SEGMENTS: '4', GOV_DESK_SMS_HTTP_SUCCESS_STATUS: '200,202', GOV_DESK_SMS_HTTP_HEADERS: '{"X-Key":"{token}"}' })]);
    expect(c.sms.esms.sandbox).toBe(true);
    expect(c.sms.maxSegments).toBe(4);
    expect(c.sms.http.success.status).toEqual([200, 202]);
    expect(c.sms.http.headers).toEqual({ 'X-Key': '{token}' });
    const e = err(() => envLayer({ GOV_DESK_SMS_MAX_SEGMENTS: 'three' }));
    expect(e.code).toBe('NOTIFY_CONFIG_INVALID');
    expect(e.vars?.name).toBe('GOV_DESK_SMS_MAX_SEGMENTS');
    const p = err(() => resolve([envLayer({ GOV_DESK_SMS_PROVIDER: 'viettel' })]));
    expect(p.code).toBe('NOTIFY_CONFIG_INVALID');
    expect(String(p.vars?.source)).toContain('GOV_DESK_SMS_PROVIDER');
    expect(String(p.vars?.field)).toBe('sms.provider');
  });

  it('names the file of a bad profile value', () => {
    const e = err(() => resolve([{ source: '/home/x/config.json', data: { sms: { maxSegments: 0 } } }]));
    expect(e.vars).toMatchObject({ source: '/home/x/config.json', field: 'sms.maxSegments' });
  });

  it('never shows a secret in the description', () => {
    const c = resolve([envLayer({ GOV_DESK_SMS_PROVIDER: 'esms', GOV_DESK_ESMS_API_KEY: 'SECRET-API', GOV_DESK_ESMS_SECRET_KEY: 'SECRET-KEY', GOV_DESK_SMTP_URL: 'smtps://motcua:SECRET-PASS@mail.example.vn:465' })]);
    const shown = JSON.stringify(describeConfig(c));
    for (const s of ['SECRET-API', 'SECRET-KEY', 'SECRET-PASS']) expect(shown).not.toContain(s);
    expect(shown).toContain('smtps://motcua:***@mail.example.vn:465');
  });
});

describe('SMTP target', () => {
  const cfg = (url: string) => resolve([envLayer({ GOV_DESK_SMTP_URL: url })]);
  it('smtps:// is TLS on 465; smtp:// must use STARTTLS except on loopback', () => {
    expect(smtpTarget(cfg('smtps://u:p%40ss@mail.example.vn'))).toMatchObject({ secure: true, port: 465, user: 'u', pass: 'p@ss', requireTLS: false });
    expect(smtpTarget(cfg('smtp://u:p@mail.example.vn'))).toMatchObject({ secure: false, port: 587, requireTLS: true });
    expect(smtpTarget(cfg('smtp://127.0.0.1:2525'))).toMatchObject({ secure: false, port: 2525, requireTLS: false, user: null });
    expect(smtpTarget(cfg('http://mail.example.vn'))).toMatchObject({ code: 'NOTIFY_SMTP_CONFIG' });
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
  });

  it('maps SMTP errors: a refused recipient is permanent, a cut during DATA is uncertain', () => {
    expect(smtpOutcome({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' })).toMatchObject({ kind: 'failed', status: 'permanent-failure' });
    expect(smtpOutcome({ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' })).toMatchObject({ status: 'technical-failure', retry: true, abort: true, uncertain: false });
    expect(smtpOutcome({ code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:1' })).toMatchObject({ retry: true, uncertain: false });
    expect(smtpOutcome({ code: 'ETIMEDOUT', command: 'CONN', message: 'Timeout' })).toMatchObject({ retry: false, uncertain: true });
    expect(smtpOutcome({ code: 'EMESSAGE', responseCode: 451, command: 'DATA' })).toMatchObject({ retry: true, uncertain: false });
  });
});

describe('eSMS mapping (reference codes)', () => {
  it('builds the documented request', () => {
    const c = resolve([envLayer({ GOV_DESK_SMS_PROVIDER: 'esms', GOV_DESK_ESMS_API_KEY: 'a', GOV_DESK_ESMS_SECRET_KEY: 's', GOV_DESK_ESMS_BRANDNAME: 'UBND-XA', GOV_DESK_ESMS_SANDBOX: '1' })]);
    expect(esmsSendUrl('https://rest.esms.vn/')).toBe('https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/');
    expect(esmsStatusUrl('https://rest.esms.vn')).toBe('https://rest.esms.vn/MainService.svc/json/GetSendStatus');
    expect(esmsBody(c, { to: '0912345678', text: 'Ho so', unicode: false, requestId: 'gd1', dossier: 'X', segments: 1 })).toEqual({
      ApiKey: 'a', SecretKey: 's', Phone: '0912345678', Content: 'Ho so', Brandname: 'UBND-XA', SmsType: '2', IsUnicode: '0', Sandbox: '1', RequestId: 'gd1',
    });
  });

  it.each([
    ['100', { kind: 'accepted', providerId: 'ID1', final: false }],
    ['124', { kind: 'duplicate' }],
    ['99', { kind: 'failed', status: 'permanent-failure' }],
    ['108', { kind: 'failed', status: 'permanent-failure' }],
    ['101', { kind: 'failed', status: 'technical-failure', abort: true, retry: true }],
    ['103', { kind: 'failed', status: 'technical-failure', abort: true, retry: true, code: 'ESMS_103' }],
    ['146', { kind: 'failed', status: 'technical-failure', abort: false, retry: false, code: 'ESMS_146' }],
    ['177', { kind: 'failed', status: 'technical-failure', retry: false }],
  ])('CodeResult %s', (code, expected) => {
    expect(esmsSendOutcome(200, { CodeResult: code, SMSID: 'ID1', ErrorMessage: 'x' }, false)).toMatchObject(expected);
  });

  it('a sandbox acceptance is final (never delivered, nothing to poll)', () => {
    expect(esmsSendOutcome(200, { CodeResult: 100, SMSID: 'ID1' }, true)).toMatchObject({ kind: 'accepted', final: true });
  });

  it('maps delivery reports', () => {
    expect(esmsStatusOutcome({ CodeResponse: '100', SendStatus: 5, SendSuccess: 1, SendFailed: 0, TotalPrice: 850 })).toEqual({ kind: 'final', status: 'delivered', detail: expect.any(String), cost: 850 });
    expect(esmsStatusOutcome({ CodeResponse: '100', SendStatus: 5, SendSuccess: 0, SendFailed: 1 })).toMatchObject({ kind: 'final', status: 'temporary-failure' });
    expect(esmsStatusOutcome({ CodeResponse: '100', SendStatus: 4 })).toMatchObject({ kind: 'final', status: 'technical-failure' });
    expect(esmsStatusOutcome({ CodeResponse: '100', SendStatus: 1 })).toMatchObject({ kind: 'pending' });
    expect(esmsStatusOutcome({ CodeResponse: '100', SendStatus: 2 })).toMatchObject({ kind: 'pending' });
    expect(esmsStatusOutcome({ CodeResponse: '105' })).toMatchObject({ kind: 'unknown' });
  });
});

describe('generic HTTP provider rule', () => {
  const base = resolve([]).sms.http;
  it('judges by status, then by a JSON field', () => {
    expect(httpOutcome(base, 200, null)).toMatchObject({ kind: 'accepted' });
    expect(httpOutcome(base, 503, null)).toMatchObject({ kind: 'failed', retry: true, abort: true });
    expect(httpOutcome(base, 400, null)).toMatchObject({ kind: 'failed', retry: false, abort: false });
    const rule = { ...base, success: { status: [200], jsonPath: 'result.code', equals: ['0'] }, idPath: 'result.id' };
    expect(httpOutcome(rule, 200, { result: { code: 0, id: 77 } })).toMatchObject({ kind: 'accepted', providerId: '77' });
    expect(httpOutcome(rule, 200, { result: { code: 12 } })).toMatchObject({ kind: 'failed', code: 'HTTP_REFUSED' });
    expect(valueAt({ a: [{ b: 1 }] }, 'a.0.b')).toBe(1);
  });
});

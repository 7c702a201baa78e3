import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBaseUrl, isLoopbackHost, resolvePortalConfig } from '../../src/portal/config.js';
import { PortalError } from '../../src/portal/errors.js';
import { type RawResponse, backoffDelay, excerpt, interpret, parseRetryAfter } from '../../src/portal/http.js';

const res = (status: number, body: string, headers: Record<string, string> = {}): RawResponse => ({ status, headers, body: Buffer.from(body) });
const now = new Date('2026-03-02T02:00:00Z');

function thrown(f: () => unknown): PortalError {
  try {
    f();
  } catch (e) {
    if (e instanceof PortalError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('reading answers', () => {
  it('2xx JSON with error_code 0 (or none) is the body', () => {
    expect(interpret(res(200, '{"error_code":0,"results":[]}'), now)).toEqual({ error_code: 0, results: [] });
    expect(interpret(res(201, '\uFEFF{"IdTepTin":"a"}'), now)).toEqual({ IdTepTin: 'a' });
  });

  it('classifies failures: transient or not, with status and portal code', () => {
    expect(thrown(() => interpret(res(200, '{"error_code":4,"message":"MaHoSo: required"}'), now))).toMatchObject({ code: 'PORTAL_REJECTED', transient: false, portalCode: 4 });
    expect(thrown(() => interpret(res(503, '<html>Service Unavailable</html>'), now))).toMatchObject({ code: 'PORTAL_SERVER_ERROR', transient: true, status: 503 });
    expect(thrown(() => interpret(res(429, '{"error_code":429,"message":"x"}', { 'retry-after': '3' }), now))).toMatchObject({ code: 'PORTAL_RATE_LIMITED', transient: true, retryAfterMs: 3000 });
    expect(thrown(() => interpret(res(400, '{"error_code":4,"message":"data: must be a list"}'), now))).toMatchObject({ code: 'PORTAL_REJECTED', status: 400, portalMessage: 'data: must be a list' });
    expect(thrown(() => interpret(res(400, 'Bad Request'), now))).toMatchObject({ code: 'PORTAL_BAD_RESPONSE', transient: false });
    expect(thrown(() => interpret(res(200, ''), now))).toMatchObject({ code: 'PORTAL_BAD_RESPONSE' });
    expect(thrown(() => interpret(res(200, 'not json', { 'content-type': 'text/plain' }), now)).message).toContain('text/plain');
    expect(thrown(() => interpret(res(301, '', { location: 'https://elsewhere.example/' }), now)).message).toContain('elsewhere.example');
  });

  it('Retry-After in seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 02:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 01:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('backoff is full jitter under an exponential ceiling with a cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 60_000 }), (attempt, r, base, cap) => {
        const d = backoffDelay(attempt, () => r, base, cap);
        const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }),
    );
    expect(backoffDelay(3, () => 0.5, 100, 10_000)).toBe(200);
  });

  it('excerpts strip HTML and stay short', () => {
    expect(excerpt(Buffer.from('<html><style>p{}</style><body><h1>502 Bad Gateway</h1></body></html>'))).toBe('502 Bad Gateway');
    expect(excerpt(Buffer.alloc(0))).toBe('(empty body)');
    expect(excerpt(Buffer.from('x'.repeat(500))).length).toBeLessThanOrEqual(121);
  });
});

describe('client configuration (no files involved)', () => {
  const profile = (baseUrl: string | null, clientId: string | null = 'xa-suoi-kiet') => ({ portal: { baseUrl, clientId } });

  it('environment wins over the profile; trailing slashes go', () => {
    const cfg = resolvePortalConfig(profile('https://lgsp.example.gov.vn/motcua/v1/'), { GOV_DESK_PORTAL_SECRET: 's' }, '/nonexistent');
    expect(cfg).toEqual({ baseUrl: 'https://lgsp.example.gov.vn/motcua/v1', clientId: 'xa-suoi-kiet', clientSecret: 's' });
    const env = { GOV_DESK_PORTAL_URL: 'http://127.0.0.1:8787', GOV_DESK_PORTAL_CLIENT_ID: 'sandbox', GOV_DESK_PORTAL_SECRET: 'sandbox-secret' };
    expect(resolvePortalConfig(profile('https://lgsp.example.gov.vn/motcua/v1'), env, '/nonexistent')).toEqual({ baseUrl: 'http://127.0.0.1:8787', clientId: 'sandbox', clientSecret: 'sandbox-secret' });
  });

  it('names the missing setting', () => {
    expect(() => resolvePortalConfig(profile(null), {}, '/nonexistent')).toThrow(expect.objectContaining({ code: 'PORTAL_NOT_CONFIGURED', message: expect.stringContaining('portal.baseUrl') }));
    expect(() => resolvePortalConfig(profile('https://a.example', null), {}, '/nonexistent')).toThrow(expect.objectContaining({ code: 'PORTAL_NOT_CONFIGURED', message: expect.stringContaining('portal.clientId') }));
    expect(() => resolvePortalConfig(profile('https://a.example'), {}, '/nonexistent')).toThrow(expect.objectContaining({ code: 'PORTAL_SECRET_MISSING', kind: 'usage' }));
  });

  it('plain http only for loopback hosts', () => {
    for (const ok of ['http://127.0.0.1:1', 'http://127.9.8.7/x', 'http://localhost:3000', 'http://[::1]:8080/v1', 'https://lgsp.example.gov.vn']) expect(() => checkBaseUrl(ok, 's')).not.toThrow();
    for (const bad of ['http://lgsp.example.gov.vn', 'http://10.0.0.5', 'http://127.0.0.1.example.com', 'ftp://127.0.0.1', 'http://128.0.0.1']) {
      expect(() => checkBaseUrl(bad, 's')).toThrow(expect.objectContaining({ kind: 'usage' }));
    }
    expect(() => checkBaseUrl('not a url', 's')).toThrow(expect.objectContaining({ code: 'PORTAL_BAD_URL' }));
    expect(() => checkBaseUrl('https://user:pw@a.example', 's')).toThrow(expect.objectContaining({ code: 'PORTAL_BAD_URL' }));
    expect(isLoopbackHost('127.0.0.256')).toBe(false);
    expect(isLoopbackHost('[::1]')).toBe(true);
  });
});

// Answers outside the contract: the message is in the UI language throughout (issue 12).
describe('portal answers outside the contract, in Vietnamese', () => {
  it('a redirect and a page that is not JSON name what happened in Vietnamese, the values as they came', () => {
    const redirect = thrown(() => interpret(res(302, '', { location: 'https://elsewhere.example/login' }), now));
    expect(redirect.code).toBe('PORTAL_BAD_RESPONSE');
    expect(redirect.render('vi').message).toBe('Câu trả lời của hệ thống một cửa không đúng giao thức (HTTP 302): chuyển hướng → https://elsewhere.example/login, không đi theo.');
    expect(redirect.render('en').message).toContain('a redirect → https://elsewhere.example/login, not followed');
    const page = thrown(() => interpret(res(200, '<html>Login</html>', { 'content-type': 'text/html' }), now));
    expect(page.render('vi').message).toMatch(/không phải JSON \(text\/html\): /);
    expect(page.render('vi').message).not.toMatch(/\bnot JSON\b|redirect/);
  });
});

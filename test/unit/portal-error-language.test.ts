import { describe, expect, it } from 'vitest';
import { PortalError } from '../../src/portal/errors.js';
import { type RawResponse, interpret } from '../../src/portal/http.js';

// Answers outside the contract: the message is in the UI language throughout (issue 12).
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

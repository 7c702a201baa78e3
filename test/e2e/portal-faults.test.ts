import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PortalClient, type PortalClientOptions } from '../../src/portal/client.js';
import { startSandbox } from '../../src/portal/sandbox/server.js';
import { PDF, fakeClock, fakeSleep, hoSo, sandboxAndClient, tempDir } from './portal-helpers.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** A misbehaving server: /oauth/token works, everything else goes to `onCall`. */
async function badServer(onCall: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<{ url: string; calls: () => number; tokens: () => number }> {
  let calls = 0;
  let tokens = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    if (req.url === '/oauth/token') {
      tokens++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ access_token: `t${tokens}`, token_type: 'Bearer', expires_in: 3600 }));
      return;
    }
    calls++;
    onCall(req, res, calls);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls: () => calls, tokens: () => tokens };
}

function clientFor(url: string, opts: PortalClientOptions & { maxAttempts?: number; timeoutMs?: number } = {}): PortalClient {
  const { maxAttempts, timeoutMs, ...rest } = opts;
  return new PortalClient({ baseUrl: url, clientId: 'c', clientSecret: 's', maxAttempts: maxAttempts ?? 3, timeoutMs: timeoutMs ?? 2000 }, { sleep: async () => undefined, ...rest });
}

const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('portal client under injected faults', () => {
  it('fail-rate 0.3 and drop-rate 0.1: 50 sync calls of distinct records store every record exactly once', async () => {
    const dataDir = tempDir();
    const clock = fakeClock(); // moves only when the client sleeps: the rate limit joins in too
    const sleeps = fakeSleep(clock);
    const { sb, client } = await sandboxAndClient({ dataDir, failRate: 0.3, dropRate: 0.1, seed: 20260302, clock: clock.now }, { maxAttempts: 15, sleep: sleeps.sleep, now: clock.now });
    cleanup.push(() => sb.close());
    for (let i = 0; i < 50; i++) {
      const r = await client.syncDossiers([hoSo(`FI-${String(i).padStart(2, '0')}`)], false);
      expect(r).toEqual([{ MaHoSo: `FI-${String(i).padStart(2, '0')}`, error_code: 0, message: 'OK' }]);
    }
    const st = sb.stats();
    expect(st.injectedFailures).toBeGreaterThan(5);
    expect(st.dropped).toBeGreaterThan(1);
    expect(sleeps.calls.length).toBe(st.injectedFailures + st.dropped + st.rateLimited);
    // read back on a calm sandbox over the same data
    const calm = await startSandbox({ dataDir, port: 0 });
    cleanup.push(() => calm.close());
    const c2 = new PortalClient({ baseUrl: calm.url, clientId: calm.clientId, clientSecret: calm.clientSecret }, {});
    const page = await c2.changes('20000101000000', 1, 100);
    expect(page.tongSo).toBe(50);
    expect(new Set(page.data.map((d) => d.MaHoSo)).size).toBe(50);
  });

  it('retries 5xx with exponential backoff and full jitter, then succeeds', async () => {
    const srv = await badServer((_req, res, n) => (n <= 2 ? sendJson(res, 503, { error_code: 503, message: 'busy' }) : sendJson(res, 200, { error_code: 0 })));
    const sleeps = fakeSleep();
    const c = clientFor(srv.url, { maxAttempts: 4, sleep: sleeps.sleep, random: () => 0.999, baseDelayMs: 100, maxDelayMs: 150 });
    await c.reportProgress([{ MaHoSo: 'X' } as never]);
    expect(srv.calls()).toBe(3);
    expect(sleeps.calls).toEqual([99, 149]); // ceilings 100, then min(150, 200)
  });

  it('gives up after maxAttempts with a transient error the outbox can recognise', async () => {
    const srv = await badServer((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html><head><title>502</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
    });
    const c = clientFor(srv.url, { maxAttempts: 3 });
    const err = await c.lookup('X').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PORTAL_SERVER_ERROR', transient: true, status: 502 });
    expect((err as Error).message).toContain('502 Bad Gateway');
    expect(srv.calls()).toBe(3);
  });

  it('a 401 gets one new token; a second 401 is PORTAL_AUTH', async () => {
    const srv = await badServer((_req, res) => sendJson(res, 401, { error_code: 100, message: 'AUTHEN_ERROR' }));
    const c = clientFor(srv.url);
    await expect(c.lookup('X')).rejects.toMatchObject({ code: 'PORTAL_AUTH', transient: false });
    expect(srv.tokens()).toBe(2);
    expect(srv.calls()).toBe(2);
  });

  it('connection refused is a transient PORTAL_NETWORK', async () => {
    const srv = await badServer(() => undefined);
    const port = new URL(srv.url).port;
    await cleanup.pop()!(); // close it: nothing listens there now
    const c = clientFor(`http://127.0.0.1:${port}`, { maxAttempts: 2 });
    await expect(c.lookup('X')).rejects.toMatchObject({ code: 'PORTAL_NETWORK', transient: true });
  });
});

describe('portal client: answers outside the contract are clear errors', () => {
  it('a malformed JSON body is PORTAL_BAD_RESPONSE, not retried', async () => {
    const srv = await badServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"error_code": 0, "results": [');
    });
    const c = clientFor(srv.url);
    await expect(c.syncDossiers([hoSo('M-1')], false)).rejects.toMatchObject({ code: 'PORTAL_BAD_RESPONSE', transient: false, status: 200 });
    expect(srv.calls()).toBe(1);
  });

  it('an HTML page with 200 is PORTAL_BAD_RESPONSE naming the content type', async () => {
    const srv = await badServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body><h1>Cổng đăng nhập</h1></body></html>');
    });
    const err = await clientFor(srv.url).lookup('X').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PORTAL_BAD_RESPONSE' });
    expect((err as Error).message).toContain('text/html');
  });

  it('an HTML 404 is a wrong address, not "dossier unknown"', async () => {
    const srv = await badServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    });
    await expect(clientFor(srv.url).lookup('X')).rejects.toMatchObject({ code: 'PORTAL_BAD_RESPONSE', status: 404 });
  });

  it('a 200 with error_code ≠ 0 is PORTAL_REJECTED carrying the portal code', async () => {
    const srv = await badServer((_req, res) => sendJson(res, 200, { error_code: 500, message: 'DATA_INCORRECT' }));
    await expect(clientFor(srv.url).syncDossiers([hoSo('E-1')], false)).rejects.toMatchObject({ code: 'PORTAL_REJECTED', portalCode: 500, portalMessage: 'DATA_INCORRECT', transient: false });
  });

  it('results that do not match the records sent are PORTAL_BAD_RESPONSE', async () => {
    const srv = await badServer((_req, res) => sendJson(res, 200, { error_code: 0, results: [{ MaHoSo: 'OTHER', error_code: 0, message: 'OK' }] }));
    await expect(clientFor(srv.url).syncDossiers([hoSo('E-1')], false)).rejects.toMatchObject({ code: 'PORTAL_BAD_RESPONSE' });
  });

  it('a redirect is not followed', async () => {
    const srv = await badServer((_req, res) => {
      res.writeHead(302, { Location: 'http://example.invalid/login' });
      res.end();
    });
    const err = await clientFor(srv.url).lookup('X').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PORTAL_BAD_RESPONSE', status: 302 });
    expect((err as Error).message).toContain('example.invalid');
  });

  it('an upload answered with another hash is PORTAL_HASH_MISMATCH', async () => {
    const srv = await badServer((_req, res) => sendJson(res, 201, { IdTepTin: 'x1', HashTepTin: 'a'.repeat(64), KichThuoc: PDF.length }));
    await expect(clientFor(srv.url).uploadFile('H-1', { name: 'a.pdf', bytes: PDF })).rejects.toMatchObject({ code: 'PORTAL_HASH_MISMATCH', transient: false });
  });

  it('a slow-loris server that trickles bytes forever ends in PORTAL_TIMEOUT within the deadline', async () => {
    const timers: NodeJS.Timeout[] = [];
    const srv = await badServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{');
      const t = setInterval(() => res.write(' '), 20);
      timers.push(t);
      res.on('close', () => clearInterval(t));
    });
    cleanup.push(async () => timers.forEach(clearInterval));
    const started = Date.now();
    const err = await clientFor(srv.url, { timeoutMs: 300, maxAttempts: 2 }).lookup('X').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PORTAL_TIMEOUT', transient: true });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(srv.calls()).toBe(2);
  }, 10_000);

  it('a server that accepts and never answers ends in PORTAL_TIMEOUT', async () => {
    const srv = await badServer(() => undefined);
    await expect(clientFor(srv.url, { timeoutMs: 200, maxAttempts: 1 }).lookup('X')).rejects.toMatchObject({ code: 'PORTAL_TIMEOUT' });
  }, 10_000);
});

describe('portal sandbox: latency switch', () => {
  it('--latency-ms delays answers; the client deadline still applies', async () => {
    const { sb, client } = await sandboxAndClient({ latencyMs: 300 }, { timeoutMs: 100, maxAttempts: 1 });
    cleanup.push(() => sb.close());
    await expect(client.lookup('X')).rejects.toMatchObject({ code: 'PORTAL_TIMEOUT' });
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';

/** A provincial system that answers badly in one of several ways (the token call works). */
function badServer(mode: 'html' | 'garbage' | 'error-code' | 'slow'): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/oauth/token') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 't', token_type: 'Bearer', expires_in: 3600 }));
      return;
    }
    req.resume();
    if (mode === 'html') {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    } else if (mode === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"error_code": 0, "results": [');
    } else if (mode === 'error-code') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error_code: 500, message: 'DATA_INCORRECT' }));
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 200); // slow-loris: a byte now and then, never done
      res.on('close', () => clearInterval(timer));
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) });
    });
  });
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function queuedHome(): Promise<{ home: string; code: string }> {
  const home = tempHome();
  await runInProcess(['init', '--example', '--no-input'], { home });
  const code = await new EmbeddedStore(home, 'test').tx(async (t) => {
    // a dossier whose components are exempt (online filing), so it needs no upload
    let d: Dossier = { ...sampleDossier(), channel: 'online' };
    d = applyAction(d, 'submit-queued', { at: new Date('2026-03-02T02:00:00Z'), operator: 't', key: 'submit-queued' }).dossier;
    await t.putDossier(d);
    await t.putOutbox({ kind: 'portal', id: `dongbo:${d.code}:x`, op: 'dongbo', code: d.code, status: 'queued', attempts: 0, lastError: null, nextAttemptAt: null, createdAt: d.receivedAt, updatedAt: d.receivedAt });
    return d.code;
  });
  return { home, code };
}

describe('bad answers from the provincial system', () => {
  for (const mode of ['html', 'garbage', 'error-code', 'slow'] as const) {
    it(`${mode}: sync ends with a clear error and the outbox entry is kept`, async () => {
      const srv = await badServer(mode);
      close = srv.close;
      const { home, code } = await queuedHome();
      const env = { GOV_DESK_LANG: 'en', GOV_DESK_PORTAL_URL: srv.url, GOV_DESK_PORTAL_CLIENT_ID: 'c', GOV_DESK_PORTAL_SECRET: 's', GOV_DESK_PORTAL_RETRY_MS: '1', GOV_DESK_PORTAL_TIMEOUT_MS: '500' };
      const started = Date.now();
      const r = await runInProcess(['sync', '--json'], { home, env });
      expect(Date.now() - started).toBeLessThan(20_000);
      const report = JSON.parse(r.stdout) as { outbox?: { retryScheduled: number; failed: number }; portalError?: { code: string } };
      const entry = (await new EmbeddedStore(home, 'test').outbox('portal')).find((e) => e.code === code)!;
      expect(entry).toBeDefined();
      expect(entry.lastError).toMatch(/PORTAL_/);
      // nothing was lost: the entry waits for a retry (or an operator's `outbox retry` if refused)
      expect(['retry-scheduled', 'failed']).toContain(entry.status);
      if (mode === 'error-code') expect(entry.status).toBe('failed');
      else expect(entry.status).toBe('retry-scheduled');
      expect(report.outbox).toBeDefined();
    }, 60_000);
  }
});

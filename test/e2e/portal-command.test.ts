import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Context } from '../../src/context.js';
import { type SandboxHandle, startSandbox } from '../../src/portal/sandbox/server.js';
import { BIN, ROOT } from '../helpers/cli.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { hoSo, sandboxAndClient, tempDir } from './portal-helpers.js';

const open: SandboxHandle[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** A home with the example profile. */
async function homeWithProfile(): Promise<string> {
  const home = tempHome();
  const r = await runInProcess(['init', '--example', '--no-input'], { home });
  expect(r.code).toBe(0);
  return home;
}

function envFor(sb: SandboxHandle, extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_PORTAL_URL: sb.url, GOV_DESK_PORTAL_CLIENT_ID: sb.clientId, GOV_DESK_PORTAL_SECRET: sb.clientSecret, ...extra };
}

describe('gov-desk portal sandbox (in process)', () => {
  it('starts, prints the URL and credentials on stderr, serves, and stops on SIGINT with 0', async () => {
    const handlers: Array<{ signal: string; fn: () => void }> = [];
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const onSignal: NonNullable<Context['onSignal']> = (signal, fn) => {
      const h = { signal, fn };
      handlers.push(h);
      return () => handlers.splice(handlers.indexOf(h), 1);
    };
    const dataDir = tempDir();
    const running = runInProcess(['portal', 'sandbox', '--port', '0', '--data', dataDir, '--client-id', 'lop-tap-huan', '--client-secret', 'bi-mat'], { onSignal, stderr });
    for (let i = 0; i < 200 && handlers.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(handlers.map((h) => h.signal).sort()).toEqual(['SIGINT', 'SIGTERM']);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(err)?.[0];
    expect(url).toBeDefined();
    expect(err).toContain('lop-tap-huan');
    expect(err).toContain('bi-mat');
    // copy-pasteable lines for sh and for PowerShell
    expect(err).toContain(`export GOV_DESK_PORTAL_URL=${url}\n`);
    expect(err).toContain('export GOV_DESK_PORTAL_CLIENT_ID=lop-tap-huan\n');
    expect(err).toContain('export GOV_DESK_PORTAL_SECRET=bi-mat\n');
    expect(err).toContain(`$env:GOV_DESK_PORTAL_URL='${url}'`);
    expect(err).toContain("$env:GOV_DESK_PORTAL_SECRET='bi-mat'");
    const tok = await fetch(`${url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=lop-tap-huan&client_secret=bi-mat' });
    expect(tok.status).toBe(200);
    handlers.find((h) => h.signal === 'SIGINT')!.fn();
    const r = await running;
    expect(r.code).toBe(0);
    expect(handlers).toHaveLength(0);
    expect(err).toMatch(/POST \/oauth\/token → 200/);
    expect(err).toMatch(/stopped/);
    await expect(fetch(`${url}/oauth/token`, { method: 'POST' })).rejects.toThrow();
  });

  it.each([
    [['--fail-rate', '2'], '--fail-rate'],
    [['--drop-rate', 'abc'], '--drop-rate'],
    [['--port', '70000'], '--port'],
    [['--token-ttl', '0'], '--token-ttl'],
    [['--latency-ms', '-5'], '--latency-ms'],
    [['--client-id', ' '], '--client-id'],
  ])('refuses %j with exit 2 naming the flag', async (args, flag) => {
    const r = await runInProcess(['portal', 'sandbox', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(flag);
  });

  it("listens by default where the example profile's portal settings point", async () => {
    const { sandboxOptionsFrom } = await import('../../src/commands/portal/handler.js');
    const { SANDBOX_DEFAULTS } = await import('../../src/portal/sandbox/server.js');
    const profile = JSON.parse(readFileSync(path.join(ROOT, 'fixtures', 'profile.example.json'), 'utf8')) as { portal: { baseUrl: string; clientId: string } };
    const o = sandboxOptionsFrom({ cwd: ROOT, home: tempHome() }, {});
    expect(profile.portal.baseUrl).toBe(`http://${o.host}:${o.port}`);
    expect(profile.portal.clientId).toBe(SANDBOX_DEFAULTS.clientId);
  });

  it('a port already in use is a clear failure (exit 1) with a hint, not a stack trace', async () => {
    const busy = await startSandbox({ port: 0, dataDir: tempDir() });
    open.push(busy);
    const r = await runInProcess(['portal', 'sandbox', '--port', String(busy.port), '--data', tempDir()], { env: { GOV_DESK_LANG: 'en', NO_COLOR: '1' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Port ${busy.port}`);
    expect(r.stderr).toContain('--port 0');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses a non-loopback host unless --allow-remote', async () => {
    const r = await runInProcess(['portal', 'sandbox', '--host', '0.0.0.0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--allow-remote');
  });
});

describe('gov-desk portal ping / lookup', () => {
  it('ping gets a token and prints OK with the latency', async () => {
    const { sb } = await sandboxAndClient();
    open.push(sb);
    const home = await homeWithProfile();
    const text = await runInProcess(['portal', 'ping'], { home, env: envFor(sb) });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^OK +${sb.url} +\\d+ ms`));
    const json = await runInProcess(['portal', 'ping', '--json'], { home, env: envFor(sb) });
    expect(JSON.parse(json.stdout)).toMatchObject({ schemaVersion: 1, ok: true, url: sb.url });
    expect(sb.stats().tokensIssued).toBe(2);
  });

  it('ping with a wrong secret exits 1 with PORTAL_AUTH, without printing the secret', async () => {
    const { sb } = await sandboxAndClient();
    open.push(sb);
    const home = await homeWithProfile();
    const r = await runInProcess(['portal', 'ping'], { home, env: envFor(sb, { GOV_DESK_PORTAL_SECRET: 'wrong-secret-123' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refused the credentials');
    expect(r.stderr + r.stdout).not.toContain('wrong-secret-123');
  });

  it('lookup prints a found dossier (text and JSON) and exits 1 for an unknown one', async () => {
    const { sb, client } = await sandboxAndClient();
    open.push(sb);
    await client.syncDossiers([hoSo('000.00.00.H99-260302-0001', { TrangThaiHoSo: 4 })], false);
    const home = await homeWithProfile();
    const text = await runInProcess(['portal', 'lookup', '000.00.00.H99-260302-0001'], { home, env: envFor(sb) });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('4 Đang xử lý (processing)');
    expect(text.stdout).toContain('02/03/2026 09:00');
    expect(text.stdout).not.toContain('001190000001'); // the ID number stays out of the text view
    const json = await runInProcess(['portal', 'lookup', '000.00.00.H99-260302-0001', '--json'], { home, env: envFor(sb) });
    expect(JSON.parse(json.stdout)).toMatchObject({ schemaVersion: 1, found: true, localStatus: 'processing', record: { MaHoSo: '000.00.00.H99-260302-0001', TienDo: [] } });
    const missing = await runInProcess(['portal', 'lookup', 'NOPE-1'], { home, env: envFor(sb) });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOPE-1');
  });

  it('configuration problems are usage errors (exit 2) naming the setting', async () => {
    const home = await homeWithProfile();
    const noSecret = await runInProcess(['portal', 'ping'], { home, env: { GOV_DESK_LANG: 'en' } });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('GOV_DESK_PORTAL_SECRET');
    const insecure = await runInProcess(['portal', 'ping'], { home, env: { GOV_DESK_LANG: 'en', GOV_DESK_PORTAL_URL: 'http://lgsp.example.gov.vn', GOV_DESK_PORTAL_SECRET: 's' } });
    expect(insecure.code).toBe(2);
    expect(insecure.stderr).toContain('https://');
    const noProfile = await runInProcess(['portal', 'ping'], { home: tempHome(), env: { GOV_DESK_LANG: 'en' } });
    expect(noProfile.code).toBe(2);
  });

  it('reads the secret from <home>/secrets/portal-secret only when it is private to the owner', async () => {
    const sb = await startSandbox({ dataDir: tempDir(), port: 0 });
    open.push(sb);
    const home = await homeWithProfile();
    const env = { GOV_DESK_LANG: 'en', GOV_DESK_PORTAL_URL: sb.url, GOV_DESK_PORTAL_CLIENT_ID: sb.clientId };
    const file = path.join(home, 'secrets', 'portal-secret');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${sb.clientSecret}\n`, { mode: 0o644 });
    chmodSync(file, 0o644);
    if (process.platform !== 'win32') {
      const open644 = await runInProcess(['portal', 'ping'], { home, env });
      expect(open644.code).toBe(2);
      expect(open644.stderr).toContain('chmod 600');
    }
    chmodSync(file, 0o600);
    const ok = await runInProcess(['portal', 'ping'], { home, env });
    expect(ok.code).toBe(0);
  });
});

describe('gov-desk portal sandbox (spawned CLI)', () => {
  it('runs as a process and ends with 0 on SIGTERM, keeping its data', async () => {
    const home = tempHome();
    const child = spawn(process.execPath, [BIN, 'portal', 'sandbox', '--port', '0', '--quiet'], { cwd: ROOT, env: { ...process.env, GOV_DESK_HOME: home, GOV_DESK_LANG: 'en', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    for (let i = 0; i < 500 && !/Press Ctrl\+C/.test(err); i++) await new Promise((r) => setTimeout(r, 20));
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(err)?.[0];
    expect(url).toBeDefined();
    const r = await fetch(`${url}/hoso/X`);
    expect(r.status).toBe(401);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    clearTimeout(killer);
    expect(code).toBe(0);
    expect(err).toContain(path.join(home, 'portal-sandbox'));
  }, 20_000);
});

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { dayKey, formatDossierCode } from '../../src/domain/dossier/code.js';
import { derive, PORTAL_CODE } from '../../src/domain/dossier/status.js';
import { run } from '../../src/main.js';
import { PortalClient } from '../../src/portal/client.js';
import { type SandboxHandle, startSandbox } from '../../src/portal/sandbox/server.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { BIN } from '../helpers/cli.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';
import { makePdf } from '../helpers/scan-files.js';

let sandbox: SandboxHandle | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function portalEnv(sb: SandboxHandle): Record<string, string> {
  return { GOV_DESK_LANG: 'en', GOV_DESK_PORTAL_URL: sb.url, GOV_DESK_PORTAL_CLIENT_ID: sb.clientId, GOV_DESK_PORTAL_SECRET: sb.clientSecret, GOV_DESK_PORTAL_RETRY_MS: '2' };
}

/** n received dossiers, each with one scanned PDF of its own (ready to submit). */
async function seedReady(home: string, n: number): Promise<string[]> {
  const store = new EmbeddedStore(home, 'test');
  const pdf = await makePdf(1);
  return store.tx(async (t) => {
    const codes: string[] = [];
    for (let i = 0; i < n; i++) {
      const at = new Date('2026-03-02T02:00:00Z');
      const code = formatDossierCode('000.00.00.H99', at, await t.nextNumber('sequence', dayKey(at)));
      await t.nextNumber('register', '2026');
      let d = sampleDossier(code, at);
      d = { ...d, applicant: { ...d.applicant, personalId: `0601900${String(10000 + i).slice(-5)}` } };
      const rel = `attachments/${code}/to-khai/${i}.pdf`;
      mkdirSync(path.join(home, path.dirname(rel)), { recursive: true });
      const bytes = Buffer.concat([pdf, Buffer.from(`\n% ${code}\n`)]);
      writeFileSync(path.join(home, rel), bytes);
      const sha = createHash('sha256').update(bytes).digest('hex');
      for (const c of ['to-khai', 'giay-chung-sinh']) {
        d = applyAction(d, 'scanned', { at, operator: 'test', key: `scan:${c}:${sha}`, data: { component: c, file: { path: rel, sha256: sha, size: bytes.length, pages: 1, sourceName: `${i}.pdf`, sourceType: 'pdf' } } }).dossier;
      }
      await t.putDossier(d);
      codes.push(code);
    }
    return codes;
  });
}

async function openWork(home: string): Promise<number> {
  return (await new EmbeddedStore(home, 'test').outbox('portal')).filter((e) => e.status !== 'sent' && e.status !== 'cancelled').length;
}

describe('submit and sync against the sandbox', () => {
  it('submits, routes and syncs one dossier; the portal sees every step; a second sync changes nothing', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const home = tempHome();
    await runInProcess(['init', '--example', '--no-input'], { home });
    const [code] = await seedReady(home, 1);
    const env = portalEnv(sandbox);
    const sub = await runInProcess(['submit', code!, '--json'], { home, env });
    expect(sub.code, sub.stderr).toBe(0);
    expect(JSON.parse(sub.stdout.trim().split('\n')[0]!)).toMatchObject({ code, outcome: 'accepted' });
    expect((await runInProcess(['route', code!], { home, env })).code).toBe(0);
    expect((await runInProcess(['route', code!, '--accept'], { home, env })).code).toBe(0);
    const s1 = await runInProcess(['sync', '--json'], { home, env });
    expect(s1.code, s1.stderr).toBe(0);
    const client = new PortalClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    const rec = await client.lookup(code!);
    expect(rec?.TrangThaiHoSo).toBe(4);
    expect(rec?.TaiLieuNop).toHaveLength(2);
    expect(rec?.TienDo.length).toBeGreaterThanOrEqual(2);
    const before = JSON.stringify(await new EmbeddedStore(home, 'test').openDossiers());
    const s2 = await runInProcess(['sync', '--json'], { home, env });
    expect(JSON.parse(s2.stdout)).toMatchObject({ changes: { applied: 0 } });
    expect(JSON.stringify(await new EmbeddedStore(home, 'test').openDossiers())).toBe(before);
  });

  it('refuses a dossier that is not fully digitised, naming what is missing', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const home = tempHome();
    await runInProcess(['init', '--example', '--no-input'], { home });
    const code = await new EmbeddedStore(home, 'test').tx(async (t) => {
      const d = sampleDossier();
      await t.putDossier(d);
      return d.code;
    });
    const r = await runInProcess(['submit', code], { home, env: portalEnv(sandbox) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/to-khai/);
    expect(await openWork(home)).toBe(0);
  });

  it('200 dossiers with 30% failures and 10% dropped connections: each on the portal exactly once, with its file', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-'), failRate: 0.3, dropRate: 0.1, seed: 7, rateLimit: 10_000 });
    const home = tempHome();
    await runInProcess(['init', '--example', '--no-input'], { home });
    const codes = await seedReady(home, 200);
    let now = new Date('2026-03-02T03:00:00Z').getTime();
    const ctx = () => fakeContext({ home, env: portalEnv(sandbox!), now: () => new Date(now) });
    await run(['submit', '--all-ready', '--json', '--concurrency', '8'], ctx());
    for (let i = 0; i < 25 && (await openWork(home)) > 0; i++) {
      now += 2 * 3600_000; // every retry is due
      await run(['sync', '--json'], ctx());
    }
    expect(await openWork(home)).toBe(0);
    const client = new PortalClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, maxAttempts: 30 }, { sleep: async () => undefined });
    const open = await new EmbeddedStore(home, 'test').openDossiers();
    for (const code of codes) {
      const rec = await client.lookup(code);
      expect(rec, code).not.toBeNull();
      expect(rec!.TaiLieuNop.map((f) => f.MaThanhPhanHoSo).sort()).toEqual(['giay-chung-sinh', 'to-khai']);
      expect(new Set(rec!.TaiLieuNop.map((f) => f.TepDinhKemId)).size).toBe(1); // same bytes, one file id
      const d = open.find((x) => x.code === code)!;
      expect(derive(d).portal).toBe('accepted');
      expect(rec!.TrangThaiHoSo).toBe(PORTAL_CODE[derive(d).status]);
    }
    const page = await client.changes('20000101000000', 1, 100);
    expect(page.tongSo).toBe(200);
  }, 120_000);

  it('a submit killed with SIGKILL mid-batch loses nothing; the next sync finishes without duplicates', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-'), latencyMs: 20, rateLimit: 10_000 });
    const home = tempHome();
    await runInProcess(['init', '--example', '--no-input'], { home });
    const codes = await seedReady(home, 60);
    const env = { ...process.env, ...portalEnv(sandbox), GOV_DESK_HOME: home, CI: '1' };
    const child = spawn(process.execPath, [BIN, 'submit', '--all-ready', '--json', '--concurrency', '2'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        lines += c.toString().split('\n').filter(Boolean).length;
      });
      const timer = setInterval(() => {
        if (sandbox!.stats().requests > 20) {
          clearInterval(timer);
          child.kill('SIGKILL');
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(timer);
        resolve();
      });
    });
    expect(lines).toBeLessThan(60); // really interrupted
    const sync = await runInProcess(['sync', '--json'], { home, env: portalEnv(sandbox) });
    expect(sync.code, sync.stderr).toBe(0);
    expect(await openWork(home)).toBe(0);
    const client = new PortalClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    expect((await client.changes('20000101000000', 1, 100)).tongSo).toBe(60);
    const open = await new EmbeddedStore(home, 'test').openDossiers();
    for (const code of codes) expect(derive(open.find((x) => x.code === code)!).portal).toBe('accepted');
  }, 60_000);
});

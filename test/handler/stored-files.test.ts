import { chmodSync, existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { fromVn } from '../../src/domain/time.js';
import { type SandboxHandle, startSandbox } from '../../src/portal/sandbox/server.js';
import { sha256Hex } from '../../src/scan/hash.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { seedReady } from '../helpers/ready-dossier.js';
import { makePdf } from '../helpers/scan-files.js';

// Stored scans and result documents: checked against their recorded SHA-256 when read, never lost
// to a later import. Fictitious applicant (test/helpers/dossier.ts).
let sandbox: SandboxHandle | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function desk(env: Record<string, string> = {}) {
  const home = tempHome();
  const all = { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_OPERATOR: 'Trần Văn Đức', GOV_DESK_PORTAL_RETRY_MS: '2', ...env };
  const run = (args: string[], at = fromVn('2026-03-02', 11, 0)) => runInProcess(args, { home, env: all, cwd: home, now: () => at });
  expect((await run(['init', '--example', '--no-input'], fromVn('2026-03-02', 8, 0))).code).toBe(0);
  return { home, run };
}

/** Overwrite a stored (read-only) copy, as a disk fault or a careless hand would. */
function damage(home: string, rel: string, bytes: Buffer | string): void {
  const abs = path.join(home, ...rel.split('/'));
  chmodSync(abs, 0o600);
  writeFileSync(abs, bytes);
}

describe('stored files are verified when read', () => {
  it('show names the damaged file (text and --json)', async () => {
    const { home, run } = await desk();
    const { code, rel } = await seedReady(home);
    expect((await run(['show', code])).stdout).not.toMatch(/DAMAGED/);
    damage(home, rel, '%PDF-1.4 not the scan that was stored');
    const show = await run(['show', code]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/DAMAGED FILE/);
    expect(show.stdout).toContain(rel);
    const json = JSON.parse((await run(['show', code, '--json'])).stdout) as { integrity: { damaged: { path: string; problem: string; kind: string; label: string }[] } };
    // the one stored copy is recorded for both components (test/helpers/ready-dossier.ts)
    expect(json.integrity.damaged).toEqual(['to-khai', 'giay-chung-sinh'].map((label) => expect.objectContaining({ path: rel, problem: 'changed', kind: 'scan', label })));
  });

  it('submit refuses to upload a changed scan as the original: exit 1, the entry failed with a message, nothing on the portal', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const { home, run } = await desk({ GOV_DESK_PORTAL_URL: sandbox.url, GOV_DESK_PORTAL_CLIENT_ID: sandbox.clientId, GOV_DESK_PORTAL_SECRET: sandbox.clientSecret });
    const { code, rel } = await seedReady(home);
    damage(home, rel, await makePdf(1, 'Another paper'));
    const sub = await run(['submit', code, '--json']);
    expect(sub.code).toBe(1);
    const line = JSON.parse(sub.stdout.trim().split('\n')[0]!) as { outcome: string; message: string };
    expect(line).toMatchObject({ code, outcome: 'failed' });
    expect(line.message).toContain('FILE_DAMAGED');
    const [entry] = (await new EmbeddedStore(home, 'test').outbox('portal')).filter((e) => e.code === code);
    expect(entry).toMatchObject({ status: 'failed', lastError: expect.stringContaining('FILE_DAMAGED') });
    expect(sandbox.stats().byRoute.files ?? 0).toBe(0);
    const { PortalClient } = await import('../../src/portal/client.js');
    expect(await new PortalClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret }).lookup(code)).toBeNull();
  });

  it('a later scan-import never deletes a stored result document', async () => {
    const { home, run } = await desk();
    const { code } = await seedReady(home);
    const doc = await makePdf(1, 'Giay khai sinh');
    const sha = sha256Hex(doc);
    const rel = `attachments/${code}/result/${sha.slice(0, 12)}-ket-qua.pdf`;
    mkdirSync(path.join(home, path.dirname(rel)), { recursive: true });
    writeFileSync(path.join(home, rel), doc, { mode: 0o400 });
    const old = new Date(Date.now() - 3 * 3600_000);
    utimesSync(path.join(home, rel), old, old);
    // a result on record, then the dossier back in processing (as a backwards status from the portal could do before)
    await new EmbeddedStore(home, 'test').tx(async (t) => {
      let d = (await t.dossier(code))!;
      d = applyAction(d, 'result-recorded', { at: fromVn('2026-03-02', 10, 0), operator: 'test', data: { decision: 'approved', documents: [{ path: rel, name: 'ket-qua.pdf', sha256: sha, size: doc.length, pages: 1 }] } }).dossier;
      d = applyAction(d, 'portal-status', { at: fromVn('2026-03-02', 10, 5), operator: 'portal', data: { status: 'processing' } }).dossier;
      await t.putDossier(d);
    });
    writeFileSync(path.join(home, 'gcs.pdf'), await makePdf(1, 'Giay chung sinh moi'));
    const r = await run(['scan-import', code, 'gcs.pdf', '--component', 'giay-chung-sinh', '--no-input']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(home, rel))).toBe(true);
  });
});

import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fromVn } from '../../src/domain/time.js';
import { outboxErrorText } from '../../src/portal/outbox-error.js';
import { type SandboxHandle, startSandbox } from '../../src/portal/sandbox/server.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { seedReady } from '../helpers/ready-dossier.js';
import { makePdf } from '../helpers/scan-files.js';

// The outbox stores why an entry failed as a code and shows it in the UI language (issue 12).
// Fictitious applicant (test/helpers/dossier.ts).
let sandbox: SandboxHandle | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function desk(sb: SandboxHandle) {
  const home = tempHome();
  const env = { NO_COLOR: '1', GOV_DESK_OPERATOR: 'Trần Văn Đức', GOV_DESK_PORTAL_URL: sb.url, GOV_DESK_PORTAL_CLIENT_ID: sb.clientId, GOV_DESK_PORTAL_SECRET: sb.clientSecret, GOV_DESK_PORTAL_RETRY_MS: '2' };
  const run = (args: string[], lang: 'vi' | 'en' = 'vi') => runInProcess(args, { home, env: { ...env, GOV_DESK_LANG: lang }, cwd: home, now: () => fromVn('2026-03-02', 11, 0) });
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
  return { home, run };
}

type Listed = { entries: { code: string; status: string; lastError: string | null; error: { code: string; message: string } | null }[] };

describe('outbox errors in the UI language', () => {
  it('a scan changed on disk: outbox list says FILE_DAMAGED in Vietnamese, in English with --lang en; lastError stays for JSON', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const { home, run } = await desk(sandbox);
    const { code, rel } = await seedReady(home);
    const abs = path.join(home, ...rel.split('/'));
    chmodSync(abs, 0o600);
    writeFileSync(abs, await makePdf(1, 'Another paper'));
    const sub = await run(['submit', code]);
    expect(sub.code).toBe(1);
    expect(sub.stdout + sub.stderr).toContain('đã bị thay đổi');

    const vi = await run(['outbox', 'list']);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain(`FILE_DAMAGED: Tệp ${rel} của hồ sơ ${code} đã bị thay đổi`);
    expect(vi.stdout).not.toMatch(/has changed|not sent as the original/);
    const en = await run(['outbox', 'list'], 'en');
    expect(en.stdout).toContain(`FILE_DAMAGED: The file ${rel} of dossier ${code} has changed`);

    const json = JSON.parse((await run(['outbox', 'list', '--json'])).stdout) as Listed;
    const entry = json.entries.find((e) => e.code === code)!;
    expect(entry.lastError).toContain('FILE_DAMAGED: The file'); // unchanged for older readers
    expect(entry.error).toEqual({ code: 'FILE_DAMAGED', message: expect.stringContaining('đã bị thay đổi') });
    const [stored] = (await new EmbeddedStore(home, 'test').outbox('portal')).filter((e) => e.code === code);
    expect(stored?.error?.code).toBe('FILE_DAMAGED');
  });

  it('a portal that keeps failing (503): retry-scheduled, the reason in Vietnamese', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-'), failRate: 1 });
    const { home, run } = await desk(sandbox);
    const { code } = await seedReady(home);
    await run(['submit', code]);
    const vi = await run(['outbox', 'list']);
    expect(vi.stdout).toContain('PORTAL_SERVER_ERROR: Hệ thống một cửa của tỉnh đang lỗi (HTTP 503)');
    expect(vi.stdout).not.toMatch(/provincial one-stop system failed/);
    const en = await run(['outbox', 'list'], 'en');
    expect(en.stdout).toContain('PORTAL_SERVER_ERROR: The provincial one-stop system failed (HTTP 503)');
  });

  it('an entry written before codes were stored shows its text as it is', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const { home, run } = await desk(sandbox);
    await new EmbeddedStore(home, 'test').tx(async (t) => {
      await t.putOutbox({ kind: 'portal', id: 'dongbo:old:1', op: 'dongbo', code: 'old', status: 'failed', attempts: 3, lastError: 'PORTAL_REJECTED: an old English text', nextAttemptAt: null, createdAt: '2026-03-01T08:00:00+07:00', updatedAt: '2026-03-01T08:00:00+07:00' });
    });
    expect((await run(['outbox', 'list'])).stdout).toContain('PORTAL_REJECTED: an old English text');
    expect(JSON.parse((await run(['outbox', 'list', '--json'])).stdout)).toMatchObject({ entries: [{ lastError: 'PORTAL_REJECTED: an old English text', error: null }] });
  });

  it('codes the sender makes itself are worded in each language, and so is giving up', () => {
    const conflict = { code: 'PORTAL_CONFLICT', vars: { fields: 'ChuHoSo, SoGiayToChuHoSo' } };
    expect(outboxErrorText(conflict, 'vi')).toBe('PORTAL_CONFLICT: mã này thuộc một hồ sơ khác trên cổng (khác ở: ChuHoSo, SoGiayToChuHoSo)');
    expect(outboxErrorText(conflict, 'en')).toBe('PORTAL_CONFLICT: the portal holds another dossier under this code (differs in: ChuHoSo, SoGiayToChuHoSo)');
    const refused = { code: 'PORTAL_RECORD_REFUSED', vars: { portalCode: 4, portalMessage: 'Thiếu trường MaTTHC' } };
    expect(outboxErrorText(refused, 'vi')).toBe('PORTAL_RECORD_REFUSED: cổng từ chối hồ sơ (mã lỗi 4): "Thiếu trường MaTTHC"');
    const gaveUp = { code: 'PORTAL_NETWORK', text: { vi: 'Không kết nối được', en: 'Cannot reach' }, attempts: 12 };
    expect(outboxErrorText(gaveUp, 'vi')).toBe('PORTAL_NETWORK: Không kết nối được (đã thử 12 lần)');
    expect(outboxErrorText(gaveUp, 'en')).toBe('PORTAL_NETWORK: Cannot reach (12 attempts)');
  });
});

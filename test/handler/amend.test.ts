import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromVn } from '../../src/domain/time.js';
import { PortalClient } from '../../src/portal/client.js';
import { type SandboxHandle, startSandbox } from '../../src/portal/sandbox/server.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';
import { seedReady } from '../helpers/ready-dossier.js';
import { allText, pdfText } from '../helpers/pdf-text.js';

const CODE = '000.00.00.H99-260302-0001';
const NOW = fromVn('2026-03-02', 10, 0);
let home: string;
let env: Record<string, string>;
const run = (args: string[], at = NOW) => runInProcess(args, { home, env, cwd: home, now: () => at });
const dossier = async () => (await new EmbeddedStore(home, 'test').getDossier(CODE))!.dossier;


let sandbox: SandboxHandle | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

beforeEach(async () => {
  home = tempHome();
  env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
  expect((await run(['init', '--example', '--no-input'], fromVn('2026-03-02', 8, 0))).code).toBe(0);
});

describe('gov-desk amend', () => {
  beforeEach(async () => {
    await seedReady(home, () => sampleDossier(CODE));
  });

  it('appends a reasoned correction; the history keeps the received value, show and list see the new one', async () => {
    const r = await run(['amend', '0001', '--name', 'Nguyễn Thị Hương', '--phone', '0987 654 321', '--reason', 'Gõ nhầm dấu; công dân báo số mới', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { applied: boolean; changes: Record<string, { from: string; to: string }> };
    expect(out.applied).toBe(true);
    expect(out.changes).toEqual({ fullName: { from: 'Nguyễn Thị Hường', to: 'Nguyễn Thị Hương' }, phone: { from: '0912345678', to: '0987654321' } });
    const d = await dossier();
    expect(d.applicant.fullName).toBe('Nguyễn Thị Hường'); // what was received is not edited
    const ev = d.events.at(-1)!;
    expect(ev).toMatchObject({ type: 'amended', operator: 'Trần Văn Đức', data: { target: 'applicant', reason: 'Gõ nhầm dấu; công dân báo số mới' } });
    const show = await run(['show', CODE]);
    expect(show.stdout).toContain('Applicant:      Nguyễn Thị Hương');
    expect(show.stdout).toMatch(/Corrected:.*name Nguyễn Thị Hường → Nguyễn Thị Hương; phone 09\*+78 → 09\*+21 · reason: Gõ nhầm dấu/);
    const list = JSON.parse((await run(['list', '--search', 'nguyen thi huong', '--json'])).stdout) as { dossiers: { applicantName: string }[] };
    expect(list.dossiers.map((x) => x.applicantName)).toEqual(['Nguyễn Thị Hương']);
    // the same correction again changes nothing and writes nothing
    const again = await run(['amend', CODE, '--name', 'Nguyễn Thị Hương', '--reason', 'x', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: false });
    expect((await dossier()).events.length).toBe(d.events.length);
  });

  it('refuses without a reason, without a correction, or with a bad value (exit 2, nothing written)', async () => {
    const before = (await dossier()).events.length;
    expect((await run(['amend', CODE, '--phone', '0987654321'])).code).toBe(2);
    expect((await run(['amend', CODE, '--reason', 'x'])).code).toBe(2);
    const bad = await run(['amend', CODE, '--phone', '12345', '--email', 'not-an-address', '--reason', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--phone');
    expect(bad.stderr).toContain('--email');
    // the birth year is encoded in the ID number: a date that contradicts it is refused
    expect((await run(['amend', CODE, '--birth-date', '12/05/1991', '--reason', 'x'])).code).toBe(2);
    expect((await run(['amend', CODE, '--representative', '--name', 'Lê Văn A', '--reason', 'x'])).code).toBe(2);
    expect((await dossier()).events.length).toBe(before);
  });

  it('--reprint prints Mẫu 01 again with the corrected name', async () => {
    const r = await run(['amend', CODE, '--name', 'Nguyễn Thị Hương', '--reason', 'Gõ nhầm dấu', '--reprint', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const file = (JSON.parse(r.stdout) as { document: { path: string } }).document.path;
    const text = allText(await pdfText(readFileSync(file)));
    expect(text).toContain('Nguyễn Thị Hương');
    expect(text).not.toContain('Nguyễn Thị Hường');
    expect((await dossier()).events.at(-1)).toMatchObject({ type: 'printed', data: { form: '01', reprint: true } });
  });
});

describe('amend after submission', () => {
  it('queues the corrected record for the portal, and sync sends it', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    env = { ...env, GOV_DESK_PORTAL_URL: sandbox.url, GOV_DESK_PORTAL_CLIENT_ID: sandbox.clientId, GOV_DESK_PORTAL_SECRET: sandbox.clientSecret, GOV_DESK_PORTAL_RETRY_MS: '2' };
    await seedReady(home, () => sampleDossier(CODE));
    // not submitted yet: nothing for the portal
    expect((await run(['amend', CODE, '--email', 'huong@example.org', '--reason', 'Công dân bổ sung thư'])).code).toBe(0);
    expect((await new EmbeddedStore(home, 'test').outbox('portal'))).toEqual([]);
    const sub = await run(['submit', CODE, '--json'], fromVn('2026-03-02', 10, 5));
    expect(sub.code, sub.stderr).toBe(0);
    const r = await run(['amend', CODE, '--name', 'Nguyễn Thị Hương', '--reason', 'Gõ nhầm dấu'], fromVn('2026-03-02', 10, 10));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Queued for the portal');
    const queued = (await new EmbeddedStore(home, 'test').outbox('portal')).filter((e) => e.status === 'queued');
    expect(queued.map((e) => e.op).sort()).toEqual(['dongbo', 'tiendo']);
    expect((await run(['sync', '--json'], fromVn('2026-03-02', 10, 15))).code).toBe(0);
    const rec = await new PortalClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret }).lookup(CODE);
    expect(rec?.ChuHoSo).toBe('Nguyễn Thị Hương');
  });
});

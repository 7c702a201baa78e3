import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleDossier } from '../helpers/dossier.js';
import { derive } from '../../src/domain/dossier/status.js';
import { fromVn } from '../../src/domain/time.js';
import { PortalClient } from '../../src/portal/client.js';
import { buildHoSo } from '../../src/portal/hoso.js';
import { queueDossierSync } from '../../src/portal/outbox.js';
import { flushPortalOutbox } from '../../src/portal/sender.js';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { type SandboxHandle, startSandbox } from '../../src/portal/sandbox/server.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { requireProfile } from '../../src/config/profile.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { seedReady } from '../helpers/ready-dossier.js';

// Two desks, one sandbox, one code issued twice (two PCs with the same agency code, or a restore of
// an older backup): fictitious citizens only.
let sandbox: SandboxHandle | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const OTHER = { fullName: 'Lê Văn Bình', personalId: '060185004321', birthDate: '1985-01-20', phone: '0987654321', email: null, address: 'Thôn 3, xã Suối Kiết' };

async function desk(sb: SandboxHandle) {
  const home = tempHome();
  const env = { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_OPERATOR: 'Trần Văn Đức', GOV_DESK_PORTAL_URL: sb.url, GOV_DESK_PORTAL_CLIENT_ID: sb.clientId, GOV_DESK_PORTAL_SECRET: sb.clientSecret, GOV_DESK_PORTAL_RETRY_MS: '2' };
  const run = (args: string[], at = fromVn('2026-03-02', 11, 0)) => runInProcess(args, { home, env, cwd: home, now: () => at });
  expect((await run(['init', '--example', '--no-input'], fromVn('2026-03-02', 8, 0))).code).toBe(0);
  return { home, run };
}

const client = (sb: SandboxHandle) => new PortalClient({ baseUrl: sb.url, clientId: sb.clientId, clientSecret: sb.clientSecret });
const portalHashes = (sb: SandboxHandle): string[] => (JSON.parse(readFileSync(path.join(sb.dataDir, 'state.json'), 'utf8')) as { files: { HashTepTin: string }[] }).files.map((f) => f.HashTepTin).sort();

describe('portal: a code the portal holds for another dossier is a conflict, never an update', () => {
  it('the second desk stops, keeps its dossier local and says so in submit --json, show, list and outbox list', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const a = await desk(sandbox);
    const b = await desk(sandbox);
    const { code } = await seedReady(a.home);
    const second = await seedReady(b.home, (d) => ({ ...sampleDossier(d.code, fromVn('2026-03-02', 10, 30)), applicant: OTHER }), 'To khai Le Van Binh');
    expect(second.code).toBe(code);

    const subA = await a.run(['submit', code, '--json']);
    expect(subA.code, subA.stderr).toBe(0);
    const filesOfA = portalHashes(sandbox);

    const subB = await b.run(['submit', code, '--json']);
    expect(subB.code, subB.stdout + subB.stderr).toBe(1);
    const line = JSON.parse(subB.stdout.trim().split('\n')[0]!) as { outcome: string; message: string };
    expect(line).toMatchObject({ code, outcome: 'conflict' });
    expect(line.message).toContain('PORTAL_CONFLICT');
    expect(line.message).not.toContain('Nguyễn Thị Hường'); // nothing of the other citizen is shown

    // the first citizen's record is untouched, and none of the second citizen's files went out
    const rec = await client(sandbox).lookup(code);
    expect(rec).toMatchObject({ ChuHoSo: 'Nguyễn Thị Hường', MaDoiTuong: '060190001234' });
    expect(portalHashes(sandbox)).toEqual(filesOfA);

    const show = await b.run(['show', code]);
    expect(show.stdout).toContain('CODE CONFLICT');
    expect(show.stdout).toContain(`gov-desk submit ${code}`);
    expect(show.stdout).not.toContain('Nguyễn Thị Hường');
    const showJson = JSON.parse((await b.run(['show', code, '--json'])).stdout) as { dossier: { portal: string } };
    expect(showJson.dossier.portal).toBe('conflict');
    const list = JSON.parse((await b.run(['list', '--json'])).stdout) as { dossiers: { code: string; portal: string }[] };
    expect(list.dossiers.find((d) => d.code === code)?.portal).toBe('conflict');
    expect((await b.run(['list'])).stdout).toMatch(/portal conflict/);
    const outbox = JSON.parse((await b.run(['outbox', 'list', '--json'])).stdout) as { entries: { code: string; status: string; lastError: string }[] };
    expect(outbox.entries.filter((e) => e.code === code)).toEqual([expect.objectContaining({ status: 'conflict', lastError: expect.stringContaining('PORTAL_CONFLICT') })]);

    // later steps on the second desk queue nothing that goes out; sync leaves the conflict alone
    expect((await b.run(['route', code, '--to', 'kinh-te'])).code).toBe(0);
    const syncB = await b.run(['sync', '--json']);
    expect(syncB.code, syncB.stderr).toBe(0);
    expect((await client(sandbox).lookup(code))?.ChuHoSo).toBe('Nguyễn Thị Hường');
    const dongbo = (await new EmbeddedStore(b.home, 'test').outbox('portal')).filter((e) => e.code === code && e.op === 'dongbo');
    expect(dongbo.map((e) => e.status)).toEqual(['conflict']);

    // an explicit submit checks again: still a conflict, recorded once in the history
    expect((await b.run(['submit', code])).code).toBe(1);
    const d = (await new EmbeddedStore(b.home, 'test').openDossiers()).find((x) => x.code === code)!;
    expect(d.events.filter((e) => e.type === 'portal-conflict')).toHaveLength(1);
    expect(d.events.some((e) => e.type === 'portal-accepted')).toBe(false);

    // the desk that created the record still updates it
    expect((await a.run(['route', code, '--to', 'kinh-te'])).code).toBe(0);
    expect((await a.run(['sync', '--json'])).code).toBe(0);
    expect((await client(sandbox).lookup(code))?.TrangThaiHoSo).toBe(4);
  });

  it('stays a conflict after a retry that failed in transit (portal unreachable, then back)', async () => {
    const dataDir = tempHome('sbx-');
    sandbox = await startSandbox({ port: 0, dataDir });
    const a = await desk(sandbox);
    const { code } = await seedReady(a.home);
    expect((await a.run(['submit', code])).code).toBe(0);
    const home = tempHome();
    const envFor = (sb: SandboxHandle) => ({ GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_OPERATOR: 'Trần Văn Đức', GOV_DESK_PORTAL_URL: sb.url, GOV_DESK_PORTAL_CLIENT_ID: sb.clientId, GOV_DESK_PORTAL_SECRET: sb.clientSecret, GOV_DESK_PORTAL_RETRY_MS: '2' });
    let env = envFor(sandbox);
    const run = (args: string[]) => runInProcess(args, { home, env, cwd: home, now: () => fromVn('2026-03-02', 11, 0) });
    expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
    await seedReady(home, (d) => ({ ...sampleDossier(d.code, fromVn('2026-03-02', 10, 30)), applicant: OTHER }), 'To khai Le Van Binh');
    expect((await run(['submit', code])).code).toBe(1);
    const state = async () => derive((await new EmbeddedStore(home, 'test').openDossiers()).find((x) => x.code === code)!).portal;
    expect(await state()).toBe('conflict');

    await sandbox.close();
    await run(['submit', code]); // unreachable: queued for a later try (its exit code is the CLI's business)
    sandbox = await startSandbox({ port: 0, dataDir });
    env = envFor(sandbox);
    const [entry] = (await new EmbeddedStore(home, 'test').outbox('portal')).filter((e) => e.code === code && e.op === 'dongbo');
    expect(entry!.status).toBe('retry-scheduled');
    expect((await run(['outbox', 'retry', entry!.id])).code).toBe(0);
    expect((await run(['sync'])).code).toBe(0);
    expect(await state()).toBe('conflict');
    expect((await client(sandbox).lookup(code))?.ChuHoSo).toBe('Nguyễn Thị Hường');
  });

  it('a record this home created that vanished (3) and was created again by another desk (2) is a conflict, not an update', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const a = await desk(sandbox);
    const { code } = await seedReady(a.home);
    const store = new EmbeddedStore(a.home, 'desk-a');
    // this home recorded the creation (on a portal since reset), and has a change to send
    await store.tx(async (t) => {
      const d = applyAction((await t.dossier(code))!, 'submit-queued', { at: fromVn('2026-03-02', 9, 10), operator: 'test', key: 'submit-queued' }).dossier;
      await t.putDossier(applyAction(d, 'portal-accepted', { at: fromVn('2026-03-02', 9, 11), operator: 'portal', key: 'portal-accepted' }).dossier);
      await queueDossierSync(t, code, fromVn('2026-03-02', 9, 12));
    });
    const profile = await requireProfile(a.home);
    const foreign = buildHoSo({ ...sampleDossier(code, fromVn('2026-03-02', 10, 30)), applicant: OTHER }, profile, []);
    const real = client(sandbox);
    const calls: boolean[] = [];
    // between our update (answered 3) and our create, another desk creates the code
    const racing = Object.assign(Object.create(real) as PortalClient, {
      syncDossiers: async (records: Parameters<PortalClient['syncDossiers']>[0], isUpdating: boolean) => {
        calls.push(isUpdating);
        if (!isUpdating) await real.syncDossiers([foreign], false);
        return real.syncDossiers(records, isUpdating);
      },
    });
    const results = await flushPortalOutbox(store, racing, profile, { concurrency: 1, now: () => fromVn('2026-03-02', 11, 0) });
    expect(calls).toEqual([true, false]);
    expect(results.find((r) => r.op === 'dongbo')).toMatchObject({ code, outcome: 'conflict' });
    expect((await real.lookup(code))?.ChuHoSo).toBe('Lê Văn Bình');
    expect(derive((await store.getDossier(code))!.dossier).portal).toBe('conflict');

    // neither an explicit submit nor a later step's progress touches the other desk's record
    expect((await a.run(['route', code, '--to', 'kinh-te'])).code).toBe(0);
    expect((await a.run(['submit', code])).code).toBe(1);
    expect((await a.run(['sync'])).code).toBe(0);
    const now = await real.lookup(code);
    expect(now).toMatchObject({ ChuHoSo: 'Lê Văn Bình', TrangThaiHoSo: foreign.TrangThaiHoSo, TienDo: [] });

    // settled with the province (the code is free again, here: a fresh portal): the next submit creates it, accepted again
    await sandbox.close();
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const env = { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_OPERATOR: 'Trần Văn Đức', GOV_DESK_PORTAL_URL: sandbox.url, GOV_DESK_PORTAL_CLIENT_ID: sandbox.clientId, GOV_DESK_PORTAL_SECRET: sandbox.clientSecret, GOV_DESK_PORTAL_RETRY_MS: '2' };
    const settled = await runInProcess(['submit', code], { home: a.home, env, cwd: a.home, now: () => fromVn('2026-03-02', 13, 0) });
    expect(settled.code, settled.stderr).toBe(0);
    expect(derive((await store.getDossier(code))!.dossier).portal).toBe('accepted');
    expect((await client(sandbox).lookup(code))?.ChuHoSo).toBe('Nguyễn Thị Hường');
  });

  it('a record this home created that the portal no longer knows (3) is created again, its files uploaded again', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const home = tempHome();
    let env: Record<string, string> = {};
    const useSandbox = (sb: SandboxHandle) => (env = { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_OPERATOR: 'Trần Văn Đức', GOV_DESK_PORTAL_URL: sb.url, GOV_DESK_PORTAL_CLIENT_ID: sb.clientId, GOV_DESK_PORTAL_SECRET: sb.clientSecret, GOV_DESK_PORTAL_RETRY_MS: '2' });
    let minute = 0;
    const run = (args: string[]) => runInProcess(args, { home, env, cwd: home, now: () => fromVn('2026-03-02', 11, minute++) });
    useSandbox(sandbox);
    expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
    const { code } = await seedReady(home);
    expect((await run(['submit', code])).code).toBe(0);
    expect((await run(['route', code, '--to', 'kinh-te'])).code).toBe(0);
    await sandbox.close();
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') }); // a portal that lost the record
    useSandbox(sandbox);
    const s = await run(['sync', '--json']);
    expect(s.code, s.stderr).toBe(0);
    const rec = await client(sandbox).lookup(code);
    expect(rec).toMatchObject({ ChuHoSo: 'Nguyễn Thị Hường', TrangThaiHoSo: 4 });
    expect(rec!.TaiLieuNop).toHaveLength(2);
    expect((await new EmbeddedStore(home, 'test').outbox('portal')).filter((e) => e.code === code).map((e) => e.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it("a record on the portal that is this very dossier (our create's answer was lost) is adopted and updated", async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const a = await desk(sandbox);
    const { code } = await seedReady(a.home);
    const d = (await new EmbeddedStore(a.home, 'test').openDossiers()).find((x) => x.code === code)!;
    // the create reached the portal (without files yet), the answer never came back
    const [r] = await client(sandbox).syncDossiers([buildHoSo(d, await requireProfile(a.home), [])], false);
    expect(r!.error_code).toBe(0);
    const sub = await a.run(['submit', code, '--json']);
    expect(sub.code, sub.stdout + sub.stderr).toBe(0);
    expect(JSON.parse(sub.stdout.trim().split('\n')[0]!)).toMatchObject({ outcome: 'accepted' });
    expect((await client(sandbox).lookup(code))?.TaiLieuNop).toHaveLength(2);
    const after = (await new EmbeddedStore(a.home, 'test').openDossiers()).find((x) => x.code === code)!;
    expect(after.events.find((e) => e.type === 'portal-accepted')?.data).toEqual({ adopted: true });
  });
});

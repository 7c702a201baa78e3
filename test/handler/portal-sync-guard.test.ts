import { afterEach, describe, expect, it } from 'vitest';
import { requireProfile } from '../../src/config/profile.js';
import { derive } from '../../src/domain/dossier/status.js';
import { fromVn } from '../../src/domain/time.js';
import { PortalClient } from '../../src/portal/client.js';
import { buildHoSo } from '../../src/portal/hoso.js';
import { type SandboxHandle, startSandbox } from '../../src/portal/sandbox/server.js';
import type { TienDo } from '../../src/portal/types.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';
import { seedReady } from '../helpers/ready-dossier.js';

// The changes feed is applied only to what this desk submitted, and only forward. Fictitious people.
let sandbox: SandboxHandle | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const step = (MaHoSo: string, TrangThai: TienDo['TrangThai'], ThoiDiemXuLy: string): TienDo => ({
  MaHoSo, TrangThai, ThoiDiemXuLy, NguoiXuLy: 'Cán bộ tỉnh', ChucDanh: 'Chuyên viên', PhongBanXuLy: 'Sở Tư pháp', NoiDungXuLy: 'Cập nhật từ tỉnh', NgayBatDau: '20260302090000', NgayKetThucTheoQuyDinh: '20260303090000',
});

describe('sync: statuses from the changes feed', () => {
  it('are ignored for a dossier this desk did not submit and never move a dossier backwards', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const home = tempHome();
    const env = { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_OPERATOR: 'Trần Văn Đức', GOV_DESK_PORTAL_URL: sandbox.url, GOV_DESK_PORTAL_CLIENT_ID: sandbox.clientId, GOV_DESK_PORTAL_SECRET: sandbox.clientSecret, GOV_DESK_PORTAL_RETRY_MS: '2' };
    const run = (args: string[], at = fromVn('2026-03-02', 11, 0)) => runInProcess(args, { home, env, cwd: home, now: () => at });
    const client = new PortalClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    const dossier = async (code: string) => (await new EmbeddedStore(home, 'test').openDossiers()).find((x) => x.code === code)!;
    const sync = async () => {
      const r = await run(['sync', '--json']);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { changes: { applied: number; ignored: { code: string; reason: string; from?: string; to?: string }[] } }).changes;
    };
    expect((await run(['init', '--example', '--no-input'], fromVn('2026-03-02', 8, 0))).code).toBe(0);

    const { code } = await seedReady(home);
    expect((await run(['submit', code])).code).toBe(0);
    expect((await run(['route', code, '--to', 'kinh-te'])).code).toBe(0);
    // a dossier of this desk never submitted from here, whose code another desk put on the portal
    const other = '000.00.00.H99-260302-0002';
    await new EmbeddedStore(home, 'test').tx((t) => t.putDossier(sampleDossier(other)));
    const foreign = { ...sampleDossier(other, fromVn('2026-03-02', 10, 0)), applicant: { ...sampleDossier().applicant, fullName: 'Lê Văn Bình', personalId: '060185004321' } };
    expect((await client.syncDossiers([buildHoSo(foreign, await requireProfile(home), [])], false))[0]!.error_code).toBe(0);
    await client.reportProgress([step(other, 4, '20260302103000')]);
    let changes = await sync();
    expect(changes.ignored).toContainEqual({ code: other, reason: 'not-submitted-here' });
    expect(derive(await dossier(code)).status).toBe('processing');

    // the province sends the dossier back to "received": ignored, reported
    await client.reportProgress([step(code, 2, '20260302120000')]);
    changes = await sync();
    expect(changes.ignored).toContainEqual({ code, reason: 'backwards', from: 'processing', to: 'received' });
    expect(derive(await dossier(code)).status).toBe('processing');
    expect((await dossier(other)).events.some((e) => e.type === 'portal-status')).toBe(false);

    // forward is applied: done on the provincial side
    await client.reportProgress([step(code, 9, '20260302130000')]);
    changes = await sync();
    expect(changes.applied).toBe(1);
    expect(derive(await dossier(code)).status).toBe('done');

    // and done never goes back to processing
    await client.reportProgress([step(code, 4, '20260302140000')]);
    changes = await sync();
    expect(changes.ignored).toContainEqual({ code, reason: 'backwards', from: 'done', to: 'processing' });
    expect(derive(await dossier(code)).status).toBe('done');
  });
});

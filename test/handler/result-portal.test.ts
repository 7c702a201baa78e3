import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fromVn } from '../../src/domain/time.js';
import { PortalClient } from '../../src/portal/client.js';
import { type SandboxHandle, startSandbox } from '../../src/portal/sandbox/server.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { seedReady } from '../helpers/ready-dossier.js';
import { makePdf } from '../helpers/scan-files.js';

// Fictitious applicant (test/helpers/dossier.ts): received Monday 2/3/2026 09:00, due Tuesday 09:00.
let sandbox: SandboxHandle | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});


describe('portal progress queued by route and result', () => {
  it('nothing before submission; afterwards each step queues tiendo (4, 5, 4, 9, 10) and dongbo; sync delivers them', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const home = tempHome();
    const env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức', GOV_DESK_PORTAL_URL: sandbox.url, GOV_DESK_PORTAL_CLIENT_ID: sandbox.clientId, GOV_DESK_PORTAL_SECRET: sandbox.clientSecret, GOV_DESK_PORTAL_RETRY_MS: '2' };
    const run = (args: string[], at: Date) => runInProcess(args, { home, env, cwd: home, now: () => at });
    const entries = async (code: string) => (await new EmbeddedStore(home, 'test').outbox('portal')).filter((e) => e.code === code);
    expect((await run(['init', '--example', '--no-input'], fromVn('2026-03-02', 8, 0))).code).toBe(0);
    const { code } = await seedReady(home);

    // before submission the portal does not know the dossier: nothing is queued
    expect((await run(['route', code], fromVn('2026-03-02', 9, 5))).code).toBe(0);
    expect((await run(['route', code, '--request-supplement', 'Giấy chứng sinh bị mờ', '--components', 'giay-chung-sinh'], fromVn('2026-03-02', 9, 6))).code).toBe(0);
    expect((await run(['route', code, '--supplement-received'], fromVn('2026-03-02', 9, 7))).code).toBe(0);
    expect(await entries(code)).toEqual([]);

    const sub = await run(['submit', code, '--json'], fromVn('2026-03-02', 9, 10));
    expect(sub.code, sub.stderr).toBe(0);
    const afterSubmit = (await entries(code)).length;
    expect((await entries(code)).every((e) => e.op === 'dongbo' && e.status === 'sent')).toBe(true);

    writeFileSync(path.join(home, 'ket-qua.pdf'), await makePdf(1, 'Giay khai sinh'));
    const steps: [string[], Date][] = [
      [['route', code, '--to', 'kinh-te'], fromVn('2026-03-02', 9, 20)],
      [['route', code, '--request-supplement', 'Tờ khai thiếu chữ ký', '--components', 'to-khai'], fromVn('2026-03-02', 9, 30)],
      [['route', code, '--supplement-received'], fromVn('2026-03-02', 10, 0)],
      [['result', code, '--approved', '--document', 'ket-qua.pdf'], fromVn('2026-03-02', 14, 0)],
      [['result', code, '--return', 'counter', '--collector-id', '060190001234'], fromVn('2026-03-02', 15, 0)],
    ];
    const expected = [4, 5, 4, 9, 10];
    for (const [i, [args, at]] of steps.entries()) {
      const r = await run(args, at);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      const queued = (await entries(code)).filter((e) => e.status === 'queued');
      const tiendo = queued.filter((e) => e.op === 'tiendo');
      expect(tiendo.map((e) => e.tienDo!.TrangThai), args.join(' ')).toEqual(expected.slice(0, i + 1));
      expect(tiendo.at(-1)!.tienDo).toMatchObject({ MaHoSo: code, NguoiXuLy: 'Trần Văn Đức', NgayBatDau: '20260302090000' });
      expect(queued.filter((e) => e.op === 'dongbo')).toHaveLength(1); // one open record update at a time
    }
    const tiendo = (await entries(code)).filter((e) => e.op === 'tiendo').map((e) => e.tienDo!);
    expect(tiendo.map((t) => t.ThoiDiemXuLy)).toEqual(['20260302092000', '20260302093000', '20260302100000', '20260302140000', '20260302150000']);
    expect(tiendo[0]!.PhongBanXuLy).toBe('Phòng Kinh tế');
    expect(tiendo.map((t) => t.NgayKetThucTheoQuyDinh)).toEqual(Array(5).fill('20260303090000')); // supplement back the same day: the date stays
    expect((await entries(code)).length).toBe(afterSubmit + 6);

    // the dossier is archived now; sync still sends its record and its progress
    const s = await run(['sync', '--json'], fromVn('2026-03-02', 15, 5));
    expect(s.code, s.stderr).toBe(0);
    expect((await entries(code)).every((e) => e.status === 'sent')).toBe(true);
    const client = new PortalClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    const rec = await client.lookup(code);
    expect(rec?.TrangThaiHoSo).toBe(10);
    expect(rec?.TienDo.map((t) => t.TrangThai)).toEqual(expect.arrayContaining([4, 5, 9, 10]));
    expect(rec?.DanhSachGiayToKetQua?.map((g) => g.TenGiayTo)).toEqual(['ket-qua.pdf']);
  });
});

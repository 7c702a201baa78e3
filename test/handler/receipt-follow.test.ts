import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allText, pdfText } from '../helpers/pdf-text.js';
import { runInProcess, tempHome } from '../helpers/context.js';

/** Mẫu 01 tells the citizen how to follow the dossier and what a postal return means (issue 17). */
describe('Mẫu 01: following the dossier', () => {
  const NOW = () => new Date('2026-03-02T02:00:00Z');
  const env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
  const intake = (home: string, extra: string[]) =>
    runInProcess(['intake', '--procedure', '1.004873', '--name', 'Phạm Minh Đức', '--id-number', '068085001122', '--birth-date', '03/04/1985', '--phone', '0387654321', '--all-components', ...extra, '--no-input', '--json'], { home, now: NOW, env });
  const receiptText = async (stdout: string) => allText(await pdfText(readFileSync((JSON.parse(stdout) as { dossier: { documents: { path: string }[] } }).dossier.documents[0]!.path)));

  it("names the portal's look-up page for the code when the profile has one, and the postal delay", async () => {
    const home = tempHome();
    expect((await runInProcess(['init', '--example', '--no-input'], { home })).code).toBe(0);
    const cfg = path.join(home, 'config.json');
    writeFileSync(cfg, JSON.stringify({ ...JSON.parse(readFileSync(cfg, 'utf8')), tracking: { urlTemplate: 'https://dvc.example.vn/tra-cuu?ma={code}' } }));
    const r = await intake(home, ['--delivery', 'post', '--post-address', 'Thôn 2, xã Suối Kiết', '--post-zone', 'same-district']);
    expect(r.code, r.stderr).toBe(0);
    const text = (await receiptText(r.stdout)).replace(/\s+/g, ' ');
    expect(text).toContain('Theo dõi tiến độ giải quyết: tra cứu bằng mã hồ sơ 000.00.00.H99-260302-0001 tại https://dvc.example.vn/tra-cuu?ma=000.00.00.H99-260302-0001');
    expect(text).toContain('có thể dài hơn thời gian hẹn trả');
  });

  it('without a tracking page: the portal where the citizen files (DVCQG by default); no postal note at the counter', async () => {
    const home = tempHome();
    expect((await runInProcess(['init', '--example', '--no-input'], { home })).code).toBe(0);
    const r = await intake(home, ['--delivery', 'counter']);
    expect(r.code, r.stderr).toBe(0);
    const text = (await receiptText(r.stdout)).replace(/\s+/g, ' ');
    expect(text).toContain('tra cứu bằng mã hồ sơ 000.00.00.H99-260302-0001 tại dichvucong.gov.vn');
    expect(text).not.toContain('chuyển phát');
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allText, pdfText } from '../helpers/pdf-text.js';
import { runInProcess, tempHome } from '../helpers/context.js';

/**
 * `report guidance` (issue 17) over a small month: two dossiers in February (one online, one paper
 * scanned), one in March (paper, not scanned); four guidance records. Every figure is checked
 * against the JSON, and the JSON against the records.
 */
const env = { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
let home: string;
const at = (iso: string) => () => new Date(iso);
const cli = (args: string[], now = at('2026-03-10T03:00:00Z')) => runInProcess(args, { home, now, env });

beforeAll(async () => {
  home = tempHome();
  expect((await cli(['init', '--example', '--no-input'])).code).toBe(0);
  const cfg = path.join(home, 'config.json');
  writeFileSync(cfg, JSON.stringify({ ...JSON.parse(readFileSync(cfg, 'utf8')), targets: { onlinePct: 80, digitisedPct: null } }));
  const feb = at('2026-02-16T02:00:00Z');
  const online = await cli(['intake', '--procedure', '1.001193', '--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--channel', 'online', '--vneid-level2', 'yes', '--all-components', '--delivery', 'counter', '--no-input'], feb);
  expect(online.code, online.stderr).toBe(0);
  const paper = await cli(['intake', '--procedure', '1.004873', '--name', 'Phạm Minh Đức', '--id-number', '068085001122', '--birth-date', '03/04/1985', '--phone', '0387654321', '--all-components', '--no-input'], feb);
  expect(paper.code, paper.stderr).toBe(0);
  const pdf = path.join(home, 'to-khai.pdf');
  writeFileSync(pdf, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const scan = await cli(['scan-import', '000.00.00.H99-260216-0002', pdf, '--component', 'to-khai', '--no-input'], feb);
  expect(scan.code, scan.stderr).toBe(0);
  expect((await cli(['intake', '--procedure', '1.004873', '--name', 'Lê Văn An', '--id-number', '068085001123', '--birth-date', '03/04/1985', '--phone', '0387654322', '--all-components', '--no-input'])).code).toBe(0);
  const g = (args: string[], now?: () => Date) => cli(['guide', ...args, '--no-input'], now).then((r) => expect(r.code, r.stderr).toBe(0));
  await g(['--kind', 'vneid,assisted', '--dossier', '000.00.00.H99-260216-0001', '--procedure', '1.001193', '--minutes', '20'], feb);
  await g(['--kind', 'explain,checklist', '--procedure', '1.004873', '--minutes', '5', '--member', 'Lê Thị Mai'], feb);
  await g(['--kind', 'self-filed', '--procedure', '1.001193', '--minutes', '10']);
  await g(['--kind', 'explain']);
});

describe('gov-desk report guidance', () => {
  it('the figures of a period as JSON, each reproducible from the records and dossiers', async () => {
    const r = await cli(['report', 'guidance', '--from', '2026-02-01', '--to', '2026-03-31', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, kind: 'guidance-report', from: '2026-02-01', to: '2026-03-31', targets: { onlinePct: 80, digitisedPct: null } });
    expect(doc.guidance).toEqual({ citizens: 4, byKind: { explain: 2, checklist: 1, vneid: 1, 'self-filed': 1, assisted: 1, other: 0 }, minutes: 35, timedRecords: 3, averageMinutes: 11.7 });
    expect(doc.dossiers).toEqual({ received: 3, online: 1, onlinePct: 33.3, eligible: 3, eligibleOnline: 1, eligibleOnlinePct: 33.3, toanTrinh: 0, motPhan: 0, levelUnknown: 1, paper: 2, paperDigitised: 1, paperDigitisedPct: 50 });
    expect(doc.months).toEqual([{ month: '2026-02', received: 2, online: 1, onlinePct: 50 }, { month: '2026-03', received: 1, online: 0, onlinePct: 0 }]);
  });

  it('--by month, member, procedure and kind; the default period is this month', async () => {
    const month = JSON.parse((await cli(['report', 'guidance', '--from', '2026-02-01', '--to', '2026-03-31', '--by', 'month', '--json'])).stdout);
    expect(month.groups.map((g: { key: string; guidance: { citizens: number }; dossiers: { onlinePct: number } }) => [g.key, g.guidance.citizens, g.dossiers.onlinePct])).toEqual([['2026-02', 2, 50], ['2026-03', 2, 0]]);
    const member = JSON.parse((await cli(['report', 'guidance', '--from', '2026-02-01', '--by', 'member', '--json'])).stdout);
    expect(member.groups.map((g: { key: string; guidance: { minutes: number }; dossiers: unknown }) => [g.key, g.guidance.minutes, g.dossiers])).toEqual([['Lê Thị Mai', 5, null], ['Trần Văn Đức', 30, null]]);
    const proc = JSON.parse((await cli(['report', 'guidance', '--from', '2026-02-01', '--by', 'procedure', '--json'])).stdout);
    expect(proc.groups.map((g: { key: string; guidance: { citizens: number } }) => [g.key, g.guidance.citizens])).toEqual([['', 1], ['1.001193', 2], ['1.004873', 1]]);
    const kind = JSON.parse((await cli(['report', 'guidance', '--from', '2026-02-01', '--by', 'kind', '--json'])).stdout);
    expect(kind.groups.find((g: { key: string }) => g.key === 'explain').guidance.citizens).toBe(2);
    const march = JSON.parse((await cli(['report', 'guidance', '--json'])).stdout);
    expect([march.from, march.to, march.guidance.citizens, march.dossiers.received]).toEqual(['2026-03-01', '2026-03-10', 2, 1]);
  });

  it('the terminal table with the monthly bar chart, CSV, and a bad --by is exit 2', async () => {
    const text = await cli(['report', 'guidance', '--from', '2026-02-01', '--by', 'member']);
    expect(text.stdout).toContain('Share of dossiers filed online, by month');
    expect(text.stdout).toMatch(/02\/2026 █+\s+50% \(1\/2\)/);
    expect(text.stdout).toMatch(/Province's target: share filed online\s+80%/);
    expect(text.stdout).toMatch(/Lê Thị Mai\s+1\s+0\s+0\s+0\s+5/);
    const csv = await cli(['report', 'guidance', '--from', '2026-02-01', '--by', 'month', '--csv']);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^group,key,label,from,to,citizens,kind_explain/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^total,,Total,2026-02-01,2026-03-10,4,2,1,1,1,1,0,35,3,11.7,3,1,33.3,/);
    const bad = await cli(['report', 'guidance', '--by', 'channel', '--json']);
    expect(bad.code).toBe(2);
  });

  it('--pdf: an A4 report in Vietnamese', async () => {
    const file = path.join(home, 'bao-cao.pdf');
    const r = await cli(['report', 'guidance', '--from', '2026-02-01', '--pdf', file]);
    expect(r.code, r.stderr).toBe(0);
    const info = await pdfText(readFileSync(file));
    expect(Math.round(info.pages[0]!.width)).toBe(595);
    const text = allText(info);
    for (const s of ['BÁO CÁO KẾT QUẢ HỖ TRỢ NGƯỜI DÂN SỬ DỤNG DỊCH VỤ CÔNG TRỰC TUYẾN', 'Từ 01/02/2026 đến 10/03/2026', 'Lượt công dân được hỗ trợ', 'Hỗ trợ tài khoản VNeID mức 2', 'Tỷ lệ hồ sơ nộp trực tuyến theo tháng', '02/2026', '80%']) expect(text).toContain(s);
  });
});

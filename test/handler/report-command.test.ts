import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Action } from '../../src/domain/dossier/status.js';
import type { Channel, Dossier } from '../../src/domain/dossier/types.js';
import { fromVn, toVnIso } from '../../src/domain/time.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { PROC, sampleDossier } from '../helpers/dossier.js';
import { allText, isFontEmbedded, pdfText } from '../helpers/pdf-text.js';

const P2 = { ...PROC, code: '2.000635', name: 'Thủ tục cấp bản sao trích lục hộ tịch' };
type Step = [Action, Date, Record<string, unknown>?];

function make(code: string, proc: typeof PROC, channel: Channel, received: Date, due: Date, number: number, steps: Step[], name = 'Nguyễn Thị Hường'): Dossier {
  let d: Dossier = { ...sampleDossier(code, received), procedure: proc, channel, dueAt: toVnIso(due), register: { book: toVnIso(received).slice(0, 4), number } };
  d = { ...d, applicant: { ...d.applicant, fullName: name } };
  for (const [a, at, data] of steps) d = applyAction(d, a, { at, operator: 'Trần Văn Đức', ...(data ? { data } : {}) }).dossier;
  return d;
}

const vp = (at: Date): Step => ['routed', at, { to: 'van-phong', toName: 'Văn phòng HĐND và UBND' }];
const done = (at: Date): Step => ['result-recorded', at, { decision: 'approved' }];

// A: early, online, digitised, returned by post (archived); B: late, open; C: received in February,
// on time, returned (archived); D: received in 2025, late, returned (archived under 2025); E: open.
const DOSSIERS: Dossier[] = [
  make('000.00.00.H99-260302-0001', PROC, 'online', fromVn('2026-03-02', 8), fromVn('2026-03-03', 16, 30), 10, [
    ['scanned', fromVn('2026-03-02', 8, 5), { files: 1 }], vp(fromVn('2026-03-02', 8, 30)), done(fromVn('2026-03-02', 15)),
    ['result-returned', fromVn('2026-03-02', 16), { method: 'post', timing: 'early' }],
  ], 'Đặng Thị Mỹ Dung'),
  make('000.00.00.H99-260302-0002', PROC, 'in-person', fromVn('2026-03-02', 8, 30), fromVn('2026-03-02', 16, 30), 11, [vp(fromVn('2026-03-02', 9)), done(fromVn('2026-03-03', 9))], 'Vũ Văn Tự'),
  make('000.00.00.H99-260227-0001', PROC, 'in-person', fromVn('2026-02-27', 10), fromVn('2026-03-02', 16, 30), 9, [done(fromVn('2026-03-02', 10)), ['result-returned', fromVn('2026-03-02', 11), { method: 'counter', timing: 'on-time' }]]),
  make('000.00.00.H99-251230-0001', P2, 'in-person', fromVn('2025-12-30', 9), fromVn('2026-01-05', 16, 30), 300, [done(fromVn('2026-03-02', 9)), ['result-returned', fromVn('2026-03-02', 10), { method: 'counter', timing: 'late' }]], 'Hồ Thị Ngữ'),
  make('000.00.00.H99-260305-0001', PROC, 'in-person', fromVn('2026-03-05', 9), fromVn('2026-03-06', 16, 30), 12, [], 'Lê Văn Dẫn'),
];

let home: string;
const run = (argv: string[]) => runInProcess(argv, { home });

beforeAll(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
  await new EmbeddedStore(home, 'test').tx(async (t) => {
    for (const d of DOSSIERS) await t.putDossier(d);
  });
  // the closed ones moved to the yearly archive (2025 and 2026)
  expect((await new EmbeddedStore(home, 'test').openDossiers()).map((d) => d.code).sort()).toEqual(['000.00.00.H99-260302-0002', '000.00.00.H99-260305-0001']);
});

describe('gov-desk report', () => {
  it('computes the figures of a month from the active file and the archive (--json)', async () => {
    const r = await run(['report', '--from', '2026-03-01', '--to', '31/03/2026', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, kind: 'report', from: '2026-03-01', to: '2026-03-31', dayUnit: 'working-days', by: null });
    expect(doc.totals).toMatchObject({
      received: 3, online: 1, onlinePct: 33.3, digitised: 1, resolved: 4, early: 1, onTime: 1, late: 2,
      earlyPct: 25, onTimePct: 25, latePct: 50, earlyOrOnTimePct: 50, returnedByPost: 1,
    });
    // A 0, B 1, C 1 working day (Mon 02/03 after Fri 27/02)
    expect(doc.procedures[0]).toEqual({ code: '1.001193', name: PROC.name, resolved: 3, averageDays: 0.67 });
    expect(doc.procedures[1]).toMatchObject({ code: '2.000635', resolved: 1 });
    expect(doc.months).toEqual([{ month: '2026-03', resolved: 4, earlyOrOnTimePct: 50 }]);
  });

  it('counts calendar days on request', async () => {
    const doc = JSON.parse((await run(['report', '--from', '2026-03-01', '--to', '2026-03-31', '--calendar-days', '--json'])).stdout);
    expect(doc.dayUnit).toBe('calendar-days');
    expect(doc.procedures[0].averageDays).toBe(1.33);
  });

  it('defaults to the current month up to today', async () => {
    const doc = JSON.parse((await run(['report', '--json'])).stdout);
    expect([doc.from, doc.to]).toEqual(['2026-03-01', '2026-03-02']); // the fake clock: Monday 02/03/2026
    expect(doc.totals.received).toBe(2);
  });

  it('prints a readable table and a bar chart, with the note on stderr (Vietnamese)', async () => {
    const r = await run(['report', '--from', '2026-02-01', '--to', '2026-03-31', '--lang', 'vi']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Số liệu của xã từ 01/02/2026 đến 31/03/2026');
    expect(r.stdout).toMatch(/Tiếp nhận\s+4/);
    expect(r.stdout).toMatch(/quá hạn\s+2\s+\(50%\)/);
    expect(r.stdout).toContain('1.001193');
    expect(r.stdout).toMatch(/02\/2026 \s+—/); // nothing resolved in February
    expect(r.stdout).toMatch(/03\/2026 █{15}\s+50%/);
    expect(r.stderr).toContain('không phải điểm Bộ chỉ số QĐ 766');
  });

  it('groups by month, channel or procedure (English)', async () => {
    const r = await run(['report', '--from', '2026-02-01', '--to', '2026-03-31', '--by', 'channel']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/In person\s+3\s/);
    expect(r.stdout).toMatch(/Online\s+1\s+100%/);
    expect(r.stdout).toMatch(/Total\s+4\s/);
    const doc = JSON.parse((await run(['report', '--from', '2026-02-01', '--to', '2026-03-31', '--by', 'month', '--json'])).stdout);
    expect(doc.groups.map((g: { key: string; figures: { received: number } }) => [g.key, g.figures.received])).toEqual([['2026-02', 1], ['2026-03', 3]]);
  });

  it('writes CSV to a file with a BOM and CRLF, or prints it', async () => {
    const file = path.join(home, 'bao-cao.csv');
    const r = await run(['report', '--from', '2026-03-01', '--to', '2026-03-31', '--by', 'procedure', '--csv', file]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(file);
    const csv = readFileSync(file, 'utf8');
    expect(csv.startsWith('\uFEFFgroup,key,label,from,to,dayUnit,received')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(5); // header, total, two procedures, final empty
    expect(lines[1]).toMatch(/^total,,Total,2026-03-01,2026-03-31,working-days,3,1,33.3,/);
    expect(lines[3]).toContain(P2.name);
    const out = await run(['report', '--from', '2026-03-01', '--to', '2026-03-31', '--csv']);
    expect(out.stdout.startsWith('group,')).toBe(true);
  });

  it.each([
    [['--by', 'week']],
    [['--from', '2026-13-01']],
    [['--from', '0001-01-01']], // year 0001: not a silent 1901 (issue 13 point 14)
    [['--to', '30/02/2026']],
    [['--from', '2026-03-10', '--to', '2026-03-01']],
    [['--json', '--csv']],
  ])('refuses %j with exit 2', async (extra) => {
    const r = await run(['report', ...extra]);
    expect(r.code).toBe(2);
    // no report on stdout; with --json only the error document (docs/json-output.md, Failures)
    if (extra.includes('--json')) expect(Object.keys(JSON.parse(r.stdout) as object)).toEqual(['schemaVersion', 'error']);
    else expect(r.stdout).toBe('');
  });
});

describe('gov-desk ledger', () => {
  it('writes the A4 PDF and the CSV under <home>/documents/reports by default', async () => {
    const r = await run(['ledger', '--from', '2026-02-01', '--to', '2026-03-31']);
    expect(r.code).toBe(0);
    const files = r.stdout.trim().split('\n');
    expect(files).toEqual([
      path.join(home, 'documents', 'reports', 'so-theo-doi-ho-so_2026-02-01_2026-03-31.pdf'),
      path.join(home, 'documents', 'reports', 'so-theo-doi-ho-so_2026-02-01_2026-03-31.csv'),
    ]);
    const pdf = readFileSync(files[0]!);
    expect(isFontEmbedded(pdf)).toBe(true);
    const info = await pdfText(pdf);
    expect(info.pages[0]!.width).toBeCloseTo(841.89, 1);
    const text = allText(info);
    for (const s of ['SỔ THEO DÕI HỒ SƠ', 'Quyển số: 2026', 'Đặng Thị Mỹ Dung', 'Vũ Văn Tự', 'Lê Văn Dẫn', 'Văn phòng HĐND và UBND', 'Trả qua bưu chính công ích'])
      expect(text).toContain(s);
    expect(text).not.toContain('Hồ Thị Ngữ'); // received in 2025
    const csv = readFileSync(files[1]!, 'utf8');
    expect(csv.startsWith('\uFEFFQuyển số,Số thứ tự')).toBe(true);
    const rows = csv.split('\r\n').slice(1, -1);
    expect(rows.map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['2026,9', '2026,10', '2026,11', '2026,12']);
  });

  it('--json lists the rows without writing files unless asked; --book filters', async () => {
    const r = await run(['ledger', '--book', '2025', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, kind: 'ledger', book: '2025', count: 1, files: { pdf: null, csv: null } });
    expect(doc.rows[0]).toMatchObject({ code: '000.00.00.H99-251230-0001', applicantName: 'Hồ Thị Ngữ', number: 300 });
    // a relative file name is taken from the working folder
    const withCsv = JSON.parse((await runInProcess(['ledger', '--book', '2025', '--json', '--csv', 'so-2025.csv'], { home, cwd: home })).stdout);
    expect(withCsv.files).toEqual({ pdf: null, csv: path.join(home, 'so-2025.csv') });
    expect(readFileSync(withCsv.files.csv, 'utf8')).toContain('Hồ Thị Ngữ');
    expect(readdirSync(path.join(home, 'documents', 'reports')).some((f) => f.includes('quyen-2025'))).toBe(false);
  });

  it('refuses a bad date with exit 2', async () => {
    expect((await run(['ledger', '--to', '31/02/2026'])).code).toBe(2);
    expect((await run(['ledger', '--from', '01/01/0001'])).code).toBe(2);
  });
});

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { routeHandler } from '../../src/commands/route/handler.js';
import { derive } from '../../src/domain/dossier/status.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { fromVn } from '../../src/domain/time.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';
import { allText, pdfText } from '../helpers/pdf-text.js';

// Fictitious people. Monday 2 March 2026, 09:00 in Vietnam; 1.001193 takes one working day.
const MON_0900 = fromVn('2026-03-02', 9, 0);
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', 'Thôn 1, xã Suối Kiết'];
const COUNTER = 'Trần Văn Đức';

let home: string;
const run = (args: string[], now: Date) => runInProcess(args, { home, now: () => now, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: COUNTER } });
const activeFile = () => readFileSync(path.join(home, 'db', 'active.json'), 'utf8');
const load = async (code: string): Promise<Dossier> => (await new EmbeddedStore(home, 'test').getDossier(code))!.dossier;
const json = (s: string) => JSON.parse(s) as Record<string, unknown>;

async function receive(now = MON_0900): Promise<string> {
  const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--allow-duplicate', '--no-input', '--json'], now);
  expect(r.code, r.stderr).toBe(0);
  return String((json(r.stdout).dossier as { code: string }).code);
}

/** Call the handler directly to see the error's code; the CLI must exit with `exit`, writing nothing. */
async function refused(args: string[], opts: Record<string, unknown>, now: Date, code: string, exit: 1 | 2): Promise<void> {
  const before = activeFile();
  const ctx = fakeContext({ home, now: () => now, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: COUNTER } });
  await expect(routeHandler(ctx, { args, opts })).rejects.toMatchObject({ code, exitCode: exit });
  expect(activeFile()).toBe(before);
}

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'], MON_0900)).code).toBe(0);
});

describe('route: hand-overs', () => {
  it('routes to the department mapped from the procedure field and records who, to whom and when', async () => {
    const code = await receive();
    const at = fromVn('2026-03-02', 9, 10);
    const r = await run(['route', code, '--json'], at);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ schemaVersion: 1, code, action: 'route', applied: true, status: 'processing', department: 'van-phong' });
    const e = (await load(code)).events.at(-1)!;
    expect(e).toMatchObject({ type: 'routed', at: '2026-03-02T09:10:00+07:00', operator: COUNTER, data: { to: 'van-phong', toName: 'Văn phòng HĐND và UBND' } });
  });

  it('--to picks another department and keeps the note', async () => {
    const code = await receive();
    const r = await run(['route', code, '--to', 'kinh-te', '--note', 'Cần ý kiến về đất', '--json'], fromVn('2026-03-02', 9, 20));
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ department: 'kinh-te', applied: true });
    expect((await load(code)).events.at(-1)!.data).toMatchObject({ to: 'kinh-te', toName: 'Phòng Kinh tế', note: 'Cần ý kiến về đất' });
  });

  it('an unknown department exits 2 naming the known ones, writing nothing', async () => {
    const code = await receive();
    const before = activeFile();
    const r = await run(['route', code, '--to', 'tai-chinh'], fromVn('2026-03-02', 9, 20));
    expect(r.code).toBe(2);
    for (const id of ['tai-chinh', 'van-phong', 'van-hoa-xa-hoi', 'kinh-te']) expect(r.stderr).toContain(id);
    expect(activeFile()).toBe(before);
    await refused([code], { to: 'tai-chinh' }, fromVn('2026-03-02', 9, 20), 'DEPARTMENT_UNKNOWN', 2);
  });

  it('a per-procedure override wins over the field; no mapping at all asks for --to (exit 2)', async () => {
    const code = await receive();
    const file = path.join(home, 'config.json');
    const profile = JSON.parse(readFileSync(file, 'utf8')) as { fieldDepartments: Record<string, string>; procedureDepartments: Record<string, string> };
    profile.procedureDepartments = { '1.001193': 'van-hoa-xa-hoi' };
    writeFileSync(file, JSON.stringify(profile));
    expect(json((await run(['route', code, '--json'], fromVn('2026-03-02', 9, 10))).stdout)).toMatchObject({ department: 'van-hoa-xa-hoi' });
    const other = await receive();
    profile.procedureDepartments = {};
    delete profile.fieldDepartments['Hộ tịch'];
    writeFileSync(file, JSON.stringify(profile));
    const r = await run(['route', other], fromVn('2026-03-02', 9, 20));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--to');
    await refused([other], {}, fromVn('2026-03-02', 9, 20), 'DEPARTMENT_UNKNOWN', 2);
  });

  it('repeating the same hand-over is a no-op', async () => {
    const code = await receive();
    expect((await run(['route', code], fromVn('2026-03-02', 9, 10))).code).toBe(0);
    const events = (await load(code)).events.length;
    const again = await run(['route', code, '--to', 'van-phong', '--json'], fromVn('2026-03-02', 9, 40));
    expect(again.code).toBe(0);
    expect(json(again.stdout)).toMatchObject({ applied: false, department: 'van-phong' });
    expect((await load(code)).events).toHaveLength(events);
  });

  it('--accept records the receiving officer and time; repeating it is a no-op', async () => {
    const code = await receive();
    await run(['route', code], fromVn('2026-03-02', 9, 10));
    const r = await run(['route', code, '--accept', '--operator', 'Lê Thị Mai', '--json'], fromVn('2026-03-02', 9, 30));
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ action: 'accept', applied: true, department: 'van-phong' });
    expect((await load(code)).events.at(-1)).toMatchObject({ type: 'handover-accepted', at: '2026-03-02T09:30:00+07:00', operator: 'Lê Thị Mai', data: { department: 'van-phong', by: 'Lê Thị Mai' } });
    const n = (await load(code)).events.length;
    const again = await run(['route', code, '--accept', '--operator', 'Lê Thị Mai', '--json'], fromVn('2026-03-02', 9, 35));
    expect(json(again.stdout)).toMatchObject({ applied: false });
    expect((await load(code)).events).toHaveLength(n);
  });

  it('--accept before any hand-over exits 1 (NOT_ROUTED), writing nothing', async () => {
    const code = await receive();
    expect((await run(['route', code, '--accept'], fromVn('2026-03-02', 9, 30))).code).toBe(1);
    await refused([code], { accept: true }, fromVn('2026-03-02', 9, 30), 'NOT_ROUTED', 1);
  });

  it('--return hands it back to the counter; again is a no-op; it can then be routed anew', async () => {
    const code = await receive();
    await run(['route', code], fromVn('2026-03-02', 9, 10));
    const r = await run(['route', code, '--return', '--note', 'Đã ký'.normalize('NFD'), '--operator', 'Lê Thị Mai', '--json'], fromVn('2026-03-02', 14, 0));
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ action: 'return', applied: true, department: null, status: 'processing' });
    expect((await load(code)).events.at(-1)).toMatchObject({ type: 'returned-to-counter', operator: 'Lê Thị Mai', data: { from: 'van-phong', note: 'Đã ký' } });
    const n = (await load(code)).events.length;
    expect(json((await run(['route', code, '--return', '--json'], fromVn('2026-03-02', 14, 5))).stdout)).toMatchObject({ applied: false });
    expect((await load(code)).events).toHaveLength(n);
    expect(json((await run(['route', code, '--json'], fromVn('2026-03-02', 14, 10))).stdout)).toMatchObject({ applied: true, department: 'van-phong' });
  });

  it('more than one action at once is a usage error', async () => {
    const code = await receive();
    const before = activeFile();
    expect((await run(['route', code, '--accept', '--return'], MON_0900)).code).toBe(2);
    expect((await run(['route', code, '--to', 'kinh-te', '--accept'], MON_0900)).code).toBe(2);
    expect(activeFile()).toBe(before);
  });
});

describe('route --control-slip (Mẫu 05)', () => {
  it('has one row per hand-over with who gave, who received, when, and the on-time judgement', async () => {
    const code = await receive(); // due Tue 3/3 09:00
    await run(['route', code], fromVn('2026-03-02', 9, 10));
    await run(['route', code, '--accept', '--operator', 'Lê Thị Mai'], fromVn('2026-03-02', 9, 30));
    await run(['route', code, '--to', 'kinh-te', '--operator', 'Lê Thị Mai'], fromVn('2026-03-02', 14, 0)); // row 1 ends Mon: early
    await run(['route', code, '--accept', '--operator', 'Phạm Minh Khoa'], fromVn('2026-03-02', 14, 30));
    await run(['route', code, '--return', '--operator', 'Phạm Minh Khoa'], fromVn('2026-03-03', 10, 0)); // row 2 ends Tue 10:00: late
    const r = await run(['route', code, '--control-slip', '--json'], fromVn('2026-03-03', 10, 5));
    expect(r.code, r.stderr).toBe(0);
    const out = json(r.stdout) as { form: string; path: string; rows: Record<string, unknown>[] };
    // received in 2026 (TT 03/2025): the control slip is Mẫu 06, in the JSON, the file name and on paper
    expect(out.form).toBe('06');
    expect(path.basename(out.path)).toBe('mau-06-phieu-kiem-soat.pdf');
    const centre = 'Trung tâm Phục vụ hành chính công xã Suối Kiết';
    expect(out.rows).toEqual([
      expect.objectContaining({ from: centre, to: 'Văn phòng HĐND và UBND', handedAt: '2026-03-02T09:10:00+07:00', handedBy: COUNTER, receivedAt: '2026-03-02T09:30:00+07:00', receivedBy: 'Lê Thị Mai', timing: 'early' }),
      expect.objectContaining({ from: 'Văn phòng HĐND và UBND', to: 'Phòng Kinh tế', handedAt: '2026-03-02T14:00:00+07:00', handedBy: 'Lê Thị Mai', receivedAt: '2026-03-02T14:30:00+07:00', receivedBy: 'Phạm Minh Khoa', timing: 'late' }),
      expect.objectContaining({ from: 'Phòng Kinh tế', to: centre, handedAt: '2026-03-03T10:00:00+07:00', handedBy: 'Phạm Minh Khoa', timing: null }),
    ]);
    const text = allText(await pdfText(readFileSync(out.path)));
    for (const s of [code, 'Nguyễn Thị Hường', COUNTER, 'Lê Thị Mai', 'Phạm Minh Khoa', 'Văn phòng HĐND và UBND', 'Phòng Kinh tế', 'Trước hạn', 'Quá hạn', '09 giờ 30 phút']) expect(text).toContain(s);
    expect(text).not.toContain('Đúng hạn');
    expect(text).toContain('Mẫu số 06');
    const printed = (await load(code)).events.at(-1)!;
    expect(printed).toMatchObject({ type: 'printed', data: { form: '06', kind: 'control', path: out.path } });
  });

  it('judges a step that ends on the due day before the due time as on time', async () => {
    const code = await receive();
    await run(['route', code], fromVn('2026-03-02', 9, 10));
    await run(['route', code, '--return'], fromVn('2026-03-03', 8, 30));
    const rows = (json((await run(['route', code, '--control-slip', '--json'], fromVn('2026-03-03', 8, 40))).stdout) as { rows: { timing: string | null }[] }).rows;
    expect(rows.map((x) => x.timing)).toEqual(['on-time', null]);
  });

  it('an unknown dossier exits 2', async () => {
    expect((await run(['route', '000.00.00.H99-260302-0099', '--control-slip'], MON_0900)).code).toBe(2);
    expect(existsSync(path.join(home, 'documents', '2026', '000.00.00.H99-260302-0099'))).toBe(false);
  });
});

describe('route: the status the history derives', () => {
  it('every step is in the history, in order', async () => {
    const code = await receive();
    await run(['route', code], fromVn('2026-03-02', 9, 10));
    await run(['route', code, '--accept'], fromVn('2026-03-02', 9, 30));
    await run(['route', code, '--return'], fromVn('2026-03-02', 15, 0));
    const d = await load(code);
    expect(d.events.map((e) => e.type)).toEqual(['received', 'printed', 'routed', 'handover-accepted', 'returned-to-counter']);
    expect(derive(d)).toMatchObject({ status: 'processing', department: null, paused: false });
  });
});

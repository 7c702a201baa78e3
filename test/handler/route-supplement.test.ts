import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { routeHandler } from '../../src/commands/route/handler.js';
import { derive } from '../../src/domain/dossier/status.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { fromVn } from '../../src/domain/time.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';
import { allText, pdfText } from '../helpers/pdf-text.js';

// Fictitious people. 1.001193 takes one working day: received Monday 2/3/2026 09:00, due Tuesday 09:00.
const MON_0900 = fromVn('2026-03-02', 9, 0);
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', 'Thôn 1, xã Suối Kiết'];
const REASON = 'Giấy chứng sinh bị mờ, không đọc được tên người mẹ';

let home: string;
const run = (args: string[], now: Date) => runInProcess(args, { home, now: () => now, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });
const activeFile = () => readFileSync(path.join(home, 'db', 'active.json'), 'utf8');
const load = async (code: string): Promise<Dossier> => (await new EmbeddedStore(home, 'test').getDossier(code))!.dossier;
const json = (s: string) => JSON.parse(s) as Record<string, unknown>;
type Row = { code: string; dueAt: string; flags: { overdue: boolean; paused: boolean } };

async function receive(now: Date, name = 'Nguyễn Thị Hường'): Promise<{ code: string; dueAt: string }> {
  const args = ['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--allow-duplicate', '--no-input', '--json'];
  args[args.indexOf('--name') + 1] = name;
  const r = await run(args, now);
  expect(r.code, r.stderr).toBe(0);
  return json(r.stdout).dossier as { code: string; dueAt: string };
}

async function listed(now: Date): Promise<Row[]> {
  const r = await run(['list', '--open', '--json'], now);
  expect(r.code, r.stderr).toBe(0);
  return (json(r.stdout) as { dossiers: Row[] }).dossiers;
}

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'], MON_0900)).code).toBe(0);
});

describe('route --request-supplement / --supplement-received', () => {
  it('pauses the clock, prints Mẫu 02 with the reason and the components, and resumes with a new date', async () => {
    const { code, dueAt } = await receive(MON_0900);
    expect(dueAt).toBe('2026-03-03T09:00:00+07:00');
    const other = (await receive(MON_0900, 'Lê Văn An')).code; // not paused: the control
    await run(['route', code], fromVn('2026-03-02', 9, 10));
    const req = await run(['route', code, '--request-supplement', REASON, '--components', 'giay-chung-sinh,cu-tru', '--operator', 'Lê Thị Mai', '--json'], fromVn('2026-03-02', 10, 0));
    expect(req.code, req.stderr).toBe(0);
    const out = json(req.stdout) as { status: string; paused: boolean; document: { form: string; path: string; number: string } };
    expect(out).toMatchObject({ status: 'supplement-requested', paused: true, document: { form: '02' } });
    const text = allText(await pdfText(readFileSync(out.document.path)));
    for (const s of ['PHIẾU YÊU CẦU BỔ SUNG', 'Nguyễn Thị Hường', REASON, 'Giấy chứng sinh', 'Giấy tờ chứng minh nơi cư trú']) expect(text).toContain(s);
    expect(text).not.toContain('Tờ khai đăng ký khai sinh');

    let d = await load(code);
    expect(derive(d, fromVn('2026-03-04', 9, 0))).toMatchObject({ paused: true, status: 'supplement-requested' });
    expect(d.events.map((e) => e.type).slice(-2)).toEqual(['supplement-requested', 'printed']);
    expect(d.events.at(-2)).toMatchObject({ at: '2026-03-02T10:00:00+07:00', operator: 'Lê Thị Mai', data: { reason: REASON, components: ['giay-chung-sinh', 'cu-tru'], number: out.document.number } });

    // Wednesday 9:00, after the due time: the paused dossier is not overdue, the other one is
    const wed = fromVn('2026-03-04', 9, 0);
    const rows = await listed(wed);
    expect(rows.find((x) => x.code === code)!.flags).toMatchObject({ paused: true, overdue: false });
    expect(rows.find((x) => x.code === other)!.flags).toMatchObject({ paused: false, overdue: true });
    const sweep = json((await run(['deadlines', '--json'], wed)).stdout) as { overdue: { code: string }[]; dueSoon: { code: string }[] };
    expect(sweep.overdue.map((x) => x.code)).toEqual([other]);
    expect(sweep.dueSoon.map((x) => x.code)).not.toContain(code);

    // requested Monday, received Wednesday: two working days later, same clock time
    const back = await run(['route', code, '--supplement-received', '--json'], fromVn('2026-03-04', 10, 0));
    expect(back.code, back.stderr).toBe(0);
    expect(json(back.stdout)).toMatchObject({ action: 'supplementReceived', newDueAt: '2026-03-05T09:00:00+07:00', dueAt: '2026-03-05T09:00:00+07:00', paused: false, status: 'processing' });
    d = await load(code);
    expect(d.events.at(-1)).toMatchObject({ type: 'supplement-received', at: '2026-03-04T10:00:00+07:00', data: { newDueAt: '2026-03-05T09:00:00+07:00' } });
    const show = json((await run(['show', code, '--json'], fromVn('2026-03-04', 10, 5))).stdout) as { dossier: { dueAt: string; receivedDueAt: string; flags: { paused: boolean; overdue: boolean } } };
    expect(show.dossier).toMatchObject({ dueAt: '2026-03-05T09:00:00+07:00', receivedDueAt: '2026-03-03T09:00:00+07:00', flags: { paused: false, overdue: false } });
    // the clock runs again: overdue after the new date
    expect((await listed(fromVn('2026-03-05', 9, 1))).find((x) => x.code === code)!.flags.overdue).toBe(true);
  });

  it('a supplement received the same day keeps the date', async () => {
    const { code } = await receive(MON_0900);
    await run(['route', code, '--request-supplement', REASON, '--components', 'giay-chung-sinh'], fromVn('2026-03-02', 10, 0));
    const back = await run(['route', code, '--supplement-received', '--json'], fromVn('2026-03-02', 16, 0));
    expect(json(back.stdout)).toMatchObject({ newDueAt: '2026-03-03T09:00:00+07:00' });
  });

  it('across Giỗ Tổ 2026 (make-up Monday 27/4) and 30/4–1/5 counts working days only', async () => {
    const { code, dueAt } = await receive(fromVn('2026-04-23', 9, 0)); // Thursday
    expect(dueAt).toBe('2026-04-24T09:00:00+07:00');
    await run(['route', code, '--request-supplement', REASON, '--components', 'giay-chung-sinh'], fromVn('2026-04-23', 10, 0));
    // Thu 23 → Wed 29: Fri 24, Tue 28, Wed 29 are working days (Sat–Mon 25–27 off) = 3
    const back = await run(['route', code, '--supplement-received', '--json'], fromVn('2026-04-29', 8, 0));
    expect(back.code, back.stderr).toBe(0);
    // Fri 24/4 + 3 working days: Tue 28, Wed 29, (30/4–3/5 off) Mon 4/5
    expect(json(back.stdout)).toMatchObject({ newDueAt: '2026-05-04T09:00:00+07:00' });
  });

  it('a make-up day off inside the pause is not counted', async () => {
    const { code } = await receive(fromVn('2026-04-24', 9, 0)); // Friday, due Tue 28/4 (27/4 off)
    expect((await load(code)).dueAt).toBe('2026-04-28T09:00:00+07:00');
    await run(['route', code, '--request-supplement', REASON, '--components', 'giay-chung-sinh'], fromVn('2026-04-24', 10, 0));
    const back = await run(['route', code, '--supplement-received', '--json'], fromVn('2026-04-28', 9, 30)); // only Tue 28 counts
    expect(json(back.stdout)).toMatchObject({ newDueAt: '2026-04-29T09:00:00+07:00' });
  });

  it('refuses what does not fit, writing nothing', async () => {
    const { code } = await receive(MON_0900);
    const ctx = () => fakeContext({ home, now: () => fromVn('2026-03-02', 11, 0), env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });
    const cases: [Record<string, unknown>, string, number][] = [
      [{ supplementReceived: true }, 'TRANSITION_NOT_ALLOWED', 2], // not waiting for one
      [{ requestSupplement: REASON, components: 'giay-chung-sinh,nope' }, 'COMPONENT_UNKNOWN', 2],
      [{ requestSupplement: '   ', components: 'giay-chung-sinh' }, 'USAGE', 2],
    ];
    for (const [opts, errCode, exit] of cases) {
      const before = activeFile();
      await expect(routeHandler(ctx(), { args: [code], opts }), errCode).rejects.toMatchObject({ code: errCode, exitCode: exit });
      expect(activeFile()).toBe(before);
    }
    expect(readdirSync(path.join(home, 'documents', '2026', code))).toEqual(['mau-01-giay-tiep-nhan.pdf']);

    await run(['route', code, '--request-supplement', REASON, '--components', 'giay-chung-sinh'], fromVn('2026-03-02', 10, 0));
    for (const [opts, errCode] of [
      [{ requestSupplement: 'Lần nữa', components: 'mau-dien-tu' }, 'TRANSITION_NOT_ALLOWED'],
      [{ to: 'kinh-te' }, 'TRANSITION_NOT_ALLOWED'],
      [{}, 'TRANSITION_NOT_ALLOWED'],
    ] as const) {
      const before = activeFile();
      await expect(routeHandler(ctx(), { args: [code], opts: { ...opts } }), JSON.stringify(opts)).rejects.toMatchObject({ code: errCode, exitCode: 2 });
      expect(activeFile()).toBe(before);
    }
    const r = await run(['result', code, '--approved'], fromVn('2026-03-02', 11, 0));
    expect(r.code).toBe(2);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { deadlinesHandler } from '../../src/commands/deadlines/handler.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { fromVn } from '../../src/domain/time.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';
import { allText, isFontEmbedded, pdfText } from '../helpers/pdf-text.js';

// Fictitious people. 1.001193 takes one working day, 1.004873 three.
const MON_0900 = fromVn('2026-03-02', 9, 0);
const TUE_1000 = fromVn('2026-03-03', 10, 0); // one hour after the 1-day dossier was due
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', 'Thôn 1, xã Suối Kiết'];
const REASON = 'Chờ kết quả xác minh nơi sinh của xã Đức Phổ';

let home: string;
const env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
const run = (args: string[], now: Date) => runInProcess(args, { home, now: () => now, env });
const activeFile = () => readFileSync(path.join(home, 'db', 'active.json'), 'utf8');
const load = async (code: string): Promise<Dossier> => (await new EmbeddedStore(home, 'test').getDossier(code))!.dossier;
const drafts = async () => new EmbeddedStore(home, 'test').drafts();
const json = (s: string) => JSON.parse(s) as Record<string, unknown>;

interface Sweep {
  dueSoon: { code: string; dueAt: string }[];
  overdue: { code: string; dueAt: string; draft: string }[];
  drafted: string[];
  pendingApologies: { ref: string; code: string; missedDueAt: string; proposedNewDueAt: string; confirmedAt: string | null }[];
}

async function receive(now: Date, procedure = '1.001193'): Promise<{ code: string; dueAt: string }> {
  const r = await run(['intake', '--procedure', procedure, ...APPLICANT, '--all-components', '--allow-duplicate', '--no-input', '--json'], now);
  expect(r.code, r.stderr).toBe(0);
  return json(r.stdout).dossier as { code: string; dueAt: string };
}

async function sweep(now: Date): Promise<Sweep> {
  const r = await run(['deadlines', '--json'], now);
  expect(r.code, r.stderr).toBe(0);
  return json(r.stdout) as unknown as Sweep;
}

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'], MON_0900)).code).toBe(0);
});

describe('deadlines: the sweep', () => {
  it('lists an overdue dossier and drafts one apology; a second run drafts nothing new', async () => {
    const late = await receive(MON_0900);
    const slow = await receive(MON_0900, '1.004873'); // due Thursday: neither overdue nor due soon on Tuesday
    expect(slow.dueAt).toBe('2026-03-05T09:00:00+07:00');
    const first = await sweep(TUE_1000);
    const ref = `PXL:${late.code}:2026-03-03T09:00:00+07:00`;
    expect(first.overdue).toEqual([{ code: late.code, dueAt: '2026-03-03T09:00:00+07:00', draft: ref }]);
    expect(first.drafted).toEqual([ref]);
    expect(first.dueSoon).toEqual([]);
    // proposal: the procedure's time again (1 working day) from today, same clock time
    expect(first.pendingApologies).toEqual([expect.objectContaining({ ref, code: late.code, missedDueAt: '2026-03-03T09:00:00+07:00', proposedNewDueAt: '2026-03-04T09:00:00+07:00', confirmedAt: null })]);
    const stored = JSON.stringify(await drafts());
    const second = await sweep(fromVn('2026-03-03', 11, 0));
    expect(second.drafted).toEqual([]);
    expect(second.overdue).toEqual(first.overdue);
    expect(second.pendingApologies).toEqual(first.pendingApologies);
    expect(JSON.stringify(await drafts())).toBe(stored);
    const text = await run(['deadlines'], fromVn('2026-03-03', 11, 0));
    expect(text.stdout).toContain(late.code);
    expect(text.stdout).not.toContain(slow.code);
  });

  it('a dossier due on the next working day is due soon; Friday looks ahead to Monday', async () => {
    const { code } = await receive(fromVn('2026-03-06', 9, 0)); // Friday, due Monday 9/3 09:00
    expect((await load(code)).dueAt).toBe('2026-03-09T09:00:00+07:00');
    const fri = await sweep(fromVn('2026-03-06', 10, 0));
    expect(fri.dueSoon).toEqual([{ code, dueAt: '2026-03-09T09:00:00+07:00' }]);
    expect(fri.overdue).toEqual([]);
    const slow = await receive(fromVn('2026-03-06', 9, 0), '1.004873'); // due Wednesday 11/3
    const again = await sweep(fromVn('2026-03-06', 10, 0));
    expect(again.dueSoon.map((x) => x.code)).toEqual([code]);
    expect((await sweep(fromVn('2026-03-10', 8, 0))).dueSoon.map((x) => x.code)).toEqual([slow.code]);
  });

  it('a draft whose dossier was returned meanwhile is no longer pending', async () => {
    const a = await receive(MON_0900);
    const b = await receive(MON_0900);
    expect((await sweep(TUE_1000)).pendingApologies.map((x) => x.code).sort()).toEqual([a.code, b.code].sort());
    expect((await run(['result', a.code, '--approved', '--decided-at-counter'], fromVn('2026-03-03', 10, 10))).code).toBe(0);
    expect((await sweep(fromVn('2026-03-03', 10, 15))).pendingApologies.map((x) => x.code).sort()).toEqual([a.code, b.code].sort()); // done: an apology can still be issued
    expect((await run(['result', a.code, '--return', 'counter', '--collector-id', '060190001234'], fromVn('2026-03-03', 10, 20))).code).toBe(0);
    const s = await sweep(fromVn('2026-03-03', 10, 30));
    expect(s.pendingApologies.map((x) => x.code)).toEqual([b.code]);
    expect((await run(['deadlines'], fromVn('2026-03-03', 10, 30))).stdout).not.toContain(a.code);
  });

  it('finished dossiers are not watched', async () => {
    const { code } = await receive(MON_0900);
    expect((await run(['result', code, '--approved', '--decided-at-counter'], fromVn('2026-03-02', 15, 0))).code).toBe(0);
    const s = await sweep(TUE_1000);
    expect(s).toMatchObject({ overdue: [], dueSoon: [], drafted: [] });
  });
});

describe('deadlines --confirm', () => {
  it('issues Mẫu 04 with the reason, the number and the new date, and moves the appointment', async () => {
    const { code } = await receive(MON_0900);
    await sweep(TUE_1000);
    const r = await run(['deadlines', '--confirm', code, '--reason', REASON, '--signer', 'Lê Văn Dẫn', '--json'], fromVn('2026-03-03', 10, 30));
    expect(r.code, r.stderr).toBe(0);
    const out = json(r.stdout) as { apology: { number: string; path: string } };
    expect(out.apology.number).toBe('01/PXL');
    const buf = readFileSync(out.apology.path);
    expect(isFontEmbedded(buf)).toBe(true);
    const text = allText(await pdfText(buf));
    // received in 2026: the TT 03/2025 form carries its own title and its file name says so
    expect(text).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(out.apology.path.endsWith('mau-04-xin-loi-gia-han.pdf')).toBe(true);
    for (const s of ['Số: 01/PXL', `Mã hồ sơ: ${code}`, 'Nguyễn Thị Hường', `Lý do: ${REASON}`, '09 giờ 00 phút, ngày 03 tháng 3 năm 2026', '09 giờ 00 phút, ngày 04 tháng 3 năm 2026', 'Lê Văn Dẫn']) expect(text).toContain(s);

    const d = await load(code);
    expect(d.events.at(-1)).toMatchObject({ type: 'apology-issued', at: '2026-03-03T10:30:00+07:00', data: { number: '01/PXL', reason: REASON, newDueAt: '2026-03-04T09:00:00+07:00', missedDueAt: '2026-03-03T09:00:00+07:00', path: out.apology.path } });
    const show = json((await run(['show', code, '--json'], fromVn('2026-03-03', 10, 35))).stdout) as { dossier: { dueAt: string; receivedDueAt: string; flags: { overdue: boolean } } };
    expect(show.dossier).toMatchObject({ dueAt: '2026-03-04T09:00:00+07:00', receivedDueAt: '2026-03-03T09:00:00+07:00', flags: { overdue: false } });
    // the draft is confirmed; the dossier is now due soon rather than overdue
    const after = await sweep(fromVn('2026-03-03', 11, 0));
    expect(after).toMatchObject({ overdue: [], drafted: [], pendingApologies: [], dueSoon: [{ code, dueAt: '2026-03-04T09:00:00+07:00' }] });
    expect(Object.values(await drafts())[0]).toMatchObject({ confirmedAt: '2026-03-03T10:30:00+07:00' });
  });

  it('--new-date overrides the proposal; the numbers go on through the year', async () => {
    const a = await receive(MON_0900);
    const b = await receive(MON_0900);
    await sweep(TUE_1000);
    const first = await run(['deadlines', '--confirm', a.code, '--reason', REASON, '--new-date', '2026-03-06', '--json'], fromVn('2026-03-03', 10, 30));
    expect(first.code, first.stderr).toBe(0);
    expect((await load(a.code)).events.at(-1)!.data).toMatchObject({ newDueAt: '2026-03-06T09:00:00+07:00' });
    const second = await run(['deadlines', '--confirm', b.code, '--reason', REASON, '--json'], fromVn('2026-03-03', 10, 40));
    expect((json(second.stdout) as { apology: { number: string } }).apology.number).toBe('02/PXL');
    // late again after the new date: a new draft for the new appointment
    const later = await sweep(fromVn('2026-03-06', 9, 30));
    expect([...later.drafted].sort()).toEqual([`PXL:${a.code}:2026-03-06T09:00:00+07:00`, `PXL:${b.code}:2026-03-04T09:00:00+07:00`].sort());
    expect(later.overdue.map((x) => x.draft).sort()).toEqual([`PXL:${a.code}:2026-03-06T09:00:00+07:00`, `PXL:${b.code}:2026-03-04T09:00:00+07:00`].sort());
  });

  it('refuses bad input, writing nothing', async () => {
    const { code } = await receive(MON_0900);
    const other = await receive(MON_0900, '1.004873'); // not overdue: no draft
    await sweep(TUE_1000);
    const at = fromVn('2026-03-03', 10, 30);
    const cases: [Record<string, unknown>, string][] = [
      [{ confirm: code }, 'MISSING_VALUE'],
      [{ confirm: code, reason: '   ' }, 'MISSING_VALUE'],
      [{ confirm: other.code, reason: REASON }, 'MISSING_VALUE'], // no proposal: --new-date needed
      [{ confirm: code, reason: REASON, newDate: '30/02/2026' }, 'INVALID_DATE'], // impossible date (issue 13 point 14)
      [{ confirm: code, reason: REASON, newDate: '2026-02-30' }, 'INVALID_DATE'],
      [{ confirm: code, reason: REASON, newDate: '0001-03-06' }, 'INVALID_DATE'],
      [{ confirm: code, reason: REASON, newDate: 'next week' }, 'INVALID_DATE'],
      [{ confirm: code, reason: REASON, newDate: '2026-03-02' }, 'INVALID_INPUT'], // in the past
      [{ confirm: '000.00.00.H99-260302-0099', reason: REASON, newDate: '2026-03-06' }, 'DOSSIER_NOT_OPEN'],
    ];
    for (const [opts, errCode] of cases) {
      const before = activeFile();
      const ctx = fakeContext({ home, now: () => at, env });
      await expect(deadlinesHandler(ctx, { args: [], opts }), JSON.stringify(opts)).rejects.toMatchObject({ code: errCode, exitCode: 2 });
      expect(activeFile()).toBe(before);
    }
    expect((await run(['deadlines', '--confirm', code], at)).code).toBe(2);
    // an apology before the deadline, with an explicit date, is allowed; dd/mm/yyyy like intake (issue 18)
    const early = await run(['deadlines', '--confirm', other.code, '--reason', REASON, '--new-date', '09/03/2026', '--json'], at);
    expect(early.code, early.stderr).toBe(0);
    expect((await load(other.code)).events.at(-1)!.data).toMatchObject({ newDueAt: '2026-03-09T09:00:00+07:00', missedDueAt: '2026-03-05T09:00:00+07:00' });
  });
});

describe('sync without a portal runs the same sweep', () => {
  it('drafts once, then nothing new; deadlines sees the same drafts', async () => {
    const file = path.join(home, 'config.json');
    const profile = JSON.parse(readFileSync(file, 'utf8')) as { portal: { baseUrl: string | null } };
    profile.portal.baseUrl = null;
    writeFileSync(file, JSON.stringify(profile));
    const { code } = await receive(MON_0900);
    const s1 = await run(['sync', '--json'], TUE_1000);
    expect(s1.code, s1.stderr).toBe(0);
    expect(json(s1.stdout)).toMatchObject({ schemaVersion: 1, portal: 'not-configured', deadlines: { overdue: 1, apologiesDrafted: 1, overdueCodes: [code] } });
    const stored = JSON.stringify(await drafts());
    const s2 = await run(['sync', '--json'], fromVn('2026-03-03', 10, 10));
    expect(json(s2.stdout)).toMatchObject({ deadlines: { overdue: 1, apologiesDrafted: 0 } });
    expect(JSON.stringify(await drafts())).toBe(stored);
    const d = await sweep(fromVn('2026-03-03', 10, 20));
    expect(d.drafted).toEqual([]);
    expect(d.pendingApologies.map((x) => x.code)).toEqual([code]);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarAdd, calendarShow } from '../../src/commands/calendar/handler.js';
import { GovDeskError } from '../../src/errors.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';

describe('gov-desk calendar add', () => {
  it('prints the N-th working day on stdout and a human line on stderr', async () => {
    const r = await runInProcess(['calendar', 'add', '2026-04-24', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2026-05-04\n');
    expect(r.stderr).toContain('Monday 04/05/2026: working day 3 after Friday 24/04/2026');
    expect(r.stderr).toContain("Monday 27/04/2026 (Hùng Kings' Commemoration Day)");
    expect(r.stderr).not.toMatch(/Warning/);
  });

  it('speaks Vietnamese by default', async () => {
    const r = await runInProcess(['calendar', 'add', '2026-04-24', '3'], { lang: 'vi', env: { NO_COLOR: '1' } });
    expect(r.stdout).toBe('2026-05-04\n');
    expect(r.stderr).toContain('Thứ Hai, 04/05/2026: ngày làm việc thứ 3 sau Thứ Sáu, 24/04/2026.');
  });

  it('--json prints one document', async () => {
    const r = await runInProcess(['calendar', 'add', '2026-04-24', '3', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ schemaVersion: 1, from: '2026-04-24', workingDays: 3, date: '2026-05-04', official: true });
    expect(r.stderr).toBe('');
  });

  it('into a year without an official schedule: official false and a warning on stderr', async () => {
    const r = await runInProcess(['calendar', 'add', '2026-12-30', '5', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ date: '2027-01-07', official: false });
    expect(r.stderr).toMatch(/Warning: No official holiday schedule for 2027/);
  });

  it('reads dd/mm/yyyy like every date option (issue 18)', async () => {
    const r = await runInProcess(['calendar', 'add', '24/04/2026', '3', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ from: '2026-04-24' });
  });

  it('0 working days returns the date itself', async () => {
    const r = await runInProcess(['calendar', 'add', '2026-04-25', '0']);
    expect(r.stdout).toBe('2026-04-25\n');
    expect(r.stderr).toContain('25/04/2026 is not a working day');
  });

  it.each([
    [['2026-02-30', '3'], 'CALENDAR_BAD_DATE'],
    [['31/04/2026', '3'], 'CALENDAR_BAD_DATE'],
    [['0001-01-01', '3'], 'CALENDAR_BAD_DATE'],
    [['1899-12-31', '3'], 'CALENDAR_BAD_DATE'],
    [['2026-04-24', '-1'], 'CALENDAR_BAD_COUNT'],
    [['2026-04-24', '1.5'], 'CALENDAR_BAD_COUNT'],
    [['2026-04-24', 'abc'], 'CALENDAR_BAD_COUNT'],
    [['2026-04-24', '1001'], 'CALENDAR_BAD_COUNT'],
    [['2199-12-01', '1000'], 'CALENDAR_OUT_OF_RANGE'],
  ])('rejects %j with %s (exit 2)', async (args, code) => {
    const ctx = fakeContext();
    const err = await calendarAdd(ctx, { args, opts: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GovDeskError);
    expect((err as GovDeskError).code).toBe(code);
    expect((err as GovDeskError).exitCode).toBe(2);
  });

  it('bad input through the CLI exits 2 with one line and a hint', async () => {
    const r = await runInProcess(['calendar', 'add', '2026-13-01', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gov-desk: Invalid date: "2026-13-01"/);
    expect(r.stdout).toBe('');
  });

  it('a broken home calendar file exits 1 naming the file', async () => {
    const home = tempHome();
    mkdirSync(path.join(home, 'calendar'));
    writeFileSync(path.join(home, 'calendar', '2027.json'), '{"schemaVersion":1,"kind":"official","year":"2027"}');
    const r = await runInProcess(['calendar', 'add', '2026-04-24', '3'], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Invalid calendar file .*2027\.json: year:/);
  });
});

describe('gov-desk calendar show', () => {
  it('lists the official days off and make-up days of 2026 with their source', async () => {
    const r = await runInProcess(['calendar', 'show', '2026']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Days off in 2026: official schedule');
    expect(r.stdout).toContain('  01/01/2026 – 04/01/2026  Thursday – Sunday  New Year\'s Day  [official: 12729/VPCP-KGVX]');
    expect(r.stdout).toContain('  10/01/2026  Saturday  Make-up working day for 2 January 2026  [make-up: 12729/VPCP-KGVX]');
    expect(r.stdout).toMatch(/VPCP-2025-10: .*\[unconfirmed\]/);
    expect(r.stderr).toBe('');
  });

  it('--json for 2026', async () => {
    const r = await runInProcess(['calendar', 'show', '2026', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, year: 2026, official: true, source: 'official', warnings: [] });
    expect(doc.workingDays.map((d: { date: string }) => d.date)).toEqual(['2026-01-10', '2026-08-22']);
    expect(doc.daysOff).toContainEqual({ date: '2026-04-27', weekday: 1, name: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" }, source: 'official', ref: 'thanhnien.vn 23/2/2026' });
  });

  it('2027 (no official file): computed from the statutory rules, with a clear warning on stderr', async () => {
    const r = await runInProcess(['calendar', 'show', '2027']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Warning: No official holiday schedule for 2027/);
    expect(r.stdout).toContain('Days off in 2027: computed from the law (NOT OFFICIAL)');
    expect(r.stdout).toContain('  04/02/2027 – 08/02/2027  Thursday – Monday  Lunar New Year (Tết)  [statutory: BLLĐ 2019 Điều 112]');
    expect(r.stdout).toContain('  09/02/2027 – 10/02/2027  Tuesday – Wednesday  Lunar New Year (Tết) (day off in lieu)  [statutory: BLLĐ 2019 Điều 112]');
    const j = await runInProcess(['calendar', 'show', '2027', '--json']);
    const doc = JSON.parse(j.stdout);
    expect(doc).toMatchObject({ official: false, source: 'statutory' });
    expect(doc.warnings).toHaveLength(1);
    expect(doc.daysOff.every((d: { source: string }) => d.source === 'statutory')).toBe(true);
  });

  it('Vietnamese output', async () => {
    const ctx = fakeContext({ lang: 'vi' });
    expect(await calendarShow(ctx, { args: ['2027'], opts: {} })).toBe(0);
    expect(ctx.err()).toContain('Cảnh báo: Năm 2027 chưa có lịch nghỉ chính thức');
    expect(ctx.out()).toContain('Lịch nghỉ năm 2027: tính theo luật (CHƯA CHÍNH THỨC)');
  });

  it.each(['27', '20x6', '1899', '2200', ''])('rejects the year "%s" (exit 2)', async (y) => {
    const err = await calendarShow(fakeContext(), { args: [y], opts: {} }).catch((e: unknown) => e);
    expect((err as GovDeskError).code).toBe('CALENDAR_BAD_YEAR');
    expect((err as GovDeskError).exitCode).toBe(2);
  });

  it('--help is bilingual', async () => {
    const vi = await runInProcess(['--lang', 'vi', 'calendar', '--help']);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain('In ngày làm việc thứ N sau ngày đã cho');
    expect(vi.stdout).toContain('gov-desk calendar add 2026-04-24 3');
    const en = await runInProcess(['calendar', 'add', '--help']);
    expect(en.stdout).toContain('print one JSON document on stdout');
  });
});

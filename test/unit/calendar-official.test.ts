import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCalendarFile } from '../../src/calendar/loader.js';
import { statutoryDaysOff } from '../../src/domain/calendar/statutory.js';
import type { OfficialYear } from '../../src/domain/calendar/types.js';
import { buildCalendar, periodDates } from '../../src/domain/calendar/working-days.js';
import { addDays } from '../../src/domain/time.js';

function fixture(year: number): OfficialYear {
  const file = new URL(`../../fixtures/calendar/${year}.json`, import.meta.url);
  const f = parseCalendarFile(readFileSync(file, 'utf8'), file.pathname);
  if (f.kind !== 'official') throw new Error('expected an official year');
  return f;
}

const official = [fixture(2025), fixture(2026)];
const cal = buildCalendar(official);

/** Weekdays (Mon–Fri) off in a year, computed by walking the calendar. */
function weekdaysOff(year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    const i = cal.info(d);
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (!i.working && wd !== 0 && wd !== 6) out.push(d);
  }
  return out;
}

describe('official schedules 2025 and 2026 (regulations.md §3.3, §3.4)', () => {
  it('2025: exactly these weekdays are off', () => {
    expect(weekdaysOff(2025)).toEqual([
      '2025-01-01',
      '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
      '2025-04-07',
      '2025-04-30', '2025-05-01', '2025-05-02',
      '2025-09-01', '2025-09-02',
    ]);
  });

  it('2026: exactly these weekdays are off', () => {
    expect(weekdaysOff(2026)).toEqual([
      '2026-01-01', '2026-01-02',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-27',
      '2026-04-30', '2026-05-01',
      '2026-08-31', '2026-09-01', '2026-09-02',
    ]);
  });

  it.each([
    ['2025-04-26', 2025],
    ['2026-01-10', 2026],
    ['2026-08-22', 2026],
  ])('make-up Saturday %s is a working day', (d) => {
    expect(cal.info(d)).toMatchObject({ working: true, source: 'make-up' });
  });

  it.each([
    ['2025-01-25', 'Tết Nguyên đán Ất Tỵ', '8726/VPCP-KGVX'],
    ['2025-02-02', 'Tết Nguyên đán Ất Tỵ', '8726/VPCP-KGVX'],
    ['2025-08-30', 'Quốc khánh', 'thoidai.com.vn'],
    ['2026-01-04', 'Tết Dương lịch', '12729/VPCP-KGVX'],
    ['2026-02-22', 'Tết Nguyên đán Bính Ngọ', 'VPCP-2025-10'],
    ['2026-04-26', 'Giỗ Tổ Hùng Vương', 'thanhnien.vn 23/2/2026'],
    ['2026-04-27', 'Giỗ Tổ Hùng Vương', 'thanhnien.vn 23/2/2026'],
  ])('%s is an official day off (%s, %s)', (d, reason, ref) => {
    expect(cal.info(d)).toEqual(expect.objectContaining({ working: false, source: 'official', reason, ref }));
  });

  it('ordinary days', () => {
    expect(cal.info('2026-03-02')).toMatchObject({ working: true, source: 'weekday', reason: null });
    expect(cal.info('2026-03-07')).toMatchObject({ working: false, source: 'weekend', reason: null });
    expect(cal.official(2025)).toBe(true);
    expect(cal.official(2027)).toBe(false);
  });

  it('2026-04-24 (Fri) + 3 working days is Mon 2026-05-04 (27/4 Giỗ Tổ in lieu, 30/4–3/5 off)', () => {
    expect(cal.addWorkingDays('2026-04-24', 1)).toBe('2026-04-28');
    expect(cal.addWorkingDays('2026-04-24', 2)).toBe('2026-04-29');
    expect(cal.addWorkingDays('2026-04-24', 3)).toBe('2026-05-04');
  });

  it('counts a make-up Saturday: Fri 2026-01-09 + 1 is Sat 2026-01-10', () => {
    expect(cal.addWorkingDays('2026-01-09', 1)).toBe('2026-01-10');
    expect(cal.nextWorkingDay('2025-12-31')).toBe('2026-01-05');
  });

  it('Tết 2026: the day before the break + 1 working day is after mùng 6', () => {
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
  });

  it('year() lists days off and make-up days with their source', () => {
    const y = cal.year(2026);
    expect(y.official).toBe(true);
    expect(y.workingDays.map((d) => d.date)).toEqual(['2026-01-10', '2026-08-22']);
    expect(y.daysOff[0]).toMatchObject({ date: '2026-01-01', source: 'official', ref: '12729/VPCP-KGVX' });
    expect(y.daysOff.length).toBe(4 + 9 + 3 + 4 + 5);
    expect(y.sources.find((s) => s.id === 'VPCP-2025-10')?.confirmed).toBe(false);
  });
});

describe('statutory fallback (BLLĐ 2019 Điều 112)', () => {
  it.each([2025, 2026])('reproduces every statutory weekday of the official %i schedule', (year) => {
    const statutory = [...statutoryDaysOff(year).keys()].filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
    const off = weekdaysOff(year);
    for (const d of statutory) expect(off).toContain(d);
    // Whatever the official schedule adds is a bridge day made up on a Saturday.
    const bridges = off.filter((d) => !statutory.includes(d));
    const replaced = official.find((o) => o.year === year)!.workingDays.map((w) => w.replaces);
    expect(bridges).toEqual(replaced);
    // 11 statutory days.
    expect(statutory).toHaveLength(11);
  });

  it('2027 (no official file): the computed days off', () => {
    const days = [...statutoryDaysOff(2027).keys()];
    expect(days).toEqual([
      '2027-01-01',
      '2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10',
      '2027-04-16',
      '2027-04-30', '2027-05-01', '2027-05-03',
      '2027-09-01', '2027-09-02',
    ]);
    expect(cal.info('2027-05-03')).toMatchObject({ working: false, source: 'statutory', reason: 'Ngày Quốc tế Lao động (nghỉ bù)' });
    expect(cal.info('2027-02-09')).toMatchObject({ working: false, source: 'statutory', reason: 'Tết Nguyên đán (nghỉ bù)' });
  });

  it('warns once per year without an official schedule', () => {
    expect(cal.warnings([2026, 2027, 2027], 'en')).toHaveLength(1);
    expect(cal.warnings([2027], 'en')[0]).toMatch(/2027.*not the schedule the Government announces/);
    expect(cal.warnings([2025, 2026])).toEqual([]);
  });

  it('a commune amendment adds a day off (e.g. 24/11 if it is adopted) and a make-up day', () => {
    const withLocal = buildCalendar(official, {
      amendments: [
        {
          year: 2026,
          sources: [],
          daysOff: [{ from: '2026-11-24', to: '2026-11-24', name: { vi: 'Ngày Văn hóa Việt Nam', en: 'Vietnam Culture Day' }, source: null, note: null }],
          workingDays: [{ date: '2026-11-28', name: { vi: 'Làm bù', en: 'Make-up' }, source: null, replaces: null, note: null }],
          origin: 'local.json',
        },
      ],
    });
    expect(withLocal.info('2026-11-24')).toMatchObject({ working: false, source: 'local' });
    expect(withLocal.info('2026-11-28')).toMatchObject({ working: true, source: 'make-up' });
    expect(withLocal.year(2026).amendedBy).toEqual(['local.json']);
    expect(cal.info('2026-11-24').working).toBe(true);
  });

  it('rejects data that contradicts itself', () => {
    expect(() => buildCalendar([official[0]!, official[0]!])).toThrow(RangeError);
    const stray = { ...official[1]!, daysOff: [{ from: '2025-12-31', to: '2026-01-01', name: { vi: 'x', en: 'x' }, source: null, note: null }] };
    expect(() => buildCalendar([stray]).info('2026-01-01')).toThrow(RangeError);
    expect(periodDates({ from: '2026-02-27', to: '2026-03-01' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendar, parseCalendarFile } from '../../src/calendar/loader.js';
import { GovDeskError } from '../../src/errors.js';
import { tempHome } from '../helpers/context.js';

function homeWith(files: Record<string, unknown>): string {
  const home = tempHome('gov-desk-cal-');
  mkdirSync(path.join(home, 'calendar'), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(home, 'calendar', name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return home;
}

const name = { vi: 'Ngày thử', en: 'Test day' };

async function loadError(home: string): Promise<GovDeskError> {
  try {
    await loadCalendar({ home });
  } catch (e) {
    if (e instanceof GovDeskError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('loadCalendar', () => {
  it('reads the built-in official years; works without a home calendar folder', async () => {
    const { calendar, years, files } = await loadCalendar({ home: tempHome() });
    expect(years.map((y) => [y.year, y.origin])).toEqual([
      [2025, 'builtin'],
      [2026, 'builtin'],
    ]);
    expect(files).toHaveLength(2);
    expect(calendar.official(2026)).toBe(true);
    expect(calendar.addWorkingDays('2026-04-24', 3)).toBe('2026-05-04');
  });

  it('a home file adds next year when it is announced', async () => {
    const home = homeWith({
      '2027.json': {
        schemaVersion: 1,
        kind: 'official',
        year: 2027,
        sources: [{ id: 'VPCP-2027', title: 'Thông báo nghỉ lễ 2027 (thử)' }],
        daysOff: [{ from: '2027-02-08', to: '2027-02-12', name, source: 'VPCP-2027' }],
        workingDays: [{ date: '2027-02-20', name, source: 'VPCP-2027' }],
      },
    });
    const { calendar, years } = await loadCalendar({ home });
    expect(years.find((y) => y.year === 2027)).toMatchObject({ origin: 'home', replaced: null });
    expect(calendar.official(2027)).toBe(true);
    expect(calendar.warnings([2027])).toEqual([]);
    expect(calendar.info('2027-02-10')).toMatchObject({ working: false, source: 'official', ref: 'VPCP-2027' });
    expect(calendar.info('2027-02-20')).toMatchObject({ working: true, source: 'make-up' });
    // The statutory Tết days are not used for an official year.
    expect(calendar.isWorkingDay('2027-02-04')).toBe(true);
  });

  it('a home file replaces a built-in year', async () => {
    const home = homeWith({ 'my-2026.json': { schemaVersion: 1, kind: 'official', year: 2026, daysOff: [{ from: '2026-03-02', name }] } });
    const { calendar, years } = await loadCalendar({ home });
    expect(years.find((y) => y.year === 2026)?.replaced).toMatch(/fixtures[\\/]calendar[\\/]2026\.json$/);
    expect(calendar.isWorkingDay('2026-03-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-17')).toBe(true);
  });

  it('an amendment adds a local day off (e.g. 24/11) over the official year', async () => {
    const home = homeWith({
      'van-hoa.json': {
        schemaVersion: 1,
        kind: 'amendment',
        year: 2026,
        sources: [{ id: 'local', title: 'Quyết định của UBND xã (thử)', confirmed: false }],
        daysOff: [{ from: '2026-11-24', name: { vi: 'Ngày Văn hóa Việt Nam', en: 'Vietnam Culture Day' }, source: 'local' }],
      },
    });
    const { calendar } = await loadCalendar({ home });
    expect(calendar.info('2026-11-24')).toMatchObject({ working: false, source: 'local', reason: 'Ngày Văn hóa Việt Nam' });
    expect(calendar.official(2026)).toBe(true);
    expect(calendar.isWorkingDay('2026-02-17')).toBe(false);
  });

  it('a statutory-rules file extends the fallback rules (a new fixed holiday from a given year)', async () => {
    const home = homeWith({
      'rules.json': {
        schemaVersion: 1,
        kind: 'statutory-rules',
        holidays: [{ id: 'culture-day', calendar: 'solar', month: 11, day: 24, name: { vi: 'Ngày Văn hóa Việt Nam', en: 'Vietnam Culture Day' }, fromYear: 2027 }],
      },
    });
    const { calendar, rules } = await loadCalendar({ home });
    expect(rules.holidays.map((h) => h.id)).toContain('tet');
    expect(calendar.info('2027-11-24')).toMatchObject({ working: false, source: 'statutory' });
    // 24/11/2029 is a Saturday: moved to Monday 26/11.
    expect(calendar.info('2029-11-26')).toMatchObject({ working: false, reason: 'Ngày Văn hóa Việt Nam (nghỉ bù)' });
    expect(calendar.isWorkingDay('2026-11-24')).toBe(true);
  });

  it.each([
    ['not JSON', '{ "schemaVersion": 1,', '(file)'],
    ['an unknown kind', { schemaVersion: 1, kind: 'holidays', year: 2027 }, 'kind'],
    ['a bad date', { schemaVersion: 1, kind: 'official', year: 2027, daysOff: [{ from: '2027-02-30', name }] }, 'daysOff[0].from'],
    ['a date outside the year', { schemaVersion: 1, kind: 'official', year: 2027, daysOff: [{ from: '2026-12-31', to: '2027-01-01', name }] }, 'daysOff[0].from'],
    ['a period that ends first', { schemaVersion: 1, kind: 'official', year: 2027, daysOff: [{ from: '2027-02-10', to: '2027-02-08', name }] }, 'daysOff[0].to'],
    ['an unknown source', { schemaVersion: 1, kind: 'official', year: 2027, daysOff: [{ from: '2027-02-10', name, source: 'nowhere' }] }, 'daysOff[0].source'],
    ['a misspelt field', { schemaVersion: 1, kind: 'official', year: 2027, dayOff: [] }, '(file)'],
    ['a missing English name', { schemaVersion: 1, kind: 'amendment', year: 2027, workingDays: [{ date: '2027-02-20', name: { vi: 'x' } }] }, 'workingDays[0].name.en'],
    ['a working day inside days off', { schemaVersion: 1, kind: 'official', year: 2027, daysOff: [{ from: '2027-02-08', to: '2027-02-12', name }], workingDays: [{ date: '2027-02-09', name }] }, 'workingDays[0].date'],
    ['a wrong schema version', { schemaVersion: 2, kind: 'official', year: 2027 }, 'schemaVersion'],
  ])('rejects %s, naming the file and the field', async (_label, content, field) => {
    const e = await loadError(homeWith({ '2027.json': content }));
    expect(e.code).toBe('CALENDAR_FILE_INVALID');
    expect(e.exitCode).toBe(1);
    expect(e.vars?.file).toMatch(/calendar[\\/]2027\.json$/);
    expect(e.vars?.field).toBe(field);
    expect(e.render('vi').message).toContain('2027.json');
  });

  it('rejects two home files for the same official year', async () => {
    const y = { schemaVersion: 1, kind: 'official', year: 2027 };
    const e = await loadError(homeWith({ 'a.json': y, 'b.json': y }));
    expect(e.code).toBe('CALENDAR_FILE_INVALID');
    expect(e.vars?.field).toBe('year');
  });

  it('parseCalendarFile accepts a byte-order mark and fills defaults', () => {
    const f = parseCalendarFile('\uFEFF{"schemaVersion":1,"kind":"amendment","year":2026,"daysOff":[{"from":"2026-11-24","name":{"vi":"a","en":"b"}}]}', 'x.json');
    expect(f).toMatchObject({ kind: 'amendment', sources: [], workingDays: [], daysOff: [{ from: '2026-11-24', to: '2026-11-24', source: null, note: null }] });
  });
});

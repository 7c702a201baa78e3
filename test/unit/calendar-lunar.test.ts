import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lunarToSolar, solarToLunar, tetDate } from '../../src/domain/calendar/lunar.js';
import { addDays } from '../../src/domain/time.js';

describe('lunar calendar (Hồ Ngọc Đức, UTC+7)', () => {
  // regulations.md §3.5 and well-known Tết dates.
  it.each([
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('Tết %i is %s', (year, date) => {
    expect(tetDate(year)).toBe(date);
  });

  it('uses Vietnamese time: Tết 2030 is 2/2 (new moon 23:07 in Vietnam, already 3/2 in China at UTC+8)', () => {
    expect(tetDate(2030)).toBe('2030-02-02');
  });

  it('uses Vietnamese time: Tết 1985 and 2007 differ from the Chinese calendar', () => {
    expect(tetDate(1985)).toBe('1985-01-21');
    expect(tetDate(2007)).toBe('2007-02-17');
  });

  it.each([
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])('Giỗ Tổ (10/3 lunar) %i is %s', (year, date) => {
    expect(lunarToSolar({ day: 10, month: 3, year, leap: false })).toBe(date);
  });

  it('matches the lunar days named in the official schedules (§3.3, §3.4)', () => {
    expect(solarToLunar('2025-01-27')).toEqual({ day: 28, month: 12, year: 2024, leap: false });
    expect(solarToLunar('2025-01-31')).toEqual({ day: 3, month: 1, year: 2025, leap: false });
    expect(solarToLunar('2026-02-14')).toEqual({ day: 27, month: 12, year: 2025, leap: false });
    expect(solarToLunar('2026-02-16')).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    expect(solarToLunar('2026-02-22')).toEqual({ day: 6, month: 1, year: 2026, leap: false });
  });

  it('knows leap months', () => {
    expect(solarToLunar('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar('2025-07-25')).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true })).toBe('2025-07-25');
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: false })).toBe('2025-06-25');
    expect(lunarToSolar({ day: 1, month: 1, year: 2026, leap: true })).toBeNull();
  });

  it('rejects a day 30 in a 29-day month and out-of-range years', () => {
    // 12th month of Ất Tỵ has 29 days: its 29th is 16/2/2026, the eve of Tết.
    expect(lunarToSolar({ day: 29, month: 12, year: 2025, leap: false })).toBe('2026-02-16');
    expect(lunarToSolar({ day: 30, month: 12, year: 2025, leap: false })).toBeNull();
    expect(() => solarToLunar('1899-12-31')).toThrow(RangeError);
  });

  const dateArb = fc
    .integer({ min: 0, max: 365 * 297 })
    .map((n) => addDays('1901-01-01', n));

  it('round-trips solar → lunar → solar', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        expect(lunarToSolar(solarToLunar(d))).toBe(d);
      }),
      { numRuns: 300 },
    );
  });

  it('advances one lunar day per solar day, months of 29 or 30 days', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const a = solarToLunar(d);
        const b = solarToLunar(addDays(d, 1));
        if (b.day === 1) expect([29, 30]).toContain(a.day);
        else expect(b).toEqual({ ...a, day: a.day + 1 });
      }),
      { numRuns: 300 },
    );
  });
});

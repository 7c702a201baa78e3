import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCalendarFile } from '../../src/calendar/loader.js';
import type { OfficialYear } from '../../src/domain/calendar/types.js';
import { buildCalendar } from '../../src/domain/calendar/working-days.js';
import { addDays } from '../../src/domain/time.js';

function fixture(year: number): OfficialYear {
  const file = new URL(`../../fixtures/calendar/${year}.json`, import.meta.url);
  const f = parseCalendarFile(readFileSync(file, 'utf8'), file.pathname);
  if (f.kind !== 'official') throw new Error('expected an official year');
  return f;
}

// Official 2025–2026 and statutory years around them.
const cal = buildCalendar([fixture(2025), fixture(2026)]);
const date = fc.integer({ min: 0, max: 365 * 5 }).map((n) => addDays('2023-07-01', n));
const count = fc.integer({ min: 0, max: 60 });
const positive = fc.integer({ min: 1, max: 60 });

describe('addWorkingDays properties', () => {
  it('lands on a working day strictly after d (n ≥ 1)', () => {
    fc.assert(
      fc.property(date, positive, (d, n) => {
        const r = cal.addWorkingDays(d, n);
        expect(r > d).toBe(true);
        expect(cal.isWorkingDay(r)).toBe(true);
      }),
    );
  });

  it('exactly n working days lie in (d, result]', () => {
    fc.assert(
      fc.property(date, count, (d, n) => {
        const r = cal.addWorkingDays(d, n);
        expect(cal.workingDaysBetween(d, r)).toBe(n);
      }),
    );
  });

  it('is strictly monotone in n', () => {
    fc.assert(
      fc.property(date, count, positive, (d, n, k) => {
        expect(cal.addWorkingDays(d, n + k) > cal.addWorkingDays(d, n)).toBe(true);
      }),
    );
  });

  it('is monotone in d', () => {
    fc.assert(
      fc.property(date, date, positive, (a, b, n) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(cal.addWorkingDays(lo, n) <= cal.addWorkingDays(hi, n)).toBe(true);
      }),
    );
  });

  it('composes: add(add(d, a), b) = add(d, a + b)', () => {
    fc.assert(
      fc.property(date, count, count, (d, a, b) => {
        expect(cal.addWorkingDays(cal.addWorkingDays(d, a), b)).toBe(cal.addWorkingDays(d, a + b));
      }),
    );
  });

  it('n = 0 is the identity; n = 1 is nextWorkingDay', () => {
    fc.assert(
      fc.property(date, (d) => {
        expect(cal.addWorkingDays(d, 0)).toBe(d);
        expect(cal.addWorkingDays(d, 1)).toBe(cal.nextWorkingDay(d));
      }),
    );
  });

  it('nextWorkingDay skips only days off', () => {
    fc.assert(
      fc.property(date, (d) => {
        const r = cal.nextWorkingDay(d);
        for (let c = addDays(d, 1); c < r; c = addDays(c, 1)) expect(cal.isWorkingDay(c)).toBe(false);
      }),
    );
  });

  it('weekends are off unless they are make-up days; weekdays are on unless named', () => {
    fc.assert(
      fc.property(date, (d) => {
        const i = cal.info(d);
        const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
        if (wd === 0 || wd === 6) expect(i.working).toBe(i.source === 'make-up');
        else expect(i.working).toBe(i.reason === null || i.source === 'make-up');
      }),
    );
  });

  it('rejects negative or fractional counts', () => {
    expect(() => cal.addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
  });
});

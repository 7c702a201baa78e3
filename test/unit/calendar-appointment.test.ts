import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCalendarFile } from '../../src/calendar/loader.js';
import { type AppointmentInput, EXAMPLE_COUNTER_HOURS, computeAppointment, parseCounterHours } from '../../src/domain/calendar/appointment.js';
import type { OfficialYear } from '../../src/domain/calendar/types.js';
import { buildCalendar } from '../../src/domain/calendar/working-days.js';
import { toVnIso, vnDate, vnMinuteOfDay } from '../../src/domain/time.js';

function fixture(year: number): OfficialYear {
  const file = new URL(`../../fixtures/calendar/${year}.json`, import.meta.url);
  const f = parseCalendarFile(readFileSync(file, 'utf8'), file.pathname);
  if (f.kind !== 'official') throw new Error('expected an official year');
  return f;
}

const calendar = buildCalendar([fixture(2025), fixture(2026)]);
const vn = (s: string): Date => new Date(`${s}+07:00`);

function appt(receivedAt: string, value: number, unit: AppointmentInput['time']['unit'] = 'working-days', cutoff: string | null = null) {
  const a = computeAppointment({ receivedAt: vn(receivedAt), time: { value, unit }, cutoff, hours: EXAMPLE_COUNTER_HOURS, calendar });
  return { ...a, start: toVnIso(a.effectiveStart).slice(0, 19), due: toVnIso(a.dueAt).slice(0, 19) };
}

describe('appointment rule: working days', () => {
  it('received on a working day before the cut-off: N-th working day, same clock time', () => {
    const a = appt('2026-03-02T09:15:00', 3, 'working-days', '15:00');
    expect(a).toMatchObject({ start: '2026-03-02T09:15:00', due: '2026-03-05T09:15:00', rolledOver: false, reason: null, notes: [] });
  });

  it('skips the Giỗ Tổ day in lieu and 30/4–3/5: Fri 24/4 + 3 → Mon 4/5/2026', () => {
    expect(appt('2026-04-24T10:00:00', 3).due).toBe('2026-05-04T10:00:00');
  });

  it('after the cut-off: counted from opening time of the next working day', () => {
    const a = appt('2026-03-02T15:20:00', 1, 'working-days', '15:00');
    expect(a).toMatchObject({ start: '2026-03-03T07:00:00', due: '2026-03-04T07:00:00', rolledOver: true, reason: 'after-cutoff' });
  });

  it('exactly at the cut-off is not after it; one second later is', () => {
    expect(appt('2026-03-02T15:00:00', 1, 'working-days', '15:00').reason).toBeNull();
    expect(appt('2026-03-02T15:00:01', 1, 'working-days', '15:00').reason).toBe('after-cutoff');
  });

  it('on a non-working day: counted from the next working day (Sat 25/4/2026 → Tue 28/4)', () => {
    const a = appt('2026-04-25T09:00:00', 3);
    expect(a).toMatchObject({ start: '2026-04-28T07:00:00', due: '2026-05-05T07:00:00', reason: 'non-working-day' });
  });

  it('a make-up Saturday is a working day', () => {
    expect(appt('2026-01-10T08:00:00', 1)).toMatchObject({ rolledOver: false, due: '2026-01-12T08:00:00' });
  });

  it('after closing time: next working day at opening', () => {
    expect(appt('2026-03-06T17:00:00', 2)).toMatchObject({ start: '2026-03-09T07:00:00', due: '2026-03-11T07:00:00', reason: 'outside-hours' });
    expect(appt('2026-03-06T22:45:00', 2).reason).toBe('outside-hours');
  });

  it('before opening or during the midday break: the next session of the same day', () => {
    expect(appt('2026-03-02T06:30:00', 1)).toMatchObject({ start: '2026-03-02T07:00:00', due: '2026-03-03T07:00:00', reason: 'outside-hours' });
    expect(appt('2026-03-02T12:10:00', 1)).toMatchObject({ start: '2026-03-02T13:30:00', due: '2026-03-03T13:30:00', reason: 'outside-hours' });
  });

  it('0 working days: same day by closing time; after the cut-off, the next working day', () => {
    expect(appt('2026-03-02T14:00:00', 0, 'working-days', '15:00')).toMatchObject({ due: '2026-03-02T17:00:00', notes: ['same-day'] });
    expect(appt('2026-03-02T15:30:00', 0, 'working-days', '15:00')).toMatchObject({ due: '2026-03-03T17:00:00', reason: 'after-cutoff' });
    expect(appt('2026-02-13T15:30:00', 0, 'working-days', '15:00').due).toBe('2026-02-23T17:00:00');
  });

  it('flags a due date in a year without an official schedule', () => {
    const a = appt('2026-12-30T09:00:00', 5);
    expect(a.due).toBe('2027-01-07T09:00:00');
    expect(a.unofficialYears).toEqual([2027]);
    expect(a.notes).toContain('schedule-not-official');
  });
});

describe('appointment rule: calendar days and hours', () => {
  it('calendar days: a last day off moves to the next working day', () => {
    expect(appt('2026-03-02T09:00:00', 20, 'days')).toMatchObject({ due: '2026-03-23T09:00:00', notes: ['moved-to-working-day'] });
    expect(appt('2026-04-10T08:00:00', 20, 'days').due).toBe('2026-05-04T08:00:00');
    expect(appt('2026-03-02T09:00:00', 3, 'days')).toMatchObject({ due: '2026-03-05T09:00:00', notes: [] });
  });

  it('hours: counted inside counter sessions of working days', () => {
    // Mon 09:00: 2h30 left in the morning, 3h30 in the afternoon; 2 more hours on Tuesday.
    expect(appt('2026-03-02T09:00:00', 8, 'hours')).toMatchObject({ due: '2026-03-03T09:00:00', notes: ['working-hours'] });
    expect(appt('2026-03-02T09:00:00', 2.5, 'hours').due).toBe('2026-03-02T11:30:00');
    expect(appt('2026-03-02T09:00:00', 3, 'hours').due).toBe('2026-03-02T14:00:00');
    expect(appt('2026-03-02T09:00:00', 0, 'hours').due).toBe('2026-03-02T09:00:00');
    // Wednesday 29/4 afternoon, before the 30/4 – 3/5 break: resumes on Monday 4/5.
    expect(appt('2026-04-29T16:00:00', 2, 'hours').due).toBe('2026-05-04T08:00:00');
  });

  it('hours: due moment minus start always contains exactly the requested counter time', () => {
    const minutes = fc.integer({ min: 0, max: 60 * 60 });
    const start = fc.integer({ min: 0, max: 200 * 24 * 60 }).map((m) => new Date(vn('2026-01-01T00:00:00').getTime() + m * 60_000));
    fc.assert(
      fc.property(start, minutes, (receivedAt, m) => {
        const a = computeAppointment({ receivedAt, time: { value: m / 60, unit: 'hours' }, cutoff: null, hours: EXAMPLE_COUNTER_HOURS, calendar });
        let counted = 0;
        for (let t = a.effectiveStart.getTime(); t < a.dueAt.getTime(); t += 60_000) {
          const d = new Date(t);
          const min = vnMinuteOfDay(d);
          const open = (min >= 420 && min < 690) || (min >= 810 && min < 1020);
          if (open && calendar.isWorkingDay(vnDate(d))) counted++;
        }
        expect(counted).toBe(m);
      }),
      { numRuns: 60 },
    );
  });
});

describe('appointment rule: properties and input checks', () => {
  const receipt = fc.integer({ min: 0, max: 500 * 24 * 60 }).map((m) => new Date(vn('2025-06-01T00:00:00').getTime() + m * 60_000));
  const cutoff = fc.constantFrom(null, '15:00', '11:00');

  it('working days: the effective start is inside counter hours on a working day, the due day is N working days later', () => {
    fc.assert(
      fc.property(receipt, fc.integer({ min: 1, max: 30 }), cutoff, (receivedAt, n, c) => {
        const a = computeAppointment({ receivedAt, time: { value: n, unit: 'working-days' }, cutoff: c, hours: EXAMPLE_COUNTER_HOURS, calendar });
        const startDay = vnDate(a.effectiveStart);
        expect(calendar.isWorkingDay(startDay)).toBe(true);
        expect(a.effectiveStart.getTime()).toBeGreaterThanOrEqual(receivedAt.getTime());
        const m = vnMinuteOfDay(a.effectiveStart);
        expect((m >= 420 && m < 690) || (m >= 810 && m < 1020)).toBe(true);
        expect(vnDate(a.dueAt)).toBe(calendar.addWorkingDays(startDay, n));
        expect(vnMinuteOfDay(a.dueAt)).toBe(m);
        expect(a.rolledOver).toBe(a.effectiveStart.getTime() !== receivedAt.getTime());
        if (!calendar.isWorkingDay(vnDate(receivedAt))) expect(a.reason).toBe('non-working-day');
      }),
      { numRuns: 200 },
    );
  });

  it('rejects bad counter hours, cut-offs and time limits', () => {
    const base = { receivedAt: vn('2026-03-02T09:00:00'), cutoff: null, hours: EXAMPLE_COUNTER_HOURS, calendar };
    expect(() => parseCounterHours({ sessions: [] })).toThrow(RangeError);
    expect(() => parseCounterHours({ sessions: [{ open: '11:00', close: '10:00' }] })).toThrow(RangeError);
    expect(() => parseCounterHours({ sessions: [{ open: '07:00', close: '12:00' }, { open: '11:00', close: '17:00' }] })).toThrow(RangeError);
    expect(() => parseCounterHours({ sessions: [{ open: '7h', close: '17:00' }] })).toThrow(RangeError);
    expect(() => computeAppointment({ ...base, cutoff: '3pm', time: { value: 1, unit: 'working-days' } })).toThrow(RangeError);
    expect(() => computeAppointment({ ...base, time: { value: -1, unit: 'working-days' } })).toThrow(RangeError);
    expect(() => computeAppointment({ ...base, time: { value: 1.5, unit: 'days' } })).toThrow(RangeError);
    expect(() => computeAppointment({ ...base, time: { value: Number.NaN, unit: 'hours' } })).toThrow(RangeError);
  });
});

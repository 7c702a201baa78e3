import { describe, expect, it } from 'vitest';
import { type AppointmentInput, EXAMPLE_COUNTER_HOURS, computeAppointment } from '../../src/domain/calendar/appointment.js';
import { toVnIso } from '../../src/domain/time.js';
import { builtinCalendar } from '../helpers/calendar.js';

const calendar = builtinCalendar();
const vn = (s: string): Date => new Date(`${s}+07:00`);

function due(receivedAt: string, value: number, rule: AppointmentInput['cutoffRule'], unit: AppointmentInput['time']['unit'] = 'working-days') {
  const a = computeAppointment({ receivedAt: vn(receivedAt), time: { value, unit }, cutoff: '15:00', cutoffRule: rule, hours: EXAMPLE_COUNTER_HOURS, calendar });
  return { due: toVnIso(a.dueAt).slice(0, 19), reason: a.reason, notes: a.notes };
}

describe('the 15:00 cut-off as each record words it', () => {
  it('"trả kết quả trong ngày làm việc tiếp theo": after 15:00 the result is due within the next working day, not one working day after it', () => {
    // khai sinh / khai tử ("1"), Mon 2/3/2026 15:20: due Tue 3/3 by closing time (the old rule gave Wed 4/3 07:00)
    expect(due('2026-03-02T15:20:00', 1, 'result-next-working-day')).toEqual({ due: '2026-03-03T17:00:00', reason: 'after-cutoff', notes: ['next-working-day'] });
    // the same-day services: after 15:00, within the next working day
    expect(due('2026-03-02T15:30:00', 0, 'result-next-working-day').due).toBe('2026-03-03T17:00:00');
    // Friday after 15:00: the next working day is Monday
    expect(due('2026-03-06T16:00:00', 1, 'result-next-working-day').due).toBe('2026-03-09T17:00:00');
  });

  it('before the cut-off the time limit applies as usual', () => {
    expect(due('2026-03-02T14:59:00', 1, 'result-next-working-day')).toEqual({ due: '2026-03-03T14:59:00', reason: null, notes: [] });
  });

  it('a longer time limit is never shortened by the cut-off rule', () => {
    // 3 working days from Mon 15:20 is Thu 15:20, later than Tue's closing time
    expect(due('2026-03-02T15:20:00', 3, 'result-next-working-day').due).toBe('2026-03-05T15:20:00');
  });

  it('"count from the next working day" (3.000722) and records without a rule keep the old reading', () => {
    expect(due('2026-03-02T15:20:00', 1, 'count-from-next-working-day').due).toBe('2026-03-04T07:00:00');
    expect(due('2026-03-02T15:20:00', 1, undefined).due).toBe('2026-03-04T07:00:00');
  });
});

describe('half-day time limits', () => {
  it('0.5 working day is half of the counter hours, counted inside the sessions', () => {
    // 07:00–11:30 and 13:30–17:00 = 8 h a day; 0.5 day = 4 h: Mon 09:00 + 2h30 (to 11:30) + 1h30 → 15:00
    const a = computeAppointment({ receivedAt: vn('2026-03-02T09:00:00'), time: { value: 0.5, unit: 'working-days' }, cutoff: null, hours: EXAMPLE_COUNTER_HOURS, calendar });
    expect(toVnIso(a.dueAt).slice(0, 19)).toBe('2026-03-02T15:00:00');
    expect(a.notes).toContain('part-day');
  });

  it('1.5 working days: one working day, then half a day of counter hours (over the weekend)', () => {
    const a = computeAppointment({ receivedAt: vn('2026-03-05T14:00:00'), time: { value: 1.5, unit: 'working-days' }, cutoff: null, hours: EXAMPLE_COUNTER_HOURS, calendar });
    // Thu 14:00 + 1 → Fri 14:00; + 4 h: 3 h to 17:00, 1 h on Monday → Mon 9/3 08:00
    expect(toVnIso(a.dueAt).slice(0, 19)).toBe('2026-03-09T08:00:00');
  });
});

import { describe, expect, it } from 'vitest';
import { parseDateTimeInput } from '../../src/domain/date-input.js';
import { parseDateInput } from '../../src/domain/identity.js';
import { toVnIso } from '../../src/domain/time.js';

describe('one date syntax, impossible dates refused (issue 13 point 14, issue 18)', () => {
  it('reads dd/mm/yyyy and yyyy-mm-dd alike', () => {
    expect(parseDateInput('02/03/2026')).toEqual({ ok: true, value: '2026-03-02' });
    expect(parseDateInput('2026-03-02')).toEqual({ ok: true, value: '2026-03-02' });
    expect(parseDateInput('29/02/2028')).toEqual({ ok: true, value: '2028-02-29' });
  });

  it('refuses 2026-02-30, 31/04/2026, 29/02/2026 and year 0001 instead of rolling over', () => {
    for (const t of ['2026-02-30', '31/04/2026', '29/02/2026', '0001-01-01', '01/01/0001', '2026-13-01', '00/01/2026']) {
      expect(parseDateInput(t), t).toMatchObject({ ok: false, problems: [{ code: 'DATE_INVALID' }] });
    }
  });

  it('a point in time: date in either form, optional time and offset, Vietnam time by default', () => {
    const at = (t: string) => {
      const r = parseDateTimeInput(t);
      return r.ok ? toVnIso(r.value) : r.reason;
    };
    expect(at('02/03/2026 08:15')).toBe('2026-03-02T08:15:00+07:00');
    expect(at('2026-03-02T15:30+07:00')).toBe('2026-03-02T15:30:00+07:00');
    expect(at('2026-03-02T08:30Z')).toBe('2026-03-02T15:30:00+07:00');
    expect(at('2026-03-02')).toBe('2026-03-02T00:00:00+07:00');
    expect(at('2026-02-30T09:00')).toBe('date');
    expect(at('0001-01-01')).toBe('date');
    expect(at('2026-03-02 24:00')).toBe('time');
    expect(at('2026-03-02T09:61')).toBe('time');
    expect(at('hôm qua')).toBe('format');
  });
});

import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Action } from '../../src/domain/dossier/status.js';
import type { Channel, Dossier, ProcedureSnapshot } from '../../src/domain/dossier/types.js';
import { buildReport, calendarDaysBetween, monthsOf, pct } from '../../src/domain/report.js';
import { addDays, fromVn, toVnIso, weekdayOf } from '../../src/domain/time.js';
import { PROC, sampleDossier } from '../helpers/dossier.js';

const P2: ProcedureSnapshot = { ...PROC, code: '2.000635', name: 'Thủ tục cấp bản sao trích lục hộ tịch', field: 'Hộ tịch' };

/** Monday–Friday only: enough for known answers (no holiday falls on the days used). */
const weekdays = {
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (weekdayOf(d) >= 1 && weekdayOf(d) <= 5) n++;
    return n;
  },
};

type Step = [Action, Date, Record<string, unknown>?];
const at = (date: string, h: number, m = 0): Date => fromVn(date, h, m);

function make(n: number, proc: ProcedureSnapshot, channel: Channel, received: Date, due: Date, steps: Step[]): Dossier {
  const code = `000.00.00.H99-${toVnIso(received).slice(2, 10).replace(/-/g, '')}-${String(n).padStart(4, '0')}`;
  let d: Dossier = { ...sampleDossier(code, received), procedure: proc, channel, dueAt: toVnIso(due), register: { book: toVnIso(received).slice(0, 4), number: n } };
  for (const [a, t, data] of steps) d = applyAction(d, a, { at: t, operator: 'Trần Văn Đức', ...(data ? { data } : {}) }).dossier;
  return d;
}

const scan = (t: Date): Step => ['scanned', t, { files: 1 }];
const route = (t: Date): Step => ['routed', t, { to: 'van-phong', toName: 'Văn phòng HĐND và UBND' }];
const result = (t: Date): Step => ['result-recorded', t, { decision: 'approved' }];
const ret = (t: Date, method: 'counter' | 'post'): Step => ['result-returned', t, { method, timing: 'on-time' }];

// A seeded history with known answers (see the comments: received, result, judgement, working days).
const HISTORY: Dossier[] = [
  // D1 Mon 02/03: result the same day → early, 0 WD
  make(1, PROC, 'in-person', at('2026-03-02', 9), at('2026-03-03', 16, 30), [scan(at('2026-03-02', 9, 10)), route(at('2026-03-02', 9, 30)), result(at('2026-03-02', 15)), ret(at('2026-03-03', 8), 'counter')]),
  // D2 online: result on the due day → on time, 1 WD; returned by post 04/03
  make(2, PROC, 'online', at('2026-03-02', 10), at('2026-03-03', 16, 30), [scan(at('2026-03-02', 10, 5)), result(at('2026-03-03', 10)), ret(at('2026-03-04', 9), 'post')]),
  // D3: apology, result after the receipt's date → late (on time only if the apology extends), 2 WD
  make(3, PROC, 'in-person', at('2026-03-03', 9), at('2026-03-04', 16, 30), [route(at('2026-03-03', 9, 30)), ['apology-issued', at('2026-03-04', 15), { number: '01/PXL', reason: 'Xác minh', newDueAt: '2026-03-06T16:30:00+07:00' }], result(at('2026-03-05', 9))]),
  // D4 P2 online Fri 06/03: result Mon 09/03, due 11/03 → early, 1 WD (3 calendar days)
  make(4, P2, 'online', at('2026-03-06', 9), at('2026-03-11', 16, 30), [scan(at('2026-03-06', 9, 5)), result(at('2026-03-09', 14))]),
  // D5 P2 postal: result 16:00 on the due day → on time, 3 WD (5 days); returned by post 12/03
  make(5, P2, 'postal', at('2026-03-06', 10), at('2026-03-11', 16, 30), [result(at('2026-03-11', 16)), ret(at('2026-03-12', 9), 'post')]),
  // D6 P2: supplement, new date 17/03, result 16/03 → early, 4 WD (6 days)
  make(6, P2, 'in-person', at('2026-03-10', 9), at('2026-03-13', 16, 30), [
    scan(at('2026-03-10', 9, 5)),
    ['supplement-requested', at('2026-03-10', 10), { reason: 'Thiếu giấy tờ', components: ['to-khai'], number: '01/HDHS' }],
    ['supplement-received', at('2026-03-12', 10), { newDueAt: '2026-03-17T16:30:00+07:00' }],
    result(at('2026-03-16', 9)),
  ]),
  // D7: still open
  make(7, PROC, 'in-person', at('2026-03-30', 9), at('2026-03-31', 16, 30), [route(at('2026-03-30', 9, 30))]),
  // D8 online, received in February, result Mon 02/03 → late, 2 WD (4 days)
  make(8, PROC, 'online', at('2026-02-26', 9), at('2026-02-27', 16, 30), [scan(at('2026-02-26', 9, 5)), result(at('2026-03-02', 9))]),
  // D9 February: result on the due day → on time, 1 WD; returned by post 12/02
  make(9, PROC, 'in-person', at('2026-02-10', 9), at('2026-02-11', 16, 30), [result(at('2026-02-11', 8)), ret(at('2026-02-12', 9), 'post')]),
  // D10 P2 January (outside the period) but returned by post on 02/02 (inside)
  make(10, P2, 'in-person', at('2026-01-20', 9), at('2026-01-23', 16, 30), [result(at('2026-01-22', 9)), ret(at('2026-02-02', 9), 'post')]),
  // D11 April: outside
  make(11, PROC, 'online', at('2026-04-01', 9), at('2026-04-02', 16, 30), [scan(at('2026-04-01', 9, 5)), result(at('2026-04-01', 15))]),
];

const PERIOD = { from: '2026-02-01', to: '2026-03-31' };

describe('buildReport on a seeded history', () => {
  const r = buildReport(HISTORY, { ...PERIOD, calendar: weekdays });

  it('counts received, online and digitised among the dossiers received in the period', () => {
    expect(r.totals).toMatchObject({ received: 9, online: 3, onlinePct: 33.3, digitised: 5, digitisedPct: 55.6 });
  });

  it('counts resolved by the date of the result, with early / on-time / late rates', () => {
    expect(r.totals).toMatchObject({ resolved: 8, early: 3, onTime: 3, late: 2, earlyPct: 37.5, onTimePct: 37.5, latePct: 25, earlyOrOnTimePct: 75 });
  });

  it('averages received → result in working days, overall and per procedure', () => {
    expect(r.dayUnit).toBe('working-days');
    expect(r.totals.averageDays).toBe(1.75);
    expect(r.procedures).toEqual([
      { code: '1.001193', name: PROC.name, resolved: 5, averageDays: 1.2 },
      { code: '2.000635', name: P2.name, resolved: 3, averageDays: 2.67 },
    ]);
  });

  it('counts results returned by post by the date of return', () => {
    expect(r.totals.returnedByPost).toBe(4);
  });

  it('charts every month of the period', () => {
    expect(r.months).toEqual([
      { month: '2026-02', resolved: 1, earlyOrOnTimePct: 100 },
      { month: '2026-03', resolved: 7, earlyOrOnTimePct: 71.4 },
    ]);
    expect(r.groups).toBeNull();
  });

  it('falls back to calendar days without a calendar', () => {
    const c = buildReport(HISTORY, PERIOD);
    expect(c.dayUnit).toBe('calendar-days');
    expect(c.totals.averageDays).toBe(2.75);
  });

  it('lets an apology extend the due date only when asked', () => {
    const x = buildReport(HISTORY, { ...PERIOD, apologyExtends: true });
    expect([x.totals.early, x.totals.onTime, x.totals.late]).toEqual([4, 3, 1]);
  });
});

describe('grouping', () => {
  const get = (by: 'procedure' | 'month' | 'channel') => buildReport(HISTORY, { ...PERIOD, by, calendar: weekdays }).groups!;

  it('by month: each fact in the month it happened', () => {
    const [feb, mar] = get('month');
    expect(feb).toMatchObject({ key: '2026-02', figures: { received: 2, online: 1, onlinePct: 50, digitised: 1, resolved: 1, onTime: 1, earlyOrOnTimePct: 100, averageDays: 1, returnedByPost: 2 } });
    expect(mar).toMatchObject({ key: '2026-03', figures: { received: 7, online: 2, onlinePct: 28.6, digitised: 4, digitisedPct: 57.1, resolved: 7, early: 3, onTime: 2, late: 2, earlyOrOnTimePct: 71.4, averageDays: 1.86, returnedByPost: 2 } });
  });

  it('by channel', () => {
    const g = Object.fromEntries(get('channel').map((x) => [x.key, x.figures]));
    expect(g['in-person']).toMatchObject({ received: 5, resolved: 4, early: 2, onTime: 1, late: 1, returnedByPost: 2 });
    expect(g.online).toMatchObject({ received: 3, online: 3, onlinePct: 100, resolved: 3, early: 1, onTime: 1, late: 1, returnedByPost: 1 });
    expect(g.postal).toMatchObject({ received: 1, resolved: 1, onTime: 1, returnedByPost: 1 });
  });

  it('by procedure, named, including a procedure seen only through a return by post', () => {
    const g = get('procedure');
    expect(g.map((x) => [x.key, x.label])).toEqual([['1.001193', PROC.name], ['2.000635', P2.name]]);
    expect(g[0]!.figures).toMatchObject({ received: 6, resolved: 5, early: 1, onTime: 2, late: 2, averageDays: 1.2 });
    expect(g[1]!.figures).toMatchObject({ received: 3, resolved: 3, early: 2, onTime: 1, averageDays: 2.67, returnedByPost: 2 });
  });

  it('groups add up to the totals', () => {
    const r = buildReport(HISTORY, { ...PERIOD, calendar: weekdays });
    for (const by of ['procedure', 'month', 'channel'] as const) {
      const gs = get(by);
      for (const k of ['received', 'resolved', 'early', 'onTime', 'late', 'online', 'digitised', 'returnedByPost'] as const) {
        expect(gs.reduce((a, g) => a + g.figures[k], 0)).toBe(r.totals[k]);
      }
    }
  });
});

describe('edges', () => {
  it('an empty period has counts of zero and no rates', () => {
    const r = buildReport(HISTORY, { from: '2025-06-01', to: '2025-06-30' });
    expect(r.totals).toMatchObject({ received: 0, resolved: 0, onlinePct: null, earlyOrOnTimePct: null, averageDays: null });
    expect(r.procedures).toEqual([]);
    expect(r.months).toEqual([{ month: '2025-06', resolved: 0, earlyOrOnTimePct: null }]);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => buildReport([], { from: '2026-03-02', to: '2026-03-01' })).toThrow(RangeError);
  });

  it('helpers', () => {
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(calendarDaysBetween('2026-02-26', '2026-03-02')).toBe(4);
    expect(calendarDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(pct(1, 3)).toBe(33.3);
    expect(pct(2, 3)).toBe(66.7);
    expect(pct(0, 0)).toBeNull();
  });
});

describe('applicant kinds in the report (issue 12)', () => {
  it('counts received dossiers from citizens and from organisations, in the totals and in each group', () => {
    const org = { name: 'Hội Nông dân xã Suối Kiết', taxCode: null, address: null };
    const list = HISTORY.map((d, i): Dossier => (i % 3 === 0 ? { ...d, applicantKind: 'organisation', organisation: org } : d));
    const r = buildReport(list, { ...PERIOD, calendar: weekdays, by: 'channel' });
    const received = list.filter((d) => d.receivedAt.slice(0, 10) >= PERIOD.from && d.receivedAt.slice(0, 10) <= PERIOD.to);
    const orgs = received.filter((d) => d.applicantKind === 'organisation').length;
    expect(orgs).toBeGreaterThan(0);
    expect(r.totals).toMatchObject({ received: received.length, organisations: orgs, citizens: received.length - orgs });
    expect(r.groups!.reduce((n, g) => n + g.figures.organisations, 0)).toBe(orgs);
    // files older than issue 12 (no applicantKind) are citizens
    expect(buildReport(HISTORY, PERIOD).totals.organisations).toBe(0);
  });
});

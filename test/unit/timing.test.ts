import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { fromVn, toVnIso, vnDate } from '../../src/domain/time.js';
import { dueForJudgement, judgeDossierAt, judgeTiming, TIMINGS } from '../../src/domain/timing.js';
import { sampleDossier } from '../helpers/dossier.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const due = fromVn('2026-03-03', 16, 30); // Tuesday 16:30 in Vietnam

describe('judgeTiming', () => {
  it.each([
    ['the day before', fromVn('2026-03-02', 16, 0), 0, 'early'],
    ['the previous evening, 23:59', fromVn('2026-03-02', 23, 59), 0, 'early'],
    ['the due day at 00:00', fromVn('2026-03-03', 0, 0), 0, 'on-time'],
    ['the due day in the morning', fromVn('2026-03-03', 8, 0), 0, 'on-time'],
    ['exactly at the due instant', due, 0, 'on-time'],
    ['one minute after', fromVn('2026-03-03', 16, 31), 0, 'late'],
    ['the next day', fromVn('2026-03-04', 8, 0), 0, 'late'],
    ['the next day, clock paused one day', fromVn('2026-03-04', 8, 0), DAY, 'on-time'],
    ['the due day, clock paused one day', fromVn('2026-03-03', 17, 0), DAY, 'early'],
    ['two days later, clock paused one day', fromVn('2026-03-05', 8, 0), DAY, 'late'],
  ] as const)('%s → %s', (_name, at, paused, want) => {
    expect(judgeTiming(at, due, paused)).toBe(want);
  });

  it('uses the Vietnamese calendar date, whatever the UTC date', () => {
    // 2026-03-03 06:00 in Vietnam is 2026-03-02 23:00 UTC: still the due day in Vietnam.
    expect(judgeTiming(new Date('2026-03-02T23:00:00Z'), due, 0)).toBe('on-time');
    // 2026-03-02 23:30 in Vietnam is 16:30 UTC on the same date: the day before.
    expect(judgeTiming(new Date('2026-03-02T16:30:00Z'), due, 0)).toBe('early');
  });

  it('never improves when the result comes later (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * DAY, max: 10 * DAY }), fc.integer({ min: 0, max: 5 * DAY }), fc.integer({ min: 0, max: 3 * DAY }), (offset, delta, paused) => {
        const a = judgeTiming(new Date(due.getTime() + offset), due, paused);
        const b = judgeTiming(new Date(due.getTime() + offset + delta), due, paused);
        expect(TIMINGS.indexOf(b)).toBeGreaterThanOrEqual(TIMINGS.indexOf(a));
      }),
    );
  });

  it('is late exactly after the due instant plus the pause, on time exactly on its date (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * DAY, max: 10 * DAY }), fc.integer({ min: 0, max: 3 * DAY }), (offset, paused) => {
        const at = new Date(due.getTime() + offset);
        const eff = new Date(due.getTime() + paused);
        const got = judgeTiming(at, due, paused);
        if (at.getTime() > eff.getTime()) expect(got).toBe('late');
        else if (vnDate(at) === vnDate(eff)) expect(got).toBe('on-time');
        else expect(got).toBe('early');
      }),
    );
  });
});

function withEvents(d: Dossier, steps: [Parameters<typeof applyAction>[1], Date, Record<string, unknown>?][]): Dossier {
  let x = d;
  for (const [a, at, data] of steps) x = applyAction(x, a, { at, operator: 'Trần Văn Đức', ...(data ? { data } : {}) }).dossier;
  return x;
}

describe('dueForJudgement', () => {
  const received = fromVn('2026-03-02', 9, 0);
  const base = (): Dossier => ({ ...sampleDossier(undefined, received), dueAt: toVnIso(fromVn('2026-03-03', 16, 30)) });

  it('is the receipt appointment when nothing moved it', () => {
    expect(dueForJudgement(base(), fromVn('2026-03-04', 8, 0))).toEqual({ dueAt: '2026-03-03T16:30:00+07:00', pausedMs: 0 });
  });

  it('adds a supplement pause that has no new date', () => {
    const d = withEvents(base(), [
      ['supplement-requested', fromVn('2026-03-02', 10, 0), { reason: 'thiếu', components: [], number: '1/HDHS' }],
      ['supplement-received', fromVn('2026-03-03', 10, 0), {}],
    ]);
    expect(dueForJudgement(d, fromVn('2026-03-04', 8, 0)).pausedMs).toBe(DAY);
    expect(judgeDossierAt(d, fromVn('2026-03-04', 8, 0))).toBe('on-time');
  });

  it('takes the new date given when the supplement was received, without adding the pause again', () => {
    const d = withEvents(base(), [
      ['supplement-requested', fromVn('2026-03-02', 10, 0), { reason: 'thiếu', components: [], number: '1/HDHS' }],
      ['supplement-received', fromVn('2026-03-05', 10, 0), { newDueAt: '2026-03-06T16:30:00+07:00' }],
    ]);
    expect(dueForJudgement(d, fromVn('2026-03-06', 9, 0))).toEqual({ dueAt: '2026-03-06T16:30:00+07:00', pausedMs: 0 });
    expect(judgeDossierAt(d, fromVn('2026-03-06', 9, 0))).toBe('on-time');
  });

  it('counts an open pause up to the instant judged, and ignores later events', () => {
    const d = withEvents(base(), [['supplement-requested', fromVn('2026-03-02', 10, 0), { reason: 'thiếu', components: [], number: '1/HDHS' }]]);
    expect(dueForJudgement(d, fromVn('2026-03-02', 12, 0)).pausedMs).toBe(2 * HOUR);
    expect(dueForJudgement(d, fromVn('2026-03-02', 9, 30)).pausedMs).toBe(0);
  });

  it('does not let an apology move the due date unless asked', () => {
    const d = withEvents(base(), [
      ['routed', fromVn('2026-03-02', 9, 30), { to: 'van-phong', toName: 'Văn phòng HĐND và UBND' }],
      ['apology-issued', fromVn('2026-03-03', 15, 0), { number: '1/PXL', reason: 'xác minh', newDueAt: '2026-03-05T16:30:00+07:00' }],
    ]);
    const at = fromVn('2026-03-05', 9, 0);
    expect(judgeDossierAt(d, at)).toBe('late');
    expect(judgeDossierAt(d, at, { apologyExtends: true })).toBe('on-time');
  });
});

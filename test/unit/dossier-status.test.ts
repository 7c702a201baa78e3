import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { type Action, allowed, derive, STATUSES, type Status, TRANSITIONS } from '../../src/domain/dossier/status.js';
import { EVENT_TYPES, type Dossier } from '../../src/domain/dossier/types.js';
import { isGovDeskError } from '../../src/errors.js';
import { sampleDossier } from '../helpers/dossier.js';

const at = new Date('2026-03-02T03:00:00Z');
const ACTIONS = EVENT_TYPES.filter((e) => e !== 'received') as Action[];

/** A path of actions that leads from reception to each status. */
const PATHS: Record<Status, Action[]> = {
  received: [],
  processing: ['routed'],
  'supplement-requested': ['supplement-requested'],
  'awaiting-payment': ['payment-requested'],
  done: ['routed', 'result-recorded'],
  returned: ['routed', 'result-recorded', 'result-returned'],
  refused: ['portal-rejected'],
  withdrawn: ['withdrawn'],
  stopped: ['stopped'],
};

function dossierIn(status: Status): Dossier {
  let d = sampleDossier();
  for (const a of PATHS[status]) d = applyAction(d, a, { at, operator: 'op', data: a === 'routed' ? { to: 'van-phong' } : undefined }).dossier;
  return d;
}

describe('dossier status × action table', () => {
  for (const status of STATUSES) {
    it(`reaches "${status}" through its path`, () => {
      expect(derive(dossierIn(status)).status).toBe(status);
    });
    for (const action of ACTIONS) {
      const ok = allowed(status, action);
      it(`${status} × ${action} → ${ok ? 'allowed' : 'refused'}`, () => {
        const d = dossierIn(status);
        const alreadyOnce = d.events.some((e) => e.key === action);
        if (ok || alreadyOnce) {
          const r = applyAction(d, action, { at, operator: 'op' });
          if (alreadyOnce) expect(r.applied).toBe(false);
          else {
            expect(r.applied).toBe(true);
            expect(r.dossier.events).toHaveLength(d.events.length + 1);
            expect(r.event.type).toBe(action);
          }
        } else {
          let caught: unknown;
          try {
            applyAction(d, action, { at, operator: 'op' });
          } catch (e) {
            caught = e;
          }
          expect(isGovDeskError(caught) && caught.code).toBe('TRANSITION_NOT_ALLOWED');
        }
      });
    }
  }

  it('lists only known actions for every status', () => {
    for (const s of STATUSES) for (const a of TRANSITIONS[s]) expect(ACTIONS).toContain(a);
  });

  it('never edits earlier events and repeats are no-ops', () => {
    const d = dossierIn('done');
    const before = JSON.stringify(d.events);
    const r1 = applyAction(d, 'result-returned', { at, operator: 'op' });
    expect(JSON.stringify(r1.dossier.events.slice(0, d.events.length))).toBe(before);
    const r2 = applyAction(r1.dossier, 'result-returned', { at, operator: 'op' });
    expect(r2.applied).toBe(false);
    expect(r2.dossier).toBe(r1.dossier);
  });

  it('an explicit idempotency key makes a repeated portal event a no-op', () => {
    const d = dossierIn('received');
    const r1 = applyAction(d, 'portal-status', { at, operator: 'sync', key: 'portal:4:20260302100000', data: { status: 'processing' } });
    const r2 = applyAction(r1.dossier, 'portal-status', { at, operator: 'sync', key: 'portal:4:20260302100000', data: { status: 'processing' } });
    expect(r2.applied).toBe(false);
    expect(derive(r2.dossier).status).toBe('processing');
  });
});

describe('derived flags', () => {
  it('portal states are distinct facts: queued, sent, accepted', () => {
    let d = dossierIn('received');
    expect(derive(d).portal).toBe('not-submitted');
    d = applyAction(d, 'submit-queued', { at, operator: 'op' }).dossier;
    expect(derive(d).portal).toBe('queued');
    d = applyAction(d, 'portal-sent', { at, operator: 'op' }).dossier;
    expect(derive(d).portal).toBe('sent');
    d = applyAction(d, 'portal-accepted', { at, operator: 'op' }).dossier;
    expect(derive(d).portal).toBe('accepted');
  });

  it('pauses the clock between supplement requested and received', () => {
    let d = dossierIn('processing');
    d = applyAction(d, 'supplement-requested', { at: new Date('2026-03-02T03:00:00Z'), operator: 'op' }).dossier;
    expect(derive(d, new Date('2026-03-02T05:00:00Z'))).toMatchObject({ paused: true, pausedMs: 2 * 3600_000 });
    d = applyAction(d, 'supplement-received', { at: new Date('2026-03-02T06:00:00Z'), operator: 'op' }).dossier;
    expect(derive(d, new Date('2026-03-03T00:00:00Z'))).toMatchObject({ paused: false, pausedMs: 3 * 3600_000, status: 'processing' });
  });
});

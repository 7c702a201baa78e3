import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../src/domain/dossier/status.js';
import { localToPortal, movesForward, portalToLocal } from '../../src/portal/status-map.js';
import { TRANG_THAI_LABELS, isTrangThai } from '../../src/portal/types.js';

describe('TrangThaiHoSo ↔ local status', () => {
  it.each([
    [1, 'received'],
    [2, 'received'],
    [3, 'refused'],
    [4, 'processing'],
    [5, 'supplement-requested'],
    [6, 'awaiting-payment'],
    [7, 'withdrawn'],
    [8, 'stopped'],
    [9, 'done'],
    [10, 'returned'],
  ] as const)('%i → %s', (code, status) => {
    expect(portalToLocal(code)).toBe(status);
  });

  it('every local status maps to a portal code that maps back to it', () => {
    for (const s of STATUSES) expect(portalToLocal(localToPortal(s))).toBe(s);
    expect(localToPortal('received')).toBe(2);
  });

  it('codes outside 1–10 (and non-integers) are null', () => {
    for (const bad of [0, 11, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(portalToLocal(bad)).toBeNull();
    fc.assert(
      fc.property(fc.integer(), (n) => {
        expect(portalToLocal(n) === null).toBe(n < 1 || n > 10);
      }),
    );
  });

  it('labels cover exactly the ten codes of the contract', () => {
    expect(Object.keys(TRANG_THAI_LABELS).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(TRANG_THAI_LABELS[5]).toBe('Yêu cầu bổ sung giấy tờ');
    expect(isTrangThai(10)).toBe(true);
    expect(isTrangThai(11)).toBe(false);
  });
});

describe('movesForward: a status from the portal never moves a dossier backwards', () => {
  it('forward and between the sub-states of processing only', () => {
    expect(movesForward('received', 'processing')).toBe(true);
    expect(movesForward('processing', 'supplement-requested')).toBe(true);
    expect(movesForward('supplement-requested', 'processing')).toBe(true);
    expect(movesForward('processing', 'done')).toBe(true);
    expect(movesForward('done', 'returned')).toBe(true);
    expect(movesForward('done', 'processing')).toBe(false);
    expect(movesForward('processing', 'received')).toBe(false);
    expect(movesForward('awaiting-payment', 'received')).toBe(false);
    expect(movesForward('done', 'supplement-requested')).toBe(false);
    expect(movesForward('processing', 'processing')).toBe(false);
  });
});

import { PORTAL_CODE, STATUSES, type Status } from '../domain/dossier/status.js';

/**
 * TrangThaiHoSo (portal-api.md, regulations.md §2.1) ↔ local statuses (src/domain/dossier/status.ts).
 * Codes 1 "Mới đăng ký" and 2 "Được tiếp nhận" both mean "received" locally (implementations send
 * 1 then 2 on acceptance); every other code has exactly one local status.
 */
export const PORTAL_TO_LOCAL: Readonly<Record<number, Status>> = {
  1: 'received',
  2: 'received',
  3: 'refused',
  4: 'processing',
  5: 'supplement-requested',
  6: 'awaiting-payment',
  7: 'withdrawn',
  8: 'stopped',
  9: 'done',
  10: 'returned',
};

/** The local status of a portal code, or null for a code outside 1–10. */
export function portalToLocal(code: number): Status | null {
  if (!Number.isInteger(code)) return null;
  return PORTAL_TO_LOCAL[code] ?? null;
}

/** The portal code sent for a local status (received → 2). */
export function localToPortal(status: Status): number {
  return PORTAL_CODE[status];
}

/** Every local status, for tables and tests. */
export const LOCAL_STATUSES: readonly Status[] = STATUSES;

/** How far along a status is: received, in processing (its sub-states move both ways), done, closed. */
const STAGE: Readonly<Record<Status, number>> = {
  received: 0,
  processing: 1,
  'supplement-requested': 1,
  'awaiting-payment': 1,
  done: 2,
  returned: 3,
  refused: 3,
  withdrawn: 3,
  stopped: 3,
};

/**
 * Whether a status from the portal's changes feed may replace ours: only forward (received →
 * processing → done → closed), or between the sub-states of processing (a supplement or a payment
 * asked, then processing again). Never backwards: done → processing, processing → received.
 */
export function movesForward(from: Status, to: Status): boolean {
  return STAGE[to] > STAGE[from] || (STAGE[to] === 1 && STAGE[from] === 1 && to !== from);
}

import type { Dossier, DossierEvent, EventType } from './types.js';

/**
 * Local statuses, one-to-one with the portal's TrangThaiHoSo where possible (design §4).
 * Extra conditions (overdue, paused, possible duplicate, portal state) are flags, not statuses.
 */
export const STATUSES = ['received', 'processing', 'supplement-requested', 'awaiting-payment', 'done', 'returned', 'refused', 'withdrawn', 'stopped'] as const;
export type Status = (typeof STATUSES)[number];

export const PORTAL_CODE: Record<Status, number> = {
  received: 2,
  processing: 4,
  'supplement-requested': 5,
  'awaiting-payment': 6,
  done: 9,
  returned: 10,
  refused: 3,
  withdrawn: 7,
  stopped: 8,
};

/** Statuses after which the dossier leaves the active file for the yearly archive. */
export const CLOSED: readonly Status[] = ['returned', 'refused', 'withdrawn', 'stopped'];

export function isClosed(s: Status): boolean {
  return CLOSED.includes(s);
}

/** Actions are the event types a person or the portal can cause after reception. */
export type Action = Exclude<EventType, 'received'>;

const ALWAYS = ['printed', 'notified', 'note', 'portal-status', 'amended'] as const;
const PORTAL = ['submit-queued', 'portal-sent', 'portal-accepted', 'portal-rejected', 'portal-conflict'] as const;

/** The allowed actions per status, checked by the compiler against both unions. */
export const TRANSITIONS = {
  received: [...ALWAYS, ...PORTAL, 'scanned', 'scan-detached', 'routed', 'supplement-requested', 'payment-requested', 'result-recorded', 'withdrawn', 'stopped', 'apology-issued'],
  processing: [...ALWAYS, ...PORTAL, 'scanned', 'scan-detached', 'routed', 'handover-accepted', 'returned-to-counter', 'supplement-requested', 'payment-requested', 'result-recorded', 'withdrawn', 'stopped', 'apology-issued'],
  'supplement-requested': [...ALWAYS, ...PORTAL, 'scanned', 'scan-detached', 'supplement-received', 'withdrawn', 'stopped', 'apology-issued'],
  'awaiting-payment': [...ALWAYS, ...PORTAL, 'payment-received', 'withdrawn', 'stopped', 'apology-issued'],
  done: [...ALWAYS, ...PORTAL, 'returned-to-counter', 'result-returned', 'apology-issued'],
  returned: [...ALWAYS, 'submit-queued', 'portal-sent', 'portal-accepted', 'portal-conflict'],
  refused: [...ALWAYS],
  withdrawn: [...ALWAYS],
  stopped: [...ALWAYS],
} as const satisfies Record<Status, readonly Action[]>;

export function allowed(status: Status, action: Action): boolean {
  return (TRANSITIONS[status] as readonly Action[]).includes(action);
}

/** The status an event leads to (events that do not change the status return the current one). */
export function nextStatus(current: Status, e: DossierEvent): Status {
  switch (e.type) {
    case 'received':
      return 'received';
    case 'routed':
    case 'handover-accepted':
    case 'supplement-received':
    case 'payment-received':
      return 'processing';
    case 'returned-to-counter':
      return current;
    case 'supplement-requested':
      return 'supplement-requested';
    case 'payment-requested':
      return 'awaiting-payment';
    case 'result-recorded':
      return 'done';
    case 'result-returned':
      return 'returned';
    case 'portal-rejected':
      return 'refused';
    case 'withdrawn':
      return 'withdrawn';
    case 'stopped':
      return 'stopped';
    case 'portal-status': {
      const s = (e.data as { status?: Status } | undefined)?.status;
      return s && (STATUSES as readonly string[]).includes(s) ? s : current;
    }
    default:
      return current;
  }
}

/** `conflict`: the portal holds another dossier under this code; nothing of this one is sent. */
export type PortalState = 'not-submitted' | 'queued' | 'sent' | 'accepted' | 'rejected' | 'conflict';

export interface DerivedState {
  status: Status;
  portal: PortalState;
  /** Deadline clock paused (waiting for the citizen's supplement). */
  paused: boolean;
  /** Milliseconds the clock was paused in total (closed pauses only, plus the open one up to `now`). */
  pausedMs: number;
  department: string | null;
  possibleDuplicate: boolean;
}

export function derive(d: Pick<Dossier, 'events'>, now?: Date): DerivedState {
  let status: Status = 'received';
  let portal: PortalState = 'not-submitted';
  let pausedSince: number | null = null;
  let pausedMs = 0;
  let department: string | null = null;
  let possibleDuplicate = false;
  for (const e of d.events) {
    status = nextStatus(status, e);
    switch (e.type) {
      case 'received':
        possibleDuplicate = Boolean((e.data as { possibleDuplicate?: boolean } | undefined)?.possibleDuplicate);
        break;
      case 'submit-queued':
        if (portal === 'not-submitted' || portal === 'rejected') portal = 'queued';
        break;
      case 'portal-sent':
        if (portal !== 'accepted') portal = 'sent';
        break;
      case 'portal-accepted':
        portal = 'accepted';
        break;
      case 'portal-rejected':
        portal = 'rejected';
        break;
      case 'portal-conflict':
        // even after an acceptance: the record there now is another dossier's (it vanished and was created again)
        portal = 'conflict';
        break;
      case 'routed':
        department = String((e.data as { to?: string } | undefined)?.to ?? department ?? '');
        break;
      case 'returned-to-counter':
        department = null;
        break;
      case 'supplement-requested':
        if (pausedSince === null) pausedSince = Date.parse(e.at);
        break;
      case 'supplement-received':
        if (pausedSince !== null) pausedMs += Date.parse(e.at) - pausedSince;
        pausedSince = null;
        break;
      default:
        break;
    }
  }
  if (pausedSince !== null && now) pausedMs += Math.max(0, now.getTime() - pausedSince);
  return { status, portal, paused: pausedSince !== null, pausedMs, department, possibleDuplicate };
}

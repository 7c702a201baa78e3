import { usageError } from '../../errors.js';
import { toVnIso } from '../time.js';
import { type Action, allowed, derive, type Status } from './status.js';
import type { Dossier, DossierEvent } from './types.js';

/** Events that happen at most once in a dossier's life: repeating them is a no-op. */
const ONCE: readonly Action[] = ['result-recorded', 'result-returned', 'withdrawn', 'stopped', 'portal-accepted'];

export interface ActionInput {
  at: Date;
  operator: string;
  data?: Record<string, unknown>;
  /** Idempotency key; an event with the same key already recorded makes this call a no-op. */
  key?: string;
}

export interface ApplyResult {
  dossier: Dossier;
  event: DossierEvent;
  /** false when the same action had already been recorded (nothing changed). */
  applied: boolean;
}

const STATUS_TEXT: Record<Status, { vi: string; en: string }> = {
  received: { vi: 'đã tiếp nhận', en: 'received' },
  processing: { vi: 'đang xử lý', en: 'processing' },
  'supplement-requested': { vi: 'chờ bổ sung', en: 'waiting for a supplement' },
  'awaiting-payment': { vi: 'chờ thực hiện nghĩa vụ tài chính', en: 'waiting for payment' },
  done: { vi: 'đã có kết quả', en: 'result ready' },
  returned: { vi: 'đã trả kết quả', en: 'returned' },
  refused: { vi: 'không được tiếp nhận', en: 'refused' },
  withdrawn: { vi: 'công dân đã rút', en: 'withdrawn' },
  stopped: { vi: 'dừng xử lý', en: 'stopped' },
};

export function statusText(s: Status): { vi: string; en: string } {
  return STATUS_TEXT[s];
}

/**
 * Append the event for `action` if the transition table allows it in the current status.
 * Pure: returns a new dossier; never edits earlier events.
 */
export function applyAction(d: Dossier, action: Action, input: ActionInput): ApplyResult {
  const key = input.key ?? (ONCE.includes(action) ? action : undefined);
  if (key !== undefined) {
    const prior = d.events.find((e) => e.key === key);
    if (prior) return { dossier: d, event: prior, applied: false };
  }
  const { status } = derive(d);
  if (!allowed(status, action)) {
    throw usageError('TRANSITION_NOT_ALLOWED', {
      vi: 'Hồ sơ {code} đang ở trạng thái "{status}": không thể thực hiện "{action}".',
      en: 'Dossier {code} is "{status}": "{action}" is not allowed now.',
    }, { vars: { code: d.code, status: STATUS_TEXT[status].vi, action }, details: { status, action } });
  }
  const last = d.events[d.events.length - 1];
  const event: DossierEvent = {
    seq: (last?.seq ?? 0) + 1,
    type: action,
    at: toVnIso(input.at),
    operator: input.operator,
    ...(key !== undefined ? { key } : {}),
    ...(input.data ? { data: input.data } : {}),
  };
  return { dossier: { ...d, events: [...d.events, event] }, event, applied: true };
}

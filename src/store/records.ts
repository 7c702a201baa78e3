/**
 * The records the store keeps besides dossiers, as types (issue 14: no untyped drafts or outbox
 * entries). They are defined by the modules that own them; the store only keeps them.
 */
import type { DraftRecord } from '../intake/receive.js';
import type { ApologyDraft } from '../workflow/deadlines.js';
import type { PortalOutboxEntry } from '../portal/outbox.js';
import type { NotifyRecord } from '../notify/types.js';

export type { DraftRecord, ApologyDraft, PortalOutboxEntry, NotifyRecord };

/** A kept intake (Mẫu 02 / 03) or an apology letter waiting for confirmation. Keyed by `ref`. */
export type Draft = DraftRecord | ApologyDraft;

export type OutboxKind = 'portal' | 'notify';
/** Work queued for the provincial system or for a citizen's SMS / e-mail. Keyed by `id`. */
export type OutboxEntry = PortalOutboxEntry | NotifyRecord;
export type OutboxOf<K extends OutboxKind> = K extends 'portal' ? PortalOutboxEntry : NotifyRecord;

/**
 * Portal and notification states after which an entry needs no more work (a permanent portal
 * failure or a technical notification failure may still be retried by an operator: pending).
 */
const DONE: Record<OutboxKind, ReadonlySet<string>> = {
  portal: new Set(['sent', 'cancelled']),
  notify: new Set(['delivered', 'permanent-failure']),
};

/** Whether an outbox entry still has work to do (or may be retried); both adapters use this. */
export function isPending(e: OutboxEntry): boolean {
  return !DONE[e.kind].has(e.status);
}

/** The idempotency key that is unique per kind: the notification key, the portal entry id. */
export function outboxKey(e: OutboxEntry): string {
  return e.kind === 'notify' ? e.key : e.id;
}

export interface OutboxFilter {
  /** Only entries of these dossiers. */
  codes?: readonly string[];
  /** Only entries with these ids. */
  ids?: readonly string[];
  /** Only notification entries with these idempotency keys. */
  keys?: readonly string[];
  /** Only entries that still have work to do (see isPending). */
  pending?: boolean;
}

export function matchesOutbox(e: OutboxEntry, f: OutboxFilter | undefined): boolean {
  if (!f) return true;
  if (f.codes && !f.codes.includes(e.kind === 'notify' ? e.dossier : e.code)) return false;
  if (f.ids && !f.ids.includes(e.id)) return false;
  if (f.keys && !(e.kind === 'notify' && f.keys.includes(e.key))) return false;
  if (f.pending !== undefined && isPending(e) !== f.pending) return false;
  return true;
}

/** Named counters allocated gap-free in the transaction that uses the number. */
export type CounterKind = 'sequence' | 'register';

/** A procedure or calendar override's name: `<something>.json`, one safe path segment. */
export function overrideName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.json$/.test(name) || name.includes('..')) throw new Error(`unsafe override name: ${name}`);
  return name;
}

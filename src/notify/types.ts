import type { Msg } from '../i18n/index.js';

/** The events a citizen is told about (issue 7, "Templates"). */
export const NOTIFY_EVENTS = ['received', 'supplement-needed', 'result-ready', 'late', 'returned'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

export function isNotifyEvent(s: unknown): s is NotifyEvent {
  return typeof s === 'string' && (NOTIFY_EVENTS as readonly string[]).includes(s);
}

export const CHANNELS = ['sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Delivery statuses of the reference (the GOV.UK Notify model). */
export const OUTBOX_STATUSES = ['created', 'sending', 'delivered', 'temporary-failure', 'permanent-failure', 'technical-failure'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export type ContactKind = 'phone' | 'email';

export interface RenderedSms {
  text: string;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  unsigned: boolean;
}

export interface RenderedEmail {
  subject: string;
  body: string;
  /** Absolute paths of the PDFs attached (receipt, apology letter). */
  attachments: string[];
}

export interface HistoryEntry {
  at: string;
  status: OutboxStatus;
  detail?: string;
}

/**
 * One message in the store's outbox (entries of kind `notify`; the portal's are of kind `portal`).
 * `key` is the idempotency key: dossier, event, attempt series and channel. A key is queued once.
 */
export interface NotifyRecord {
  kind: 'notify';
  id: string;
  key: string;
  dossier: string;
  event: NotifyEvent;
  series: string;
  channel: Channel;
  contact: ContactKind;
  /** Phone number (national form) or e-mail address. */
  to: string;
  /** Language of the message to the citizen. */
  lang: 'vi' | 'en';
  /** Extra template values given when queueing (e.g. tracking number). */
  vars: Record<string, string>;
  status: OutboxStatus;
  createdAt: string;
  updatedAt: string;
  /** Send attempts made so far. */
  attempts: number;
  /** A technical failure is retried from this time on (ISO). */
  nextAttemptAt: string | null;
  /** false: a failure that retrying will not fix (configuration, template, uncertain outcome). */
  retry: boolean;
  /** A claim by a sender; expired leases are recovered by the next run. */
  lease: { owner: string; until: string } | null;
  /** The provider accepted it (waiting for the delivery report when it has one). */
  accepted: boolean;
  /** The outcome of a send could not be known (crash or lost connection with no de-duplication). */
  uncertain: boolean;
  /** The provider that took the last claim (recovery depends on what it can do). */
  provider: string | null;
  /** Sent content, frozen at the first claim so that every retry sends the same text. */
  sms: RenderedSms | null;
  email: RenderedEmail | null;
  /** eSMS RequestId (derived from the key) and the gateway's message id (SMSID). */
  requestId: string;
  providerId: string | null;
  acceptedAt: string | null;
  /** The provider confirmed the final state (eSMS status report); false for hand-off providers. */
  confirmed: boolean;
  cost: number | null;
  /** `message` is English (kept for JSON); `text` the same in both UI languages, shown to people (issue 12; absent on older records). */
  error: { code: string; message: string; text?: Msg } | null;
  history: HistoryEntry[];
}

/** What a provider reports after one send. */
export type SendOutcome =
  | { kind: 'accepted'; providerId: string | null; final: boolean; detail?: string; cost?: number | null }
  | { kind: 'duplicate'; detail: string }
  | {
      kind: 'failed';
      status: 'permanent-failure' | 'technical-failure' | 'temporary-failure';
      /** Retrying later can help (network, balance, gateway busy). */
      retry: boolean;
      /** Stop the batch: every other message would fail the same way (credentials, balance). */
      abort: boolean;
      /** The request may have reached the provider (timeout after sending). */
      uncertain: boolean;
      code: string;
      message: Msg;
    };

export type StatusOutcome =
  | { kind: 'pending'; detail?: string }
  | { kind: 'final'; status: 'delivered' | 'temporary-failure' | 'permanent-failure' | 'technical-failure'; detail: string; text?: Msg; cost?: number | null }
  | { kind: 'unknown'; detail: string; text?: Msg };

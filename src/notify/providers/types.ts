import type { Msg } from '../../i18n/index.js';
import type { SendOutcome, StatusOutcome } from '../types.js';

export interface SmsMessage {
  /** National form `0xxxxxxxxx`. */
  to: string;
  text: string;
  /** The text needs UCS-2 (eSMS IsUnicode "1"). */
  unicode: boolean;
  /** Stable per idempotency key; at most 50 characters. */
  requestId: string;
  /** For hand-off files: which dossier the message is about. */
  dossier: string;
  segments: number;
}

export interface SmsProvider {
  readonly name: 'esms' | 'http' | 'file';
  /** The provider refuses a repeated RequestId, so re-sending after a crash cannot duplicate. */
  readonly dedupes: boolean;
  send(m: SmsMessage): Promise<SendOutcome>;
  /** Delivery report by the provider's id (eSMS SMSID). */
  status?(providerId: string): Promise<StatusOutcome>;
  /** Does the provider already have this message (asked before re-sending a crashed claim)? */
  alreadySent?(m: SmsMessage): Promise<boolean>;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  attachments: string[];
  requestId: string;
}

export interface EmailProvider {
  readonly name: 'smtp';
  readonly dedupes: false;
  send(m: EmailMessage): Promise<SendOutcome>;
  close(): void;
}

/** A provider failure that stops the batch before anything is sent (e.g. missing credentials). */
export interface ProviderSetupProblem {
  code: string;
  message: Msg;
  hint?: Msg;
}

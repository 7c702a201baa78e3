/**
 * What notifications leave in a dossier's history: `notified` events (sent, refused by the citizen,
 * permanent failure flagging the contact) and the flag line `show` prints. Pure.
 */
import { applyAction } from '../domain/dossier/apply.js';
import { amendedView } from '../domain/dossier/amend.js';
import type { Dossier, Person } from '../domain/dossier/types.js';
import { maskPhone } from '../domain/phone.js';
import { maskEmail } from '../domain/email.js';
import { terminalSafe } from '../domain/text.js';
import { type Lang, tr } from '../i18n/index.js';
import type { Channel, ContactKind, NotifyEvent, NotifyRecord } from './types.js';

/** The citizen said no to SMS/e-mail at intake (`intake --no-notify`). */
export function notificationsDeclined(d: Dossier): boolean {
  const first = d.events.find((e) => e.type === 'received');
  return first?.data?.notificationsDeclined === true;
}

export function declinedKey(code: string, event: NotifyEvent, series: string): string {
  return `notify:${code}:${event}:${series}:declined`;
}

export function recordDeclined(d: Dossier, event: NotifyEvent, series: string, at: Date, operator: string): { dossier: Dossier; applied: boolean } {
  const r = applyAction(d, 'notified', { at, operator, key: declinedKey(d.code, event, series), data: { skipped: 'declined', event } });
  return { dossier: r.dossier, applied: r.applied };
}

export function recordSent(d: Dossier, rec: NotifyRecord, at: Date, operator: string): Dossier {
  return applyAction(d, 'notified', {
    at,
    operator,
    key: rec.key,
    data: { event: rec.event, channel: rec.channel, status: 'sent', via: rec.provider, ...(rec.providerId ? { providerId: rec.providerId } : {}) },
  }).dossier;
}

/** A permanent failure flags the contact: the number or address does not work. */
export function recordPermanentFailure(d: Dossier, rec: NotifyRecord, at: Date, operator: string): Dossier {
  return applyAction(d, 'notified', {
    at,
    operator,
    key: `${rec.key}:permanent-failure`,
    data: { event: rec.event, channel: rec.channel, status: 'permanent-failure', contact: rec.contact, to: rec.to, code: rec.error?.code ?? null },
  }).dossier;
}

export interface ContactFlag {
  contact: ContactKind;
  channel: Channel;
  to: string | null;
  at: string;
  code: string | null;
}

/** Contacts that failed permanently and have not been changed since. */
export function contactFlags(d: Dossier): ContactFlag[] {
  const out: ContactFlag[] = [];
  for (const e of d.events) {
    const data = e.data ?? {};
    if (e.type !== 'notified' || data.status !== 'permanent-failure') continue;
    const contact = data.contact === 'email' ? 'email' : 'phone';
    const to = typeof data.to === 'string' ? data.to : null;
    const current = [d.applicant, d.representative].some((p) => p && (contact === 'phone' ? p.phone : p.email) === to);
    if (to !== null && !current) continue; // the contact was corrected since
    out.push({ contact, channel: data.channel === 'email' ? 'email' : 'sms', to, at: e.at, code: typeof data.code === 'string' ? data.code : null });
  }
  return out;
}

export function isFlagged(d: Dossier, contact: ContactKind, value: string): boolean {
  return contactFlags(d).some((f) => f.contact === contact && (f.to === null || f.to === value));
}

/**
 * The line `show` prints when a contact failed permanently (none otherwise), e.g.
 * `  Liên hệ lỗi:     SMS tới 0912***678 không đến được (ESMS_99) — cần cập nhật`.
 */
export function notifyShowLines(d: Dossier, lang: Lang): string[] {
  const flags = contactFlags(d);
  if (flags.length === 0) return [];
  const parts = flags.map((f) =>
    tr(lang, { vi: '{what} tới {to} không đến được{code}', en: '{what} to {to} could not be delivered{code}' }, {
      what: f.channel === 'sms' ? 'SMS' : 'E-mail',
      to: f.to ? (f.contact === 'phone' ? maskPhone(f.to) : terminalSafe(maskEmail(f.to))) : '—',
      code: f.code ? ` (${terminalSafe(f.code)})` : '',
    }),
  );
  const label = tr(lang, { vi: 'Liên hệ lỗi:', en: 'Contact failed:' });
  return [`  ${label.padEnd(16)}${parts.join(' · ')} — ${tr(lang, { vi: 'cần cập nhật', en: 'please update it' })}`];
}

/** Who is written to: the applicant's contact, else the representative's. */
export function contactFor(received: Pick<Dossier, 'applicant' | 'representative' | 'events'>, kind: ContactKind): { value: string; person: Person } | null {
  const d = amendedView(received); // a corrected phone or e-mail is the one to use
  for (const p of [d.applicant, d.representative]) {
    const v = p ? (kind === 'phone' ? p.phone : p.email) : null;
    if (p && v && v.trim()) return { value: v.trim(), person: p };
  }
  return null;
}

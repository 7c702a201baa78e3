/**
 * Updating a dossier's history from the notification code, inside a store transaction. A closed
 * dossier lives in the archive: it is loaded from there, saved with its new event, and stays
 * archived (the archive keeps the last copy of each code).
 */
import { maskPhone } from '../domain/phone.js';
import type { StoreTx } from '../store/port.js';
import { recordPermanentFailure, recordSent } from './dossier-events.js';
import type { Transition } from './outbox.js';
import type { NotifyRecord } from './types.js';

/** Record on the dossier what a transition means: sent, or a contact that does not work. */
export async function applyTransition(t: Pick<StoreTx, 'dossier' | 'putDossier'>, tr: Transition, at: Date, operator: string): Promise<void> {
  if (!tr) return;
  const rec = tr.record;
  if (!tr.newlyAccepted && tr.became !== 'permanent-failure') return;
  const d = await t.dossier(rec.dossier);
  if (!d) return;
  await t.putDossier(tr.became === 'permanent-failure' ? recordPermanentFailure(d, rec, at, operator) : recordSent(d, rec, at, operator));
}

/** The recipient as shown in reports: phone numbers masked. */
export function shownRecipient(r: Pick<NotifyRecord, 'contact' | 'to'>): string {
  return r.contact === 'phone' ? maskPhone(r.to) : r.to;
}

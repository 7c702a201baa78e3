/**
 * Updating a dossier's history from the notification code, inside a transaction. A closed dossier
 * lives in the archive: it is put back into `db.dossiers` with its new event, and the transaction
 * moves it to the archive again (the archive keeps the last copy of each code).
 */
import type { Dossier } from '../domain/dossier/types.js';
import { maskPhone } from '../domain/phone.js';
import type { Repository } from '../store/repository.js';
import type { ActiveDb } from '../store/schema.js';
import { recordPermanentFailure, recordSent } from './dossier-events.js';
import type { Transition } from './outbox.js';
import type { NotifyRecord } from './types.js';

export async function dossierInTx(repo: Repository, db: ActiveDb, code: string): Promise<Dossier | undefined> {
  return db.dossiers[code] ?? (await repo.getDossier(code))?.dossier;
}

/** Record on the dossier what a transition means: sent, or a contact that does not work. */
export async function applyTransition(repo: Repository, db: ActiveDb, t: Transition, at: Date, operator: string): Promise<void> {
  if (!t) return;
  const rec = t.record;
  if (!t.newlyAccepted && t.became !== 'permanent-failure') return;
  const d = await dossierInTx(repo, db, rec.dossier);
  if (!d) return;
  db.dossiers[d.code] = t.became === 'permanent-failure' ? recordPermanentFailure(d, rec, at, operator) : recordSent(d, rec, at, operator);
}

/** The recipient as shown in reports: phone numbers masked. */
export function shownRecipient(r: Pick<NotifyRecord, 'contact' | 'to'>): string {
  return r.contact === 'phone' ? maskPhone(r.to) : r.to;
}

import { derive, isClosed } from '../domain/dossier/status.js';
import type { StoreTx } from './port.js';
import type { OutboxEntry } from './records.js';
import type { ActiveDb } from './schema.js';
import { emptyActiveDb } from './version.js';

/**
 * @deprecated Transitional (issue 14), for the workflow, notify and portal helpers that still take
 * the lowdb document (`saveStep`, `requireOpen`, `queueAuto`, `queueDossierSync`) until they are on
 * the port: `fn` runs on a view of one transaction that holds the open dossiers named and their
 * outbox entries (nothing else); what it added or changed there is then saved through the port
 * (`putDossier`, `putOutbox`). It goes once those helpers take a StoreTx.
 */
export async function withDossierView<T>(t: StoreTx, codes: readonly string[], fn: (db: ActiveDb) => T | Promise<T>): Promise<T> {
  const db = emptyActiveDb('');
  for (const code of codes) {
    const d = await t.dossier(code);
    if (d && !isClosed(derive(d).status)) db.dossiers[code] = d; // the active file holds open dossiers only
  }
  const entries: OutboxEntry[] = [...(await t.outbox('portal', { codes })), ...(await t.outbox('notify', { codes }))];
  db.outbox = JSON.parse(JSON.stringify(entries)); // plain copies, as the lowdb document holds them
  const before = new Map<string, string>();
  for (const d of Object.values(db.dossiers)) before.set(`d:${d.code}`, JSON.stringify(d));
  for (const e of db.outbox) before.set(`o:${String(e.kind)}:${String(e.id)}`, JSON.stringify(e));
  const result = await fn(db);
  for (const d of Object.values(db.dossiers)) if (before.get(`d:${d.code}`) !== JSON.stringify(d)) await t.putDossier(d);
  for (const e of db.outbox) {
    if (!isOutboxEntry(e)) throw new Error('legacy view: an outbox entry without a kind');
    if (before.get(`o:${e.kind}:${e.id}`) !== JSON.stringify(e)) await t.putOutbox(e);
  }
  return result;
}

function isOutboxEntry(e: unknown): e is OutboxEntry {
  const x = e as { kind?: unknown; id?: unknown } | null;
  return x !== null && (x.kind === 'portal' || x.kind === 'notify') && typeof x.id === 'string';
}

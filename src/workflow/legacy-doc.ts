/**
 * @deprecated Transitional (issue 14). Some callers of the workflow functions (src/intake/receive.ts,
 * src/commands/amend, src/commands/sync) are moved to the store port by other changes made at the
 * same time, and until then still hand over the lowdb document of `repo.transact`. This view lets
 * the functions that now take a StoreTx work on such a document: it reads and changes the document
 * in place, as those callers expect. Delete this file once no caller passes a document.
 */
import type { Dossier } from '../domain/dossier/types.js';
import type { StoreTx } from '../store/port.js';
import { type Draft, matchesOutbox, type OutboxEntry, type OutboxFilter, type OutboxKind, type OutboxOf } from '../store/records.js';

/** The parts of the lowdb document the workflow functions touched. */
export interface LegacyDoc {
  dossiers: Record<string, Dossier>;
  drafts: Record<string, Record<string, unknown>>;
  outbox: Record<string, unknown>[];
}

export type LegacyTx = Pick<StoreTx, 'dossier' | 'putDossier' | 'openDossiers' | 'drafts' | 'putDraft' | 'outbox' | 'putOutbox'>;

export function isLegacyDoc(x: object): x is LegacyDoc {
  return 'dossiers' in x && 'outbox' in x && !('putDossier' in x);
}

const KINDS = new Set(['incomplete', 'refused', 'apology']);

function isDraft(d: object): d is Draft {
  return KINDS.has(String((d as { kind?: unknown }).kind));
}

function isEntry<K extends OutboxKind>(e: object, kind: K): e is OutboxOf<K> {
  return (e as { kind?: unknown }).kind === kind;
}

/** The document seen through the port's operations (open dossiers only, as the active file holds). */
export function legacyTx(db: LegacyDoc): LegacyTx {
  return {
    dossier: async (code) => (db.dossiers[code] ? structuredClone(db.dossiers[code]) : undefined),
    putDossier: async (d) => {
      db.dossiers[d.code] = d;
    },
    openDossiers: async () => Object.values(db.dossiers),
    drafts: async () => Object.values(db.drafts).flatMap((d) => (isDraft(d) ? [structuredClone(d)] : [])),
    putDraft: async (d) => {
      db.drafts[d.ref] = { ...structuredClone(d) };
    },
    outbox: async <K extends OutboxKind>(kind: K, f?: OutboxFilter) => db.outbox.flatMap((e) => (isEntry(e, kind) && matchesOutbox(e, f) ? [structuredClone(e)] : [])),
    putOutbox: async (e: OutboxEntry) => {
      const i = db.outbox.findIndex((x) => isEntry(x, e.kind) && x.id === e.id);
      if (i >= 0) db.outbox[i] = { ...structuredClone(e) };
      else db.outbox.push({ ...structuredClone(e) });
    },
  };
}

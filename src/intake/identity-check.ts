import { conflictMessage, identityConflicts, type KnownPerson, peopleOf } from '../domain/identity-conflict.js';
import type { Dossier, Person } from '../domain/dossier/types.js';
import { type Lang, tr } from '../i18n/index.js';
import type { Store } from '../store/port.js';

/**
 * The people already on record under given ID numbers, for the warning only (no store lock): the
 * open dossiers (read once per command; a batch of intakes shares them) and the archived ones from
 * the store's people index, which reads only the shards of those numbers. While the index is not
 * complete (a home from before it, until its next write), the archive is scanned once instead.
 * The open copy of a dossier wins over an index line of the same code.
 */
export interface KnownPeople {
  lookup(ids: readonly string[]): Promise<KnownPerson[]>;
  /** A dossier received since the first look-up (the next line of a batch sees it). */
  add(d: Dossier): void;
}

export function knownPeopleLoader(store: Pick<Store, 'openDossiers' | 'archived' | 'indexedPeople'>): KnownPeople {
  let open: Promise<{ codes: Set<string>; people: KnownPerson[] }> | undefined;
  let scanned: Promise<KnownPerson[]> | undefined;
  const added: KnownPerson[] = [];
  const scan = async () => {
    const out: KnownPerson[] = [];
    for await (const d of store.archived()) out.push(...peopleOf(d));
    return out;
  };
  return {
    async lookup(ids) {
      // the open dossiers first: one archived since is then in the index (appended before the archive)
      const o = await (open ??= store.openDossiers().then((ds) => ({ codes: new Set(ds.map((d) => d.code)), people: ds.flatMap(peopleOf) })));
      const archived = (await store.indexedPeople(ids)) ?? (await (scanned ??= scan()));
      return [...o.people, ...archived.filter((p) => !o.codes.has(p.code)), ...added];
    },
    add(d) {
      added.push(...peopleOf(d));
    },
  };
}

/** One warning per earlier dossier that has the same ID number under another name or birth date. */
export async function identityWarnings(known: KnownPeople, people: (Person | null)[], lang: Lang): Promise<string[]> {
  const ids = people.flatMap((p) => (p?.personalId ? [p.personalId] : []));
  if (ids.length === 0) return [];
  const list = await known.lookup(ids);
  const out: string[] = [];
  for (const p of people) if (p) for (const c of identityConflicts(list, p)) out.push(tr(lang, conflictMessage(p, c)));
  return [...new Set(out)];
}

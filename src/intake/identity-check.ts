import { conflictMessage, identityConflicts, type KnownPerson, peopleOf } from '../domain/identity-conflict.js';
import type { Dossier, Person } from '../domain/dossier/types.js';
import { type Lang, tr } from '../i18n/index.js';
import type { Repository } from '../store/repository.js';

/**
 * Everyone named in the open and archived dossiers, read once per command (a batch of intakes
 * shares it) without the store lock: it only feeds a warning.
 */
export interface KnownPeople {
  load(): Promise<KnownPerson[]>;
  /** A dossier received since the load (the next line of a batch sees it). */
  add(d: Dossier): void;
}

export function knownPeopleLoader(repo: Repository): KnownPeople {
  let cached: Promise<KnownPerson[]> | undefined;
  const load = () =>
    (cached ??= (async () => {
      const out: KnownPerson[] = [];
      const db = await repo.read();
      for (const d of Object.values(db.dossiers)) out.push(...peopleOf(d));
      for await (const d of repo.archived()) out.push(...peopleOf(d));
      return out;
    })());
  return {
    load,
    add(d) {
      if (cached) void cached.then((list) => list.push(...peopleOf(d)));
    },
  };
}

/** One warning per earlier dossier that has the same ID number under another name or birth date. */
export async function identityWarnings(known: KnownPeople, people: (Person | null)[], lang: Lang): Promise<string[]> {
  const list = await known.load();
  const out: string[] = [];
  for (const p of people) if (p) for (const c of identityConflicts(list, p)) out.push(tr(lang, conflictMessage(p, c)));
  return [...new Set(out)];
}

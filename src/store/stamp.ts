import os from 'node:os';
import type { Dossier } from '../domain/dossier/types.js';

/**
 * Events recorded in this transaction (seq above what the store held) get the desk that wrote
 * them; events recorded before, or by another desk, keep theirs (or none, from before issue 14).
 */
export function stampDesk(d: Dossier, desk: string, storedMaxSeq = 0): Dossier {
  if (!d.events.some((e) => e.seq > storedMaxSeq && e.desk === undefined)) return d;
  return { ...d, events: d.events.map((e) => (e.seq > storedMaxSeq && e.desk === undefined ? { ...e, desk } : e)) };
}

export function maxSeq(d: Pick<Dossier, 'events'> | undefined): number {
  let m = 0;
  for (const e of d?.events ?? []) if (e.seq > m) m = e.seq;
  return m;
}

/** GOV_DESK_DESK (a short name like `quay-1`), else the computer's host name. */
export function deskId(env: Record<string, string | undefined>, configured?: string): string {
  const v = (env.GOV_DESK_DESK ?? configured ?? '').trim();
  return (v || os.hostname() || 'desk').slice(0, 64);
}

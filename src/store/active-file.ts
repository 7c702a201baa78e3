import type { Dossier } from '../domain/dossier/types.js';
import { readDbFile } from './lowdb-store.js';

/**
 * The open dossiers of an embedded store's active file, read as it is on disk (`doctor`), or
 * undefined when there is no such file; a damaged file throws as readDbFile does.
 */
export async function readActiveDossiers(file: string): Promise<Dossier[] | undefined> {
  const db = await readDbFile(file);
  return db ? Object.values(db.dossiers) : undefined;
}

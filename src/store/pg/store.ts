import type { Store } from '../port.js';
import type { DatabaseConfig } from './config.js';

/** The PostgreSQL adapter of the store port (built in src/store/pg/). */
export async function openPgStore(_cfg: DatabaseConfig, _o: { home: string; desk: string; now: () => Date }): Promise<Store> {
  throw new Error('PostgreSQL store adapter: not built yet');
}

import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedStore } from '../../src/store/embedded.js';
import type { Store } from '../../src/store/port.js';
import { tempHome } from '../helpers/context.js';

/** Embedded stores for the contract suite: each a new home; a twin is a second instance on it. */
export const embedded = {
  fresh: async (desk = 'desk-a'): Promise<EmbeddedStore> => new EmbeddedStore(tempHome('gov-desk-store-'), desk),
  twin: async (s: Store, desk: string): Promise<Store> => new EmbeddedStore((s as EmbeddedStore).home, desk),
  damage: async (s: Store, rel: string): Promise<void> => {
    const file = path.join((s as EmbeddedStore).home, rel);
    chmodSync(file, 0o600);
    writeFileSync(file, 'changed behind the store');
  },
};

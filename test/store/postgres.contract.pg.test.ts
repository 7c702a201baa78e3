import { describe, it } from 'vitest';
import { dumpThenLoad, storeContract } from './contract.js';
import { embedded } from './embedded-kit.js';
import { postgres } from './pg-kit.js';

storeContract({ name: 'postgres (real server)', fresh: () => postgres.fresh(), twin: postgres.twin, damage: postgres.damage, other: () => embedded.fresh('desk-copy') });

describe('store port contract: embedded → postgres', () => {
  it('dump of an embedded home loads into an empty database: the same items; a second load adds nothing', () => dumpThenLoad(() => embedded.fresh(), () => postgres.fresh('desk-copy')));
});

import { storeContract } from './contract.js';
import { embedded } from './embedded-kit.js';

// dump → load across kinds runs in postgres.contract.pg.test.ts (it needs the server); here the
// embedded dump is loaded into another embedded home.
storeContract({ name: 'embedded (lowdb home)', fresh: () => embedded.fresh(), twin: embedded.twin, damage: embedded.damage, other: () => embedded.fresh('desk-copy') });

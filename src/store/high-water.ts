import path from 'node:path';
import { failure } from '../errors.js';
import { readTextIfExists, writeFileAtomic } from './files.js';

/**
 * The high-water mark of the counters (issue 13 §3): the highest daily sequence and register number
 * ever issued by this home, kept in `<home>/high-water.json`, OUTSIDE the snapshot that a backup
 * takes and a restore replaces. Every transaction raises the database's counters to it before
 * allocating and records the new highs after writing, so a restored older backup never hands out
 * again a dossier code or a register number that a citizen already holds on a receipt.
 */
export const HIGH_WATER_FILE = 'high-water.json';

export interface Counters {
  sequences: Record<string, number>;
  registers: Record<string, number>;
}

export function highWaterPath(home: string): string {
  return path.join(home, HIGH_WATER_FILE);
}

function damaged(file: string, detail: string) {
  return failure('HIGH_WATER_DAMAGED', {
    vi: 'Tệp mốc số cao nhất {path} bị hỏng ({detail}); không cấp mã hồ sơ nào để tránh cấp trùng.',
    en: 'The high-water file {path} is damaged ({detail}); no code is issued, so that none is issued twice.',
  }, {
    vars: { path: file, detail },
    hint: {
      vi: 'Tệp ghi số thứ tự và số vào sổ cao nhất đã cấp. Sửa tệp (JSON {"sequences":{},"registers":{}}) với các số cao nhất trên biên nhận đã phát; xem docs/architecture.md.',
      en: 'It records the highest sequence and register numbers issued. Repair it (JSON {"sequences":{},"registers":{}}) with the highest numbers on receipts handed out; see docs/architecture.md.',
    },
  });
}

function counterMap(v: unknown): Record<string, number> | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(v)) {
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return undefined;
    out[k] = n;
  }
  return out;
}

/** The recorded mark; empty when the file does not exist yet (a home from before this mark). */
export async function readHighWater(home: string): Promise<Counters> {
  const file = highWaterPath(home);
  const text = await readTextIfExists(file);
  if (text === undefined) return { sequences: {}, registers: {} };
  let raw: { sequences?: unknown; registers?: unknown };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch (e) {
    throw damaged(file, (e as Error).message);
  }
  const sequences = counterMap(raw?.sequences);
  const registers = counterMap(raw?.registers);
  if (!sequences || !registers) throw damaged(file, 'sequences/registers');
  return { sequences, registers };
}

/** The larger of the two, key by key. Pure. */
export function maxCounters(a: Counters, b: Counters): Counters {
  const merge = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [k, n] of Object.entries(y)) out[k] = Math.max(out[k] ?? 0, n);
    return out;
  };
  return { sequences: merge(a.sequences, b.sequences), registers: merge(a.registers, b.registers) };
}

/** Raise `db`'s counters (in place) to at least `floor`. Pure apart from the mutation. */
export function raiseTo(db: Counters, floor: Counters): void {
  for (const [k, n] of Object.entries(floor.sequences)) if ((db.sequences[k] ?? 0) < n) db.sequences[k] = n;
  for (const [k, n] of Object.entries(floor.registers)) if ((db.registers[k] ?? 0) < n) db.registers[k] = n;
}

/** Counters of `a` above those of `b` (what a restore of `b` would otherwise issue again). Pure. */
export function above(a: Counters, b: Counters): { kind: 'sequence' | 'register'; key: string; issued: number; inBackup: number }[] {
  const out: { kind: 'sequence' | 'register'; key: string; issued: number; inBackup: number }[] = [];
  for (const [k, n] of Object.entries(a.sequences)) if (n > (b.sequences[k] ?? 0)) out.push({ kind: 'sequence', key: k, issued: n, inBackup: b.sequences[k] ?? 0 });
  for (const [k, n] of Object.entries(a.registers)) if (n > (b.registers[k] ?? 0)) out.push({ kind: 'register', key: k, issued: n, inBackup: b.registers[k] ?? 0 });
  return out;
}

/** Write the mark when `db` went above it (atomic, 0600). Call under the store lock, after the database write. */
export async function recordHighWater(home: string, db: Counters, floor: Counters): Promise<void> {
  if (above(db, floor).length === 0) return;
  const next = maxCounters(floor, { sequences: db.sequences, registers: db.registers });
  await writeFileAtomic(highWaterPath(home), `${JSON.stringify({ schemaVersion: 1, ...next }, null, 1)}\n`);
}

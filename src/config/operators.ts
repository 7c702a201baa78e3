/**
 * The people at the desk. A citizen's document names a person, never an operating-system login:
 * the operator is chosen by `--operator`, else `GOV_DESK_OPERATOR`, else the choice remembered for
 * this session (`<home>/state/operator-session.json`, written by the interactive intake), else the
 * profile's `defaultOperator`. A value is matched against the profile's operators by id or full
 * name (case and diacritics optional); anything else must be a person's full name (two words or
 * more), so "root" or "admin" is refused. This module reads small files synchronously and loads
 * nothing heavy (no zod), so every command can call it.
 */
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { foldForSearch } from '../domain/text.js';
import { type GovDeskError, usageError } from '../errors.js';
import { vnDate } from '../domain/time.js';

export interface Operator {
  id: string;
  fullName: string;
  title: string | null;
}

export type OperatorSource = 'flag' | 'env' | 'session' | 'profile';

/** The session file: the choice made at the interactive intake, for this terminal and this day. */
export function operatorSessionPath(home: string): string {
  return path.join(home, 'state', 'operator-session.json');
}

/** A session is one terminal (the parent shell's process id) on one Vietnamese calendar day. */
export function sessionKey(now: Date, ppid: number = process.ppid): string {
  return `${vnDate(now)}:${ppid}`;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

export interface ProfileOperators {
  operators: Operator[];
  defaultOperator: string | null;
}

/**
 * A desk of a centre keeps the commune profile in the shared database, not in config.json. Its
 * operators are what `--operator` / GOV_DESK_OPERATOR match against, and this module reads
 * synchronously: so the store hands them over whenever it reads the profile (src/store/index.ts,
 * storeProfile), kept in memory for this process and in `<home>/state/profile-operators.json` for
 * the next command (one that names the operator before it opens the store). Desk-local, owner-only,
 * refreshed on every read of the profile; never a source of the profile itself.
 */
const fromStore = new Map<string, ProfileOperators>();

export function operatorsCachePath(home: string): string {
  return path.join(home, 'state', 'profile-operators.json');
}

/** Called by the store with the profile it read from the shared database. */
/** How long this desk's copy of the database profile's operators is used without asking again. */
export const OPERATORS_FRESH_MS = 5 * 60_000;

/** This desk has a copy of the operators written less than OPERATORS_FRESH_MS ago. */
export function operatorsFresh(home: string, nowMs: number): boolean {
  try {
    return nowMs - statSync(operatorsCachePath(home)).mtimeMs < OPERATORS_FRESH_MS;
  } catch {
    return false;
  }
}

export function rememberProfileOperators(home: string, p: { operators: readonly Operator[]; defaultOperator: string | null }): void {
  const value: ProfileOperators = { operators: p.operators.map((o) => ({ id: o.id, fullName: o.fullName, title: o.title ?? null })), defaultOperator: p.defaultOperator };
  fromStore.set(home, value);
  const text = `${JSON.stringify(value)}\n`;
  const file = operatorsCachePath(home);
  try {
    if (readFileSync(file, 'utf8') === text) {
      utimesSync(file, new Date(), new Date()); // checked now: fresh again
      return;
    }
  } catch {
    // not there yet
  }
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, text, { mode: 0o600 });
  } catch {
    // a read-only home: the in-memory list still serves this command
  }
}

/** Whether this desk works on a shared database (the same settings as src/store/pg/config.ts, read without loading it). */
function sharedDatabase(env: Record<string, string | undefined> | undefined, raw: unknown): boolean {
  if (env?.GOV_DESK_DATABASE_URL?.trim()) return true;
  const url = (raw as { database?: { url?: unknown } } | undefined)?.database?.url;
  return typeof url === 'string' && url.trim() !== '';
}

/**
 * The operators and the default one: on a one-PC desk as written in `<home>/config.json` (validated
 * by the profile schema on write); on a desk of a centre those of the database's profile (above).
 */
export function profileOperators(home: string, env?: Record<string, string | undefined>): ProfileOperators {
  const config = readJson(path.join(home, 'config.json'));
  const raw = (sharedDatabase(env, config) ? (fromStore.get(home) ?? readJson(operatorsCachePath(home))) : config) as { operators?: unknown; defaultOperator?: unknown } | undefined;
  const list = Array.isArray(raw?.operators) ? raw.operators : [];
  const operators = list
    .filter((o): o is { id: string; fullName: string; title?: unknown } => typeof o?.id === 'string' && typeof o?.fullName === 'string')
    .map((o) => ({ id: o.id, fullName: o.fullName.normalize('NFC'), title: typeof o.title === 'string' ? o.title : null }));
  return { operators, defaultOperator: typeof raw?.defaultOperator === 'string' ? raw.defaultOperator : null };
}

/** The operator named by an id or a name, case and diacritics optional. */
export function matchOperator(operators: readonly Operator[], value: string): Operator | undefined {
  const key = foldForSearch(value);
  return operators.find((o) => foldForSearch(o.id) === key || foldForSearch(o.fullName) === key);
}

/**
 * True for a person's full name: at least two words of letters (Vietnamese names always have two),
 * optionally followed by a note in parentheses ("Trần Văn Đức (tập huấn)").
 */
export function isPersonName(s: string): boolean {
  const words = s.trim().replace(/\s*\([^()]*\)$/, '').split(/\s+/);
  return words.length >= 2 && words.every((w) => /^[\p{L}][\p{L}.'-]*$/u.test(w));
}

function resolveValue(operators: readonly Operator[], value: string, from: string): string {
  const list = operators.map((o) => o.id).join(', ') || '-';
  const v = value.trim().normalize('NFC');
  const known = matchOperator(operators, v);
  if (known) return known.fullName;
  if (isPersonName(v)) return v;
  throw usageError('OPERATOR_INVALID', { vi: '{from} "{v}" không phải là một cán bộ trong hồ sơ cấu hình, cũng không phải họ và tên của một người.', en: '{from} "{v}" is neither an operator of the profile nor a person\'s full name.' }, {
    vars: { from, v, list },
    hint: { vi: 'Dùng mã hoặc họ tên cán bộ ({list}), hoặc ghi đủ họ và tên, ví dụ --operator "Trần Văn Đức".', en: 'Use an operator id or name ({list}), or a full name, e.g. --operator "Trần Văn Đức".' },
  });
}

/** The person at the desk, or undefined when nothing names one. */
export function findOperator(ctx: { env: Record<string, string | undefined>; home: string; now?: () => Date }, flag?: unknown): { name: string; source: OperatorSource } | undefined {
  const { operators, defaultOperator } = profileOperators(ctx.home, ctx.env);
  if (typeof flag === 'string' && flag.trim()) return { name: resolveValue(operators, flag, '--operator'), source: 'flag' };
  const env = ctx.env.GOV_DESK_OPERATOR;
  if (env?.trim()) return { name: resolveValue(operators, env, 'GOV_DESK_OPERATOR'), source: 'env' };
  if (ctx.now) {
    const s = readJson(operatorSessionPath(ctx.home)) as { session?: unknown; name?: unknown } | undefined;
    if (s && s.session === sessionKey(ctx.now()) && typeof s.name === 'string' && s.name.trim()) return { name: s.name.normalize('NFC'), source: 'session' };
  }
  if (defaultOperator) {
    const o = matchOperator(operators, defaultOperator);
    if (o) return { name: o.fullName, source: 'profile' };
  }
  return undefined;
}

/** The error when no person is named: exit 2, and the command writes nothing. */
export function operatorMissing(): GovDeskError {
  return usageError('OPERATOR_MISSING', { vi: 'Chưa biết cán bộ nào đang làm việc: giấy tờ phải ghi họ tên người tiếp nhận, không ghi tên đăng nhập của máy.', en: 'No operator is set: documents name the person at the desk, never a computer login.' }, {
    hint: {
      vi: 'Thêm --operator "Họ và tên" (hoặc mã cán bộ), đặt GOV_DESK_OPERATOR, hoặc ghi "operators" và "defaultOperator" trong config.json (gov-desk init --operators ...).',
      en: 'Add --operator "Full Name" (or an operator id), set GOV_DESK_OPERATOR, or record "operators" and "defaultOperator" in config.json (gov-desk init --operators ...).',
    },
  });
}

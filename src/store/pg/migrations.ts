import crypto from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { failure, type GovDeskError } from '../../errors.js';
import type pg from 'pg';

/** A connection or a pooled client: the checks only run queries. */
type PgClient = pg.ClientBase;

/**
 * Versioned SQL migrations (`migrations/NNNN_name.sql`, copied next to the built module by the
 * build) and the schema check every database command runs first: a missing, older, newer or
 * altered schema stops the command with a clear message; nothing is guessed.
 */
export const SCHEMA = 'gov_desk';
/** pg_advisory_xact_lock key of `db migrate` (arbitrary, fixed): two desks never migrate at once. */
export const MIGRATE_LOCK_KEY = 1_402_202_614;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  sha256: string;
}

export type SchemaState = 'missing' | 'older' | 'current' | 'newer' | 'modified';

export interface SchemaStatus {
  state: SchemaState;
  /** Highest applied version (0: none). */
  version: number;
  /** Highest version this gov-desk knows. */
  expected: number;
  applied: { version: number; name: string; appliedAt: string }[];
  pending: number[];
  /** Applied versions whose recorded SHA-256 differs from the file of this gov-desk. */
  modified: number[];
}

export function migrationsDir(): string {
  return fileURLToPath(new URL('./migrations/', import.meta.url));
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** All migrations, in order; versions must run 1, 2, 3 … without a hole (a packaging bug otherwise). */
export async function loadMigrations(dir = migrationsDir()): Promise<Migration[]> {
  let names: string[];
  try {
    names = (await fsp.readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  } catch (e) {
    throw new Error(`gov-desk is installed without its SQL migrations (${dir}): ${(e as Error).message}`);
  }
  const out: Migration[] = [];
  for (const n of names) {
    const m = FILE.exec(n);
    if (!m) throw new Error(`unexpected migration file name ${n} in ${dir}`);
    const sql = await fsp.readFile(`${dir}/${n}`, 'utf8');
    out.push({ version: Number(m[1]), name: m[2]!, sql, sha256: crypto.createHash('sha256').update(sql).digest('hex') });
  }
  out.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations in ${dir} must be numbered 0001, 0002, … without holes (found ${String(m.version).padStart(4, '0')})`);
  });
  if (out.length === 0) throw new Error(`no SQL migrations in ${dir}`);
  return out;
}

/** Where the schema stands, read-only. */
export async function schemaStatus(client: PgClient, migrations: Migration[]): Promise<SchemaStatus> {
  const expected = migrations.length;
  const reg = await client.query<{ t: string | null }>(`SELECT to_regclass('${SCHEMA}.schema_migrations')::text AS t`);
  if (!reg.rows[0]?.t) return { state: 'missing', version: 0, expected, applied: [], pending: migrations.map((m) => m.version), modified: [] };
  const rows = (await client.query<{ version: number; name: string; sha256: string; applied_at: Date }>(`SELECT version, name, sha256, applied_at FROM ${SCHEMA}.schema_migrations ORDER BY version`)).rows;
  const applied = rows.map((r) => ({ version: r.version, name: r.name, appliedAt: r.applied_at.toISOString() }));
  const version = rows.reduce((a, r) => Math.max(a, r.version), 0);
  const known = new Map(migrations.map((m) => [m.version, m]));
  const modified = rows.filter((r) => known.has(r.version) && known.get(r.version)!.sha256 !== r.sha256).map((r) => r.version);
  const done = new Set(rows.map((r) => r.version));
  const pending = migrations.filter((m) => !done.has(m.version)).map((m) => m.version);
  const state: SchemaState = version > expected ? 'newer' : modified.length > 0 ? 'modified' : rows.length === 0 ? 'missing' : pending.length > 0 ? 'older' : 'current';
  return { state, version, expected, applied, pending, modified };
}

/** The error a command stops with when the schema is not the one this gov-desk expects. */
export function schemaProblem(s: SchemaStatus): GovDeskError | undefined {
  const vars = { version: s.version, expected: s.expected, list: s.modified.join(', ') };
  const migrateHint = { vi: 'Người quản trị chạy: gov-desk db migrate (bằng tài khoản chủ sở hữu cơ sở dữ liệu).', en: 'An administrator runs: gov-desk db migrate (as the database owner role).' };
  switch (s.state) {
    case 'current':
      return undefined;
    case 'missing':
      return failure('DB_SCHEMA_MISSING', { vi: 'Cơ sở dữ liệu chưa có cấu trúc của gov-desk (cần phiên bản {expected}).', en: 'The database has no gov-desk schema yet (version {expected} needed).' }, { vars, hint: migrateHint });
    case 'older':
      return failure('DB_SCHEMA_OLDER', { vi: 'Cấu trúc cơ sở dữ liệu là phiên bản {version}, bản gov-desk này cần phiên bản {expected}.', en: 'The database schema is version {version}; this gov-desk needs version {expected}.' }, { vars, hint: migrateHint });
    case 'newer':
      return failure('DB_SCHEMA_NEWER', { vi: 'Cấu trúc cơ sở dữ liệu là phiên bản {version}, mới hơn bản gov-desk này (biết tới {expected}).', en: 'The database schema is version {version}, newer than this gov-desk knows ({expected}).' }, {
        vars,
        hint: { vi: 'Cập nhật gov-desk trên máy này lên cùng phiên bản với các bàn khác; không có gì được ghi.', en: 'Update gov-desk on this PC to the version the other desks run; nothing was written.' },
      });
    case 'modified':
      return failure('DB_SCHEMA_MODIFIED', { vi: 'Bước cấu trúc {list} đã áp dụng khác với tệp của bản gov-desk này.', en: 'Applied schema step(s) {list} differ from this gov-desk’s files.' }, {
        vars,
        hint: { vi: 'Không tự sửa: so sánh phiên bản gov-desk giữa các bàn và báo cho người quản trị.', en: 'Nothing is guessed: compare the gov-desk versions of the desks and tell the administrator.' },
      });
  }
}

/** Throws the schemaProblem(); for every command that uses the database. */
export async function requireCurrentSchema(client: PgClient, migrations?: Migration[]): Promise<SchemaStatus> {
  const s = await schemaStatus(client, migrations ?? (await loadMigrations()));
  const p = schemaProblem(s);
  if (p) throw p;
  return s;
}

/**
 * Apply the pending migrations in one transaction under an advisory lock (a second `db migrate`
 * waits, then finds nothing to do). A newer or altered schema is refused before anything runs.
 */
export async function migrate(client: PgClient, migrations: Migration[], appliedBy: string): Promise<{ applied: number[]; status: SchemaStatus }> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL lock_timeout = '60s'`);
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK_KEY]);
    const before = await schemaStatus(client, migrations);
    const problem = before.state === 'newer' || before.state === 'modified' ? schemaProblem(before) : undefined;
    if (problem) throw problem;
    if (before.state === 'current') {
      await client.query('COMMIT'); // nothing to do; also for a desk role without CREATE rights
      return { applied: [], status: before };
    }
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL)`,
    );
    const applied: number[] = [];
    for (const m of migrations) {
      if (!before.pending.includes(m.version)) continue;
      await client.query(m.sql);
      await client.query(`INSERT INTO ${SCHEMA}.schema_migrations (version, name, sha256, applied_by) VALUES ($1, $2, $3, $4)`, [m.version, m.name, m.sha256, appliedBy]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return { applied, status: await schemaStatus(client, migrations) };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

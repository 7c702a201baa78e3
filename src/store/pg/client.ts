import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type pg from 'pg';
import { failure, type GovDeskError, usageError } from '../../errors.js';
import { type DatabaseConfig, redact } from './config.js';

/** How long a desk waits for the server before saying it cannot be reached. */
export const CONNECT_TIMEOUT_MS = 5_000;

export type PgClient = pg.Client;

function tlsOptions(cfg: DatabaseConfig): false | ConnectionOptions {
  if (cfg.sslMode === 'disable') return false;
  let ca: string | undefined;
  if (cfg.sslRootCert) {
    try {
      ca = readFileSync(cfg.sslRootCert, 'utf8');
    } catch {
      throw usageError('DB_SSL_ROOT_CERT', { vi: 'Không đọc được chứng chỉ gốc sslrootcert={file}.', en: 'Cannot read the root certificate sslrootcert={file}.' }, { vars: { file: cfg.sslRootCert } });
    }
  }
  // libpq semantics: require = encrypted (checks the CA only when a root certificate is given),
  // verify-ca = encrypted + trusted CA, verify-full = also the host name.
  if (cfg.sslMode === 'require' && !ca) return { rejectUnauthorized: false };
  const base: ConnectionOptions = { rejectUnauthorized: true, ...(ca ? { ca } : {}) };
  if (cfg.sslMode !== 'verify-full') base.checkServerIdentity = () => undefined;
  return base;
}

const NETWORK = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE']);

/** A driver error as a typed error whose text holds neither the URL nor the password. */
export function dbError(cfg: DatabaseConfig, e: unknown): GovDeskError {
  const err = e as { code?: string; message?: string };
  const where = `${cfg.host}:${cfg.port}`;
  const detail = redact(String(err?.message ?? e), [cfg.password]).slice(0, 300);
  // lock_not_available (lock_timeout), query_canceled (statement_timeout), deadlock, serialization
  if (err?.code === '55P03' || err?.code === '57014' || err?.code === '40P01' || err?.code === '40001') {
    return failure('DB_BUSY', { vi: 'Máy chủ cơ sở dữ liệu {where} bận hoặc một bàn khác đang giữ hồ sơ này quá lâu ({code}); không có gì được ghi.', en: 'The database server {where} is busy or another desk has held this record too long ({code}); nothing was written.' }, {
      vars: { where, code: err.code },
      hint: { vi: 'Thử lại sau ít phút; nếu vẫn vậy, xem pg_stat_activity trên máy chủ.', en: 'Try again in a few minutes; if it persists, look at pg_stat_activity on the server.' },
    });
  }
  // 08…: connection exceptions; 57P01–57P03: the server ended the session (shut down, pg_terminate_backend)
  if ((err?.code && (NETWORK.has(err.code) || /^08|^57P0[1-3]$/.test(err.code))) || /timeout|terminated unexpectedly|Connection terminated|connection error/i.test(detail)) {
    return failure('DB_UNREACHABLE', { vi: 'Không kết nối được máy chủ cơ sở dữ liệu {where} ({detail}).', en: 'Cannot reach the database server {where} ({detail}).' }, {
      vars: { where, detail: err?.code ?? detail },
      hint: { vi: 'Kiểm tra mạng và máy chủ PostgreSQL (đang chạy, mở cổng, pg_hba.conf); không có gì được ghi.', en: 'Check the network and the PostgreSQL server (running, port open, pg_hba.conf); nothing was written.' },
    });
  }
  if (err?.code === '28P01' || err?.code === '28000') {
    return failure('DB_AUTH_FAILED', { vi: 'Máy chủ {where} từ chối đăng nhập của người dùng {user}.', en: 'The server {where} refused the login of user {user}.' }, {
      vars: { where, user: cfg.user },
      hint: { vi: 'Kiểm tra mật khẩu (tệp database.passwordFile) và pg_hba.conf.', en: 'Check the password (database.passwordFile) and pg_hba.conf.' },
    });
  }
  if (err?.code === '3D000') {
    return failure('DB_NOT_FOUND', { vi: 'Máy chủ {where} không có cơ sở dữ liệu {db}.', en: 'The server {where} has no database {db}.' }, { vars: { where, db: cfg.database } });
  }
  if (err?.code === '42501') {
    return failure('DB_PERMISSION', { vi: 'Người dùng {user} không có quyền làm việc này trên cơ sở dữ liệu: {detail}', en: 'The user {user} may not do this in the database: {detail}' }, {
      vars: { user: cfg.user, detail },
      hint: { vi: 'db migrate chạy bằng tài khoản chủ sở hữu; các bàn dùng tài khoản bàn với quyền trong docs/multi-desk.md.', en: 'db migrate runs as the owner role; desks use the desk role with the grants of docs/multi-desk.md.' },
    });
  }
  if (/ssl|tls|certificate/i.test(detail)) {
    return failure('DB_TLS_FAILED', { vi: 'Kết nối mã hóa tới {where} không thành công: {detail}', en: 'The encrypted connection to {where} failed: {detail}' }, { vars: { where, detail } });
  }
  return failure('DB_ERROR', { vi: 'Lỗi cơ sở dữ liệu ({code}): {detail}', en: 'Database error ({code}): {detail}' }, { vars: { code: err?.code ?? '?', detail } });
}

/** Where and as whom node-postgres connects (a client or a pool), TLS as the URL's sslmode asks. */
export function connectionOptions(cfg: DatabaseConfig): pg.ClientConfig {
  return { host: cfg.host, port: cfg.port, database: cfg.database, user: cfg.user, ...(cfg.password !== undefined ? { password: cfg.password } : {}), ssl: tlsOptions(cfg) };
}

/** Connect (node-postgres loaded here, never at start-up); fails within CONNECT_TIMEOUT_MS. */
export async function connect(cfg: DatabaseConfig, opts: { timeoutMs?: number; applicationName?: string } = {}): Promise<PgClient> {
  const { default: pgmod } = await import('pg');
  const client = new pgmod.Client({
    ...connectionOptions(cfg),
    connectionTimeoutMillis: opts.timeoutMs ?? cfg.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    application_name: opts.applicationName ?? 'gov-desk',
  });
  client.on('error', () => undefined); // a dropped connection surfaces on the next query instead
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw dbError(cfg, e);
  }
  return client;
}

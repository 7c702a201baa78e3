import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { usageError } from '../../errors.js';
import { isLoopbackHost } from '../../portal/config.js';
import { readTextIfExists } from '../files.js';

/**
 * Where the shared database is (issue 14): `GOV_DESK_DATABASE_URL`, else `database.url` in the
 * desk's `<home>/config.json`. The password may sit in the URL or in an owner-only file
 * (`GOV_DESK_DATABASE_PASSWORD_FILE` or `database.passwordFile`, relative to the home), never
 * both. Nothing here ever puts the URL or the password into a message: `display` is the redacted
 * form for people.
 */
export const DATABASE_ENV = { url: 'GOV_DESK_DATABASE_URL', passwordFile: 'GOV_DESK_DATABASE_PASSWORD_FILE' } as const;

export type SslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';

export interface DatabaseConfig {
  /** postgres://user@host:port/db (no password, no query): for node-postgres and for people. */
  display: string;
  host: string;
  port: number;
  database: string;
  user: string;
  /** Never printed. */
  password: string | undefined;
  sslMode: SslMode;
  /** `sslrootcert`: a CA file for verify-ca / verify-full (or require, which then verifies the CA). */
  sslRootCert: string | undefined;
  /** `connect_timeout` of the URL (seconds, as libpq), in ms; undefined: the default. */
  connectTimeoutMs: number | undefined;
  /** Which setting it came from (for messages): the variable name or `config.json database.url`. */
  source: string;
  /** A plain (unencrypted) connection to another machine: the caller warns. */
  plainRemote: boolean;
  /** `desk` of config.json (this desk's id on events); GOV_DESK_DESK overrides it. */
  desk: string | undefined;
}

/** The desk's config.json (the profile file of the embedded store), without loading the profile schema. */
const configFile = (home: string) => path.join(home, 'config.json');

const SSL_MODES: readonly string[] = ['disable', 'require', 'verify-ca', 'verify-full'];

/** postgres://user:secret@host/db → postgres://user:***@host/db; anything unparsable → a fixed text. */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    u.search = '';
    return u.toString();
  } catch {
    return '(unreadable database URL)';
  }
}

/** Remove every secret from a text (error messages of the driver, of the network). */
export function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    out = out.split(s).join('***');
    const enc = encodeURIComponent(s);
    if (enc !== s) out = out.split(enc).join('***');
  }
  return out.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
}

/** The `database` block of config.json, read from an untyped view (the profile schema does not know it). */
async function fileSettings(home: string): Promise<{ url?: string; passwordFile?: string; desk?: string }> {
  const text = await readTextIfExists(configFile(home));
  if (text === undefined) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return {}; // the profile reader reports a broken config.json with its own message
  }
  const deskValue = (raw as { desk?: unknown } | null)?.desk;
  const desk = typeof deskValue === 'string' && deskValue.trim() ? { desk: deskValue.trim() } : {};
  const db = (raw as { database?: unknown } | null)?.database;
  if (db === undefined || db === null) return desk;
  const bad = (field: string): never => {
    throw usageError('DB_CONFIG_INVALID', { vi: '{file}: {field} phải là một chuỗi.', en: '{file}: {field} must be a string.' }, { vars: { file: configFile(home), field } });
  };
  if (typeof db !== 'object') bad('database');
  const { url, passwordFile } = db as { url?: unknown; passwordFile?: unknown };
  if (url !== undefined && url !== null && typeof url !== 'string') bad('database.url');
  if (passwordFile !== undefined && passwordFile !== null && typeof passwordFile !== 'string') bad('database.passwordFile');
  return { ...desk, ...(typeof url === 'string' && url.trim() ? { url: url.trim() } : {}), ...(typeof passwordFile === 'string' && passwordFile.trim() ? { passwordFile: passwordFile.trim() } : {}) };
}

/** Read an owner-only password file (mode checked on POSIX); first line, trimmed. */
export async function readPasswordFile(file: string, setting: string, platform: NodeJS.Platform = process.platform): Promise<string> {
  let st;
  try {
    st = await fsp.stat(file);
  } catch {
    throw usageError('DB_PASSWORD_FILE_MISSING', { vi: 'Không đọc được tệp mật khẩu cơ sở dữ liệu {file} ({setting}).', en: 'Cannot read the database password file {file} ({setting}).' }, { vars: { file, setting } });
  }
  if (platform !== 'win32' && (st.mode & 0o077) !== 0) {
    throw usageError(
      'DB_PASSWORD_FILE_PERMISSIONS',
      { vi: 'Tệp mật khẩu {file} phải chỉ chủ sở hữu đọc được (quyền hiện tại {mode}); không dùng tệp này.', en: 'The password file {file} must be readable by its owner only (current mode {mode}); it was not used.' },
      { vars: { file, mode: (st.mode & 0o777).toString(8).padStart(3, '0') }, hint: { vi: 'Chạy: chmod 600 {file}', en: 'Run: chmod 600 {file}' } },
    );
  }
  const first = (await fsp.readFile(file, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/)[0]!.trim();
  if (!first) throw usageError('DB_PASSWORD_FILE_EMPTY', { vi: 'Tệp mật khẩu {file} trống.', en: 'The password file {file} is empty.' }, { vars: { file } });
  return first;
}

/** The configuration, or undefined when this desk has no database configured (the embedded store). */
export async function resolveDatabaseConfig(env: Record<string, string | undefined>, home: string, cwd: string, platform: NodeJS.Platform = process.platform): Promise<DatabaseConfig | undefined> {
  const file = await fileSettings(home);
  const envUrl = env[DATABASE_ENV.url]?.trim();
  const raw = envUrl || file.url;
  if (!raw) return undefined;
  const source = envUrl ? DATABASE_ENV.url : 'config.json database.url';
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    u = new URL('invalid:');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    // never echo the value: it may hold the password
    throw usageError('DB_BAD_URL', { vi: '{setting} không phải địa chỉ postgres://… hợp lệ.', en: '{setting} is not a valid postgres://… address.' }, {
      vars: { setting: source },
      hint: { vi: 'Ví dụ: postgres://govdesk_desk@10.0.0.5:5432/govdesk?sslmode=verify-full', en: 'Example: postgres://govdesk_desk@10.0.0.5:5432/govdesk?sslmode=verify-full' },
    });
  }
  // a '%' not followed by two hex digits (a password pasted as it is): refused, never echoed
  const decode = (part: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw usageError('DB_BAD_URL', { vi: '{setting} có dấu % không đúng cách mã hóa URL (%XX).', en: '{setting} has a % that is not URL encoding (%XX).' }, {
        vars: { setting: source },
        hint: { vi: 'Viết % trong mật khẩu là %25, hoặc để mật khẩu trong tệp GOV_DESK_DATABASE_PASSWORD_FILE.', en: 'Write a % in the password as %25, or keep the password in the GOV_DESK_DATABASE_PASSWORD_FILE file.' },
      });
    }
  };
  const host = decode(u.hostname).replace(/^\[|\]$/g, '') || 'localhost';
  const database = decode(u.pathname.replace(/^\//, '')) || decode(u.username) || 'postgres';
  const user = decode(u.username);
  if (!user) {
    throw usageError('DB_BAD_URL', { vi: '{setting} thiếu tên người dùng (postgres://TÊN@máy/csdl).', en: '{setting} has no user name (postgres://NAME@host/db).' }, { vars: { setting: source } });
  }
  const mode = u.searchParams.get('sslmode') ?? 'disable';
  if (!SSL_MODES.includes(mode)) {
    throw usageError('DB_BAD_SSLMODE', { vi: 'sslmode={mode} không được hỗ trợ ({setting}); chọn disable, require, verify-ca hoặc verify-full.', en: 'sslmode={mode} is not supported ({setting}); choose disable, require, verify-ca or verify-full.' }, {
      vars: { mode: mode.slice(0, 20), setting: source },
    });
  }
  const rootCert = u.searchParams.get('sslrootcert') ?? undefined;
  const ct = u.searchParams.get('connect_timeout');
  if (ct !== null && !/^[1-9]\d{0,3}$/.test(ct)) {
    throw usageError('DB_BAD_URL', { vi: 'connect_timeout trong {setting} phải là số giây (1–9999).', en: 'connect_timeout in {setting} must be a number of seconds (1–9999).' }, { vars: { setting: source } });
  }
  const urlPassword = u.password ? decode(u.password) : undefined;
  const envPw = env[DATABASE_ENV.passwordFile]?.trim();
  const pwSetting = envPw ? DATABASE_ENV.passwordFile : 'config.json database.passwordFile';
  const pwFile = envPw || file.passwordFile;
  if (pwFile && urlPassword) {
    throw usageError('DB_PASSWORD_TWICE', { vi: 'Mật khẩu cơ sở dữ liệu có cả trong {setting} và trong {file}: chỉ giữ một nơi (nên dùng tệp).', en: 'The database password is both in {setting} and in {file}: keep only one (the file is better).' }, {
      vars: { setting: source, file: pwSetting },
    });
  }
  const password = pwFile ? await readPasswordFile(path.resolve(envPw ? cwd : home, pwFile), pwSetting, platform) : urlPassword;
  const port = u.port ? Number(u.port) : 5432;
  const local = isLoopbackHost(host) || host.startsWith('/');
  const display = `postgres://${encodeURIComponent(user)}@${u.host || 'localhost'}/${encodeURIComponent(database)}`;
  return { display, host, port, database, user, password, sslMode: mode as SslMode, sslRootCert: rootCert, connectTimeoutMs: ct === null ? undefined : Number(ct) * 1000, source, plainRemote: mode === 'disable' && !local, desk: file.desk };
}

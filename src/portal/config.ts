import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { usageError } from '../errors.js';

/** What the client needs to talk to the provincial system. */
export interface PortalConfig {
  /** e.g. `https://lgsp.example.gov.vn/motcua/v1` (no trailing slash). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Deadline of one HTTP attempt, whole response included (default 15 000 ms). */
  timeoutMs?: number;
  /** Attempts per call for transient failures (default 5). */
  maxAttempts?: number;
}

export const PORTAL_ENV = {
  url: 'GOV_DESK_PORTAL_URL',
  clientId: 'GOV_DESK_PORTAL_CLIENT_ID',
  secret: 'GOV_DESK_PORTAL_SECRET',
} as const;

/** `<home>/secrets/portal-secret`: the client secret when the environment does not carry it. */
export function portalSecretFile(home: string): string {
  return path.join(home, 'secrets', 'portal-secret');
}

/** Loopback hosts, the only ones allowed over plain http://. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((x) => Number(x) <= 255);
}

const nonEmpty = (v: string | null | undefined): string | undefined => {
  const s = v?.trim();
  return s ? s : undefined;
};

/** Check and normalise a base URL: https, or http on loopback; no credentials, query or fragment. */
export function checkBaseUrl(raw: string, setting: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw usageError('PORTAL_BAD_URL', { vi: 'Địa chỉ hệ thống một cửa không hợp lệ ({setting}): {url}', en: 'Invalid one-stop system address ({setting}): {url}' }, {
      vars: { setting, url: raw },
      hint: { vi: 'Ví dụ: https://lgsp.example.gov.vn/motcua/v1', en: 'Example: https://lgsp.example.gov.vn/motcua/v1' },
    });
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopbackHost(u.hostname))) {
    throw usageError(
      'PORTAL_INSECURE_URL',
      { vi: 'Địa chỉ {url} ({setting}) phải dùng https:// (http:// chỉ cho máy này: 127.0.0.1, localhost, ::1).', en: 'The address {url} ({setting}) must use https:// (http:// only for this machine: 127.0.0.1, localhost, ::1).' },
      { vars: { setting, url: raw } },
    );
  }
  if (u.username || u.password || u.search || u.hash) {
    throw usageError('PORTAL_BAD_URL', { vi: 'Địa chỉ hệ thống một cửa ({setting}) không được chứa tài khoản, tham số hay #: {url}', en: 'The one-stop system address ({setting}) must not carry credentials, a query or a fragment: {url}' }, {
      vars: { setting, url: `${u.protocol}//${u.host}${u.pathname}` },
    });
  }
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

function readSecretFile(file: string, platform: NodeJS.Platform): string | undefined {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  if (platform !== 'win32' && (st.mode & 0o077) !== 0) {
    throw usageError(
      'PORTAL_SECRET_PERMISSIONS',
      { vi: 'Tệp mật khẩu {file} phải chỉ chủ sở hữu đọc được (quyền hiện tại {mode}).', en: 'The secret file {file} must be readable by its owner only (current mode {mode}).' },
      { vars: { file, mode: (st.mode & 0o777).toString(8).padStart(3, '0') }, hint: { vi: 'Chạy: chmod 600 {file}', en: 'Run: chmod 600 {file}' } },
    );
  }
  return nonEmpty(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
}

/**
 * The client configuration: environment over profile; the secret from GOV_DESK_PORTAL_SECRET or
 * `<home>/secrets/portal-secret` (mode 0600 on POSIX). Missing pieces are usage errors naming the
 * setting. The secret is never part of an error message.
 */
export function resolvePortalConfig(
  profile: { portal: { baseUrl: string | null; clientId: string | null } },
  env: Record<string, string | undefined>,
  home: string,
  platform: NodeJS.Platform = process.platform,
): PortalConfig {
  const fromEnvUrl = nonEmpty(env[PORTAL_ENV.url]);
  const rawUrl = fromEnvUrl ?? nonEmpty(profile.portal.baseUrl);
  if (!rawUrl) {
    throw usageError('PORTAL_NOT_CONFIGURED', { vi: 'Chưa cấu hình địa chỉ hệ thống một cửa của tỉnh: {setting}.', en: 'The provincial one-stop system address is not configured: {setting}.' }, {
      vars: { setting: `portal.baseUrl / ${PORTAL_ENV.url}` },
      hint: { vi: 'Đặt portal.baseUrl trong config.json hoặc biến môi trường {env}.', en: 'Set portal.baseUrl in config.json or the {env} environment variable.' },
    });
  }
  const baseUrl = checkBaseUrl(rawUrl, fromEnvUrl ? PORTAL_ENV.url : 'portal.baseUrl');
  const clientId = nonEmpty(env[PORTAL_ENV.clientId]) ?? nonEmpty(profile.portal.clientId);
  if (!clientId) {
    throw usageError('PORTAL_NOT_CONFIGURED', { vi: 'Chưa cấu hình mã ứng dụng kết nối: {setting}.', en: 'The client id is not configured: {setting}.' }, {
      vars: { setting: `portal.clientId / ${PORTAL_ENV.clientId}` },
    });
  }
  const file = portalSecretFile(home);
  const clientSecret = nonEmpty(env[PORTAL_ENV.secret]) ?? readSecretFile(file, platform);
  if (!clientSecret) {
    throw usageError('PORTAL_SECRET_MISSING', { vi: 'Chưa có mật khẩu ứng dụng kết nối: đặt {setting} hoặc tạo tệp {file} (quyền 600).', en: 'No client secret: set {setting} or create the file {file} (mode 600).' }, {
      vars: { setting: PORTAL_ENV.secret, file },
    });
  }
  return { baseUrl, clientId, clientSecret };
}

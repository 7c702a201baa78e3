/**
 * Environment variables for every notification setting (docs/notify.md lists them). Values are
 * parsed here; a malformed value is an error naming the variable. Pure: the environment is passed in.
 */
import { usageError } from '../errors.js';
import type { Layer } from './config.js';

type Kind = 'string' | 'int' | 'number' | 'bool' | 'json' | 'list-int' | 'list';

/** Variable → [path in the settings, kind]. */
export const NOTIFY_ENV: Readonly<Record<string, readonly [string, Kind]>> = {
  GOV_DESK_NOTIFY_LANG: ['lang', 'string'],
  GOV_DESK_NOTIFY_CENTRE: ['centre', 'string'],
  GOV_DESK_SMS_PROVIDER: ['sms.provider', 'string'],
  GOV_DESK_SMS_UNSIGNED: ['sms.unsigned', 'bool'],
  GOV_DESK_SMS_MAX_SEGMENTS: ['sms.maxSegments', 'int'],
  GOV_DESK_SMS_PRICE: ['sms.pricePerSegment', 'number'],
  GOV_DESK_SMS_TIMEOUT_MS: ['sms.timeoutMs', 'int'],
  GOV_DESK_ESMS_BASE_URL: ['sms.esms.baseUrl', 'string'],
  GOV_DESK_ESMS_API_KEY: ['sms.esms.apiKey', 'string'],
  GOV_DESK_ESMS_SECRET_KEY: ['sms.esms.secretKey', 'string'],
  GOV_DESK_ESMS_BRANDNAME: ['sms.esms.brandname', 'string'],
  GOV_DESK_ESMS_SANDBOX: ['sms.esms.sandbox', 'bool'],
  GOV_DESK_ESMS_SMS_TYPE: ['sms.esms.smsType', 'string'],
  GOV_DESK_ESMS_CALLBACK_URL: ['sms.esms.callbackUrl', 'string'],
  GOV_DESK_SMS_HTTP_URL: ['sms.http.url', 'string'],
  GOV_DESK_SMS_HTTP_METHOD: ['sms.http.method', 'string'],
  GOV_DESK_SMS_HTTP_HEADERS: ['sms.http.headers', 'json'],
  GOV_DESK_SMS_HTTP_BODY: ['sms.http.body', 'string'],
  GOV_DESK_SMS_HTTP_BODY_TYPE: ['sms.http.bodyType', 'string'],
  GOV_DESK_SMS_HTTP_SUCCESS_STATUS: ['sms.http.success.status', 'list-int'],
  GOV_DESK_SMS_HTTP_SUCCESS_PATH: ['sms.http.success.jsonPath', 'string'],
  GOV_DESK_SMS_HTTP_SUCCESS_EQUALS: ['sms.http.success.equals', 'list'],
  GOV_DESK_SMS_HTTP_ID_PATH: ['sms.http.idPath', 'string'],
  GOV_DESK_SMS_HTTP_DEDUPE: ['sms.http.dedupe', 'bool'],
  GOV_DESK_SMS_HTTP_TOKEN: ['sms.http.token', 'string'],
  GOV_DESK_SMS_FILE_DIR: ['sms.file.dir', 'string'],
  GOV_DESK_SMTP_URL: ['email.smtpUrl', 'string'],
  GOV_DESK_SMTP_USER: ['email.user', 'string'],
  GOV_DESK_SMTP_PASS: ['email.pass', 'string'],
  GOV_DESK_MAIL_FROM: ['email.from', 'string'],
  GOV_DESK_MAIL_ATTACH_PDF: ['email.attachPdf', 'bool'],
  GOV_DESK_SMTP_TIMEOUT_MS: ['email.timeoutMs', 'int'],
  GOV_DESK_NOTIFY_MAX_ATTEMPTS: ['retry.maxAttempts', 'int'],
  GOV_DESK_NOTIFY_RETRY_BASE_MS: ['retry.baseDelayMs', 'int'],
  GOV_DESK_NOTIFY_RETRY_MAX_MS: ['retry.maxDelayMs', 'int'],
  GOV_DESK_NOTIFY_LEASE_MS: ['leaseMs', 'int'],
  GOV_DESK_NOTIFY_BATCH: ['batchSize', 'int'],
};

const SECRET = new Set(['GOV_DESK_ESMS_API_KEY', 'GOV_DESK_ESMS_SECRET_KEY', 'GOV_DESK_SMTP_PASS', 'GOV_DESK_SMS_HTTP_TOKEN', 'GOV_DESK_SMTP_URL']);

function bad(name: string, expected: string, value: string) {
  return usageError('NOTIFY_CONFIG_INVALID', {
    vi: 'Biến môi trường {name} không hợp lệ: cần {expected} (giá trị "{value}").',
    en: 'Environment variable {name} is invalid: expected {expected} (value "{value}").',
  }, { vars: { name, expected, value: SECRET.has(name) ? '***' : value } });
}

function parse(name: string, kind: Kind, v: string): unknown {
  switch (kind) {
    case 'string':
      return v;
    case 'int': {
      if (!/^\d+$/.test(v.trim())) throw bad(name, 'an integer', v);
      return Number(v.trim());
    }
    case 'number': {
      const n = Number(v.trim());
      if (v.trim() === '' || !Number.isFinite(n)) throw bad(name, 'a number', v);
      return n;
    }
    case 'bool': {
      const s = v.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(s)) return true;
      if (['0', 'false', 'no', 'off'].includes(s)) return false;
      throw bad(name, '1 or 0', v);
    }
    case 'json':
      try {
        return JSON.parse(v) as unknown;
      } catch {
        throw bad(name, 'JSON', v);
      }
    case 'list-int': {
      const parts = v.split(',').map((x) => x.trim()).filter(Boolean);
      if (parts.some((x) => !/^\d+$/.test(x))) throw bad(name, 'integers separated by commas', v);
      return parts.map(Number);
    }
    case 'list':
      return v.split(',').map((x) => x.trim()).filter(Boolean);
  }
}

/** The settings given by the environment, as a layer for resolveNotifyConfig. */
export function envLayer(env: Record<string, string | undefined>): Layer {
  const data: Record<string, unknown> = {};
  const used: string[] = [];
  for (const [name, [p, kind]] of Object.entries(NOTIFY_ENV)) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    used.push(name);
    const keys = p.split('.');
    let at = data;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]!] = parse(name, kind, v);
  }
  return { source: used.length ? `environment (${used.join(', ')})` : 'environment', data };
}

/**
 * Notification settings: defaults < profile (`notify` in config.json) < the owner-only secret file
 * `<home>/secrets/notify.json` < environment (design §6). Every setting has an environment variable
 * (env-map.ts) so a training room or a test can point the providers at local servers. Secrets are
 * never printed: `describeConfig` masks them.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Context } from '../context.js';
import { storeProfile } from '../config/profile.js';
import { usageError } from '../errors.js';
import { readTextIfExists } from '../store/files.js';
import { envLayer } from './env-map.js';
import { DEFAULT_REFUSED } from './sms-text.js';
import type { Channel } from './types.js';

export const SMS_PROVIDERS = ['esms', 'http', 'file', 'none'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

/** The public eSMS address (sms-gateways.md). */
export const ESMS_DEFAULT_BASE_URL = 'https://rest.esms.vn';

/**
 * EXAMPLE price per SMS segment in VND: the `TotalPrice` of the sample status reply in the reference
 * (850 for one message). It is not a quoted tariff: set `notify.sms.pricePerSegment` to the
 * commune's contract price.
 */
export const EXAMPLE_PRICE_PER_SEGMENT = 850;

const posInt = z.number().int().positive();

export const notifyConfigSchema = z.object({
  auto: z.boolean().default(false),
  /** Language of the messages to citizens (not the operator's --lang). */
  lang: z.enum(['vi', 'en']).default('vi'),
  /** Name used for {centre}; default the centre name of the profile. A short form saves segments. */
  centre: z.string().min(1).nullable().default(null),
  sms: z
    .object({
      provider: z.enum(SMS_PROVIDERS).default('none'),
      unsigned: z.boolean().default(true),
      maxSegments: posInt.max(10).default(3),
      pricePerSegment: z.number().nonnegative().nullable().default(null),
      replace: z.record(z.string()).default({ ...DEFAULT_REFUSED }),
      timeoutMs: posInt.default(15_000),
      esms: z
        .object({
          baseUrl: z.string().url().default(ESMS_DEFAULT_BASE_URL),
          apiKey: z.string().min(1).nullable().default(null),
          secretKey: z.string().min(1).nullable().default(null),
          brandname: z.string().min(1).max(11).nullable().default(null),
          smsType: z.string().default('2'),
          sandbox: z.boolean().default(false),
          callbackUrl: z.string().url().nullable().default(null),
        })
        .default({}),
      http: z
        .object({
          url: z.string().min(1).nullable().default(null),
          method: z.enum(['GET', 'POST', 'PUT']).default('POST'),
          headers: z.record(z.string()).default({}),
          body: z.string().nullable().default(null),
          bodyType: z.enum(['json', 'form', 'text']).default('json'),
          success: z
            .object({
              status: z.array(z.number().int()).default([]),
              jsonPath: z.string().min(1).nullable().default(null),
              equals: z.array(z.string()).default([]),
            })
            .default({}),
          idPath: z.string().min(1).nullable().default(null),
          /** The gateway refuses a repeated {requestId}: re-sending after a crash is then safe. */
          dedupe: z.boolean().default(false),
          token: z.string().min(1).nullable().default(null),
        })
        .default({}),
      file: z.object({ dir: z.string().min(1).nullable().default(null) }).default({}),
    })
    .default({}),
  email: z
    .object({
      smtpUrl: z.string().min(1).nullable().default(null),
      from: z.string().min(1).nullable().default(null),
      user: z.string().min(1).nullable().default(null),
      pass: z.string().min(1).nullable().default(null),
      attachPdf: z.boolean().default(true),
      timeoutMs: posInt.default(20_000),
    })
    .default({}),
  retry: z.object({ maxAttempts: posInt.max(50).default(6), baseDelayMs: posInt.default(60_000), maxDelayMs: posInt.default(3_600_000) }).default({}),
  /** How long a sender's claim on a message lasts before another run may recover it. */
  leaseMs: posInt.default(120_000),
  /** How many messages one run sends at most. */
  batchSize: posInt.default(50),
});

export type NotifyConfigData = z.infer<typeof notifyConfigSchema>;

export interface NotifyConfig extends NotifyConfigData {
  /** Channels that can be sent now: sms unless the provider is `none`, email when SMTP is set. */
  channels: Channel[];
  /** Price per segment in use, and whether it is the documented example value. */
  price: { perSegment: number; example: boolean };
  /** Default values that came from the profile. */
  profile: { centreName: string | null; centrePhone: string | null; email: string | null; trackingUrlTemplate?: string | null; portalUrl?: string | null };
  home: string;
}

export interface Layer {
  source: string;
  data: Record<string, unknown>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepMerge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObj(v) && isObj(out[k]) ? deepMerge(out[k] as Obj, v) : v;
  return out;
}

function configError(source: string, field: string, detail: string) {
  return usageError('NOTIFY_CONFIG_INVALID', {
    vi: 'Cấu hình thông báo không hợp lệ ({source}): {field}: {detail}',
    en: 'Invalid notification settings ({source}): {field}: {detail}',
  }, { vars: { source, field, detail }, hint: { vi: 'Xem docs/notify.md.', en: 'See docs/notify.md.' } });
}

/**
 * Merge the layers (lowest first) and validate. Each layer is checked on its own first so that an
 * error names where the bad value came from. Pure.
 */
export function resolveNotifyConfig(layers: Layer[], profile: NotifyConfig['profile'], home: string): NotifyConfig {
  const partial = notifyConfigSchema.deepPartial();
  let merged: Obj = {};
  for (const l of layers) {
    const r = partial.safeParse(l.data);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw configError(l.source, issue.path.join('.') || '(root)', issue.message);
    }
    merged = deepMerge(merged, l.data);
  }
  const r = notifyConfigSchema.safeParse(merged);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw configError(layers.map((l) => l.source).join(' + ') || 'defaults', issue.path.join('.') || '(root)', issue.message);
  }
  const c = r.data;
  const channels: Channel[] = [];
  if (c.sms.provider !== 'none') channels.push('sms');
  if (c.email.smtpUrl) channels.push('email');
  const example = c.sms.pricePerSegment === null;
  return { ...c, channels, price: { perSegment: c.sms.pricePerSegment ?? EXAMPLE_PRICE_PER_SEGMENT, example }, profile, home };
}

export function secretsPath(home: string): string {
  return path.join(home, 'secrets', 'notify.json');
}

const secretsSchema = z
  .object({
    esms: z.object({ apiKey: z.string().min(1).optional(), secretKey: z.string().min(1).optional() }).strict().optional(),
    smtp: z.object({ url: z.string().min(1).optional(), user: z.string().min(1).optional(), pass: z.string().min(1).optional() }).strict().optional(),
    http: z.object({ token: z.string().min(1).optional() }).strict().optional(),
  })
  .strict();

/** Read the owner-only secret file; refuse it when others can read it (not checked on Windows). */
export async function readSecrets(home: string, platform: NodeJS.Platform = process.platform): Promise<Layer | undefined> {
  const file = secretsPath(home);
  const text = await readTextIfExists(file);
  if (text === undefined) return undefined;
  if (platform !== 'win32') {
    const st = await fsp.stat(file);
    if ((st.mode & 0o077) !== 0) {
      throw usageError('NOTIFY_SECRETS_MODE', {
        vi: 'Tệp bí mật {file} đang cho người khác đọc được (quyền {mode}); không dùng tệp này.',
        en: 'The secret file {file} is readable by others (mode {mode}); it was not used.',
      }, { vars: { file, mode: (st.mode & 0o777).toString(8) }, hint: { vi: `Chạy: chmod 600 "${file}"`, en: `Run: chmod 600 "${file}"` } });
    }
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // never echo the content: it holds secrets
    throw configError(file, '(JSON)', 'not valid JSON');
  }
  const r = secretsSchema.safeParse(raw);
  if (!r.success) throw configError(file, r.error.issues[0]!.path.join('.') || '(root)', 'unexpected field or value');
  const s = r.data;
  const data: Obj = {};
  if (s.esms) data.sms = { esms: { ...s.esms } };
  if (s.http) data.sms = deepMerge((data.sms as Obj | undefined) ?? {}, { http: { ...s.http } });
  if (s.smtp) data.email = { ...(s.smtp.url ? { smtpUrl: s.smtp.url } : {}), ...(s.smtp.user ? { user: s.smtp.user } : {}), ...(s.smtp.pass ? { pass: s.smtp.pass } : {}) };
  return { source: file, data };
}

/** The settings for this home: profile, secret file, environment. */
export async function loadNotifyConfig(ctx: Pick<Context, 'home' | 'env' | 'cwd' | 'now'>): Promise<NotifyConfig> {
  const profile = await storeProfile(ctx);
  const layers: Layer[] = [];
  if (profile) layers.push({ source: path.join(ctx.home, 'config.json'), data: { ...profile.notify } });
  const secrets = await readSecrets(ctx.home);
  if (secrets) layers.push(secrets);
  layers.push(envLayer(ctx.env));
  return resolveNotifyConfig(layers, {
    centreName: profile?.commune.centreName ?? null,
    centrePhone: profile?.commune.phone ?? null,
    email: profile?.commune.email ?? null,
    trackingUrlTemplate: profile?.tracking.urlTemplate ?? null,
    portalUrl: profile?.onlinePortal?.url ?? null,
  }, ctx.home);
}

/** A URL without its query (where gateways often take keys). */
function withoutQuery(url: string | null): string | null {
  return url ? url.replace(/[?#].*$/, '') : null;
}

/** A copy safe to print: credentials replaced, the SMTP URL without its password. */
export function describeConfig(c: NotifyConfig): Record<string, unknown> {
  const mask = (v: string | null) => (v ? '***' : null);
  let smtp: string | null = null;
  if (c.email.smtpUrl) {
    try {
      const u = new URL(c.email.smtpUrl);
      smtp = `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}:***@` : ''}${u.host}`;
    } catch {
      smtp = '(invalid URL)';
    }
  }
  return {
    channels: c.channels,
    lang: c.lang,
    sms: {
      provider: c.sms.provider,
      unsigned: c.sms.unsigned,
      maxSegments: c.sms.maxSegments,
      pricePerSegment: c.price.perSegment,
      priceIsExample: c.price.example,
      esms: { ...c.sms.esms, apiKey: mask(c.sms.esms.apiKey), secretKey: mask(c.sms.esms.secretKey) },
      http: { url: withoutQuery(c.sms.http.url), method: c.sms.http.method, token: mask(c.sms.http.token) },
      file: c.sms.file,
    },
    email: { smtp, from: c.email.from ?? c.profile.email, user: c.email.user, pass: mask(c.email.pass), attachPdf: c.email.attachPdf },
    retry: c.retry,
    leaseMs: c.leaseMs,
  };
}

/**
 * A configurable HTTP provider for other gateways (Viettel, SpeedSMS, …): URL, method, headers and
 * body are templates with `{phone}`, `{phoneIntl}`, `{text}`, `{requestId}`, `{unicode}`, `{token}`;
 * the success rule is a set of HTTP statuses and optionally a JSON field and its accepted values.
 */
import type { NotifyConfig } from '../config.js';
import type { SendOutcome } from '../types.js';
import { httpRequest, networkFailure } from './http-client.js';
import { gatewayUrlProblem } from './secure-url.js';
import type { ProviderSetupProblem, SmsMessage, SmsProvider } from './types.js';

type HttpSettings = NotifyConfig['sms']['http'];

/** The value at a dotted path (`a.b.0.c`) of a JSON document. */
export function valueAt(doc: unknown, dotted: string): unknown {
  let at: unknown = doc;
  for (const k of dotted.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[k];
  }
  return at;
}

export function fillRequestTemplate(tpl: string, values: Record<string, string>, escape: (s: string) => string): string {
  return tpl.replace(/\{(\w+)\}/g, (whole, k: string) => (k in values ? escape(values[k]!) : whole));
}

const ESCAPE: Record<HttpSettings['bodyType'], (s: string) => string> = {
  json: (s) => JSON.stringify(s).slice(1, -1),
  form: (s) => encodeURIComponent(s),
  text: (s) => s,
};

const CONTENT_TYPE: Record<HttpSettings['bodyType'], string> = {
  json: 'application/json; charset=utf-8',
  form: 'application/x-www-form-urlencoded; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

export function httpProblems(c: NotifyConfig): ProviderSetupProblem | undefined {
  if (c.sms.http.url) return gatewayUrlProblem(c.sms.http.url, 'GOV_DESK_SMS_HTTP_URL / notify.sms.http.url');
  return {
    code: 'NOTIFY_HTTP_CONFIG',
    message: { vi: 'Chưa cấu hình địa chỉ cổng SMS (GOV_DESK_SMS_HTTP_URL hoặc notify.sms.http.url).', en: 'No SMS gateway URL (GOV_DESK_SMS_HTTP_URL or notify.sms.http.url).' },
  };
}

/** Judge a reply by the configured success rule. */
export function httpOutcome(h: HttpSettings, status: number, json: unknown): SendOutcome {
  const okStatus = h.success.status.length ? h.success.status.includes(status) : status >= 200 && status < 300;
  if (okStatus) {
    let okValue = true;
    let seen = '';
    if (h.success.jsonPath) {
      const v = valueAt(json, h.success.jsonPath);
      seen = v === undefined || v === null ? '' : String(v);
      okValue = h.success.equals.length ? h.success.equals.includes(seen) : Boolean(v);
    }
    if (okValue) {
      const id = h.idPath ? valueAt(json, h.idPath) : undefined;
      return { kind: 'accepted', providerId: id === undefined || id === null ? null : String(id), final: true, detail: `accepted by the gateway (HTTP ${status})` };
    }
    return {
      kind: 'failed',
      status: 'technical-failure',
      retry: false,
      abort: false,
      uncertain: false,
      code: 'HTTP_REFUSED',
      message: { vi: `Cổng SMS từ chối: ${h.success.jsonPath} = "${seen}".`, en: `The SMS gateway refused it: ${h.success.jsonPath} = "${seen}".` },
    };
  }
  const server = status >= 500;
  return {
    kind: 'failed',
    status: 'technical-failure',
    retry: server,
    abort: server || status === 401 || status === 403,
    uncertain: false,
    code: `HTTP_${status}`,
    message: { vi: `Cổng SMS trả lời HTTP ${status}.`, en: `The SMS gateway answered HTTP ${status}.` },
  };
}

export function createHttpProvider(c: NotifyConfig): SmsProvider {
  const h = c.sms.http;
  return {
    name: 'http',
    dedupes: h.dedupe,
    async send(m: SmsMessage) {
      const values: Record<string, string> = {
        phone: m.to,
        phoneIntl: `84${m.to.slice(1)}`,
        text: m.text,
        requestId: m.requestId,
        unicode: m.unicode ? '1' : '0',
        token: h.token ?? '',
      };
      const url = fillRequestTemplate(h.url ?? '', values, encodeURIComponent);
      const headers = Object.fromEntries(Object.entries(h.headers).map(([k, v]) => [k, fillRequestTemplate(v, values, (s) => s)]));
      const withBody = h.method !== 'GET' && h.body !== null;
      if (withBody) headers['Content-Type'] ??= CONTENT_TYPE[h.bodyType];
      try {
        const r = await httpRequest({
          method: h.method,
          url,
          headers,
          ...(withBody ? { body: fillRequestTemplate(h.body ?? '', values, ESCAPE[h.bodyType]) } : {}),
          timeoutMs: c.sms.timeoutMs,
        });
        return httpOutcome(h, r.status, r.json);
      } catch (err) {
        return networkFailure(err, 'HTTP', h.dedupe);
      }
    },
  };
}

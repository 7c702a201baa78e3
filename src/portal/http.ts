import type { AxiosError, AxiosInstance } from 'axios';
import { PORTAL_TEXT, PortalError } from './errors.js';

/**
 * One HTTP attempt against the portal, with a hard deadline, and the reading of its answer.
 * axios is imported here lazily (design §3: start-up must not load it).
 */

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  /** Path below the base URL, starting with `/`. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** Largest answer accepted (a look-up with its progress list is a few kilobytes). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const MAX_REQUEST_BYTES = 11 * 1024 * 1024;

let axiosModule: Promise<typeof import('axios')> | undefined;
const loadAxios = (): Promise<typeof import('axios')> => (axiosModule ??= import('axios'));

const TLS_CODES = /^(CERT_|ERR_TLS_|SELF_SIGNED|DEPTH_ZERO|UNABLE_TO_(VERIFY|GET)|ERR_SSL_)/;

export class Transport {
  private instance: AxiosInstance | undefined;

  constructor(
    readonly baseUrl: string,
    readonly timeoutMs: number,
    private readonly useEnvProxy: boolean,
  ) {}

  private async client(): Promise<AxiosInstance> {
    if (this.instance) return this.instance;
    const axios = (await loadAxios()).default;
    this.instance = axios.create({
      baseURL: this.baseUrl,
      responseType: 'arraybuffer',
      transformResponse: [],
      validateStatus: () => true,
      maxRedirects: 0,
      maxContentLength: MAX_RESPONSE_BYTES,
      maxBodyLength: MAX_REQUEST_BYTES,
      timeout: this.timeoutMs,
      ...(this.useEnvProxy ? {} : { proxy: false as const }),
    });
    return this.instance;
  }

  /** One attempt. Resolves with any HTTP answer; throws PortalError for network failures and timeouts. */
  async send(spec: RequestSpec): Promise<RawResponse> {
    const http = await this.client();
    const url = `${this.baseUrl}${spec.path}`;
    const ctrl = new AbortController();
    let expired = false;
    // axios' own timeout is a socket-idle timeout: a server trickling one byte a second defeats it.
    // This timer bounds the whole attempt, body included.
    const timer = setTimeout(() => {
      expired = true;
      ctrl.abort();
    }, this.timeoutMs);
    try {
      const res = await http.request<ArrayBuffer | Buffer>({
        method: spec.method,
        url: spec.path,
        headers: { Accept: 'application/json', ...spec.headers },
        data: spec.body,
        signal: ctrl.signal,
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers as Record<string, unknown>)) {
        if (v !== undefined && v !== null) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
      }
      const data = res.data;
      const body = Buffer.isBuffer(data) ? data : Buffer.from(data ?? new ArrayBuffer(0));
      return { status: res.status, headers, body };
    } catch (e) {
      throw toNetworkError(e, url, this.timeoutMs, expired);
    } finally {
      clearTimeout(timer);
    }
  }
}

function toNetworkError(e: unknown, url: string, timeoutMs: number, expired: boolean): PortalError {
  const ax = e as Partial<AxiosError> & { message?: string };
  const code = typeof ax.code === 'string' ? ax.code : '';
  const detail = [code, ax.message].filter(Boolean).join(' ') || String(e);
  if (expired || code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
    return new PortalError('PORTAL_TIMEOUT', PORTAL_TEXT.timeout, { transient: true, vars: { url, ms: timeoutMs }, cause: e });
  }
  if (TLS_CODES.test(code)) return new PortalError('PORTAL_TLS', PORTAL_TEXT.tls, { transient: false, vars: { url, detail }, cause: e });
  if (/maxContentLength|maxBodyLength/.test(ax.message ?? '')) {
    return new PortalError('PORTAL_BAD_RESPONSE', PORTAL_TEXT.tooLarge, { transient: false, status: ax.response?.status ?? 0, vars: { status: ax.response?.status ?? 0, max: MAX_RESPONSE_BYTES }, cause: e });
  }
  // refused, reset, hang-up, DNS, a body cut short: the request may or may not have been applied
  return new PortalError('PORTAL_NETWORK', PORTAL_TEXT.network, { transient: true, vars: { url, detail }, cause: e });
}

/** Retry-After: delta seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - now.getTime());
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^(attempt-1))). */
export function backoffDelay(attempt: number, random: () => number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** A printable excerpt of a non-JSON body (an HTML error page …), tags and spaces squeezed. */
export function excerpt(body: Buffer, max = 120): string {
  const text = body
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return body.length === 0 ? '(empty body)' : '(binary body)';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The body as JSON, or undefined when it is not JSON. */
export function parseJsonBody(res: RawResponse): Json | undefined {
  if (res.body.length === 0) return undefined;
  try {
    return JSON.parse(res.body.toString('utf8').replace(/^\uFEFF/, '')) as Json;
  } catch {
    return undefined;
  }
}

function errorBody(json: Json | undefined): { code: number; message: string } | undefined {
  if (json && typeof json === 'object' && !Array.isArray(json) && typeof json.error_code === 'number') {
    return { code: json.error_code, message: typeof json.message === 'string' ? json.message : '' };
  }
  return undefined;
}

/**
 * Read an answer: 2xx with a JSON body whose error_code (if any) is 0 → the JSON; everything else
 * → a PortalError saying whether trying again later makes sense. 401 is handled by the caller.
 */
export function interpret(res: RawResponse, now: Date): Json {
  const json = parseJsonBody(res);
  const err = errorBody(json);
  const detail = err ? err.message || `error_code ${err.code}` : excerpt(res.body);
  const base = { status: res.status, ...(err ? { portalCode: err.code, portalMessage: err.message } : {}) };
  if (res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'], now);
    return fail(new PortalError('PORTAL_RATE_LIMITED', PORTAL_TEXT.rateLimited, { ...base, transient: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), vars: { seconds: retryAfterMs === undefined ? '?' : Math.ceil(retryAfterMs / 1000) } }));
  }
  if (res.status >= 500) return fail(new PortalError('PORTAL_SERVER_ERROR', PORTAL_TEXT.server, { ...base, transient: true, vars: { status: res.status, detail } }));
  if (res.status === 401) return fail(new PortalError('PORTAL_AUTH', PORTAL_TEXT.auth, { ...base, transient: false, hint: PORTAL_TEXT.authHint, vars: { portalCode: err?.code ?? '?', detail } }));
  if (res.status >= 300 && res.status < 400) {
    const to = res.headers.location ? ` → ${res.headers.location}` : '';
    return fail(new PortalError('PORTAL_BAD_RESPONSE', PORTAL_TEXT.redirect, { ...base, transient: false, hint: PORTAL_TEXT.badResponseHint, vars: { status: res.status, to } }));
  }
  if (res.status >= 400) {
    if (!err) return fail(new PortalError('PORTAL_BAD_RESPONSE', PORTAL_TEXT.badResponse, { ...base, transient: false, hint: PORTAL_TEXT.badResponseHint, vars: { status: res.status, detail } }));
    return fail(new PortalError('PORTAL_REJECTED', PORTAL_TEXT.rejected, { ...base, transient: false, vars: { status: res.status, portalCode: err.code, detail } }));
  }
  if (json === undefined) {
    const type = res.headers['content-type'] ?? 'Content-Type: —';
    return fail(new PortalError('PORTAL_BAD_RESPONSE', PORTAL_TEXT.notJson, { ...base, transient: false, hint: PORTAL_TEXT.badResponseHint, vars: { status: res.status, type, detail: excerpt(res.body) } }));
  }
  if (err && err.code !== 0) return fail(new PortalError('PORTAL_REJECTED', PORTAL_TEXT.rejected, { ...base, transient: false, vars: { status: res.status, portalCode: err.code, detail } }));
  return json;
}

function fail(e: PortalError): never {
  throw e;
}

/** A PortalError for an answer that is JSON but not the shape the contract promises. */
export function badShape(status: number, detail: string): PortalError {
  return new PortalError('PORTAL_BAD_RESPONSE', PORTAL_TEXT.badResponse, { transient: false, status, hint: PORTAL_TEXT.badResponseHint, vars: { status, detail } });
}

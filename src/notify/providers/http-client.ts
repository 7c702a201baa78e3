/**
 * The HTTP calls of the SMS providers, through axios (imported only when a message is sent).
 * Errors are reduced to a code: axios errors carry the request (with credentials) and must never be
 * printed or stored as they are.
 */
import type { SendOutcome } from '../types.js';
import { gatewayUrlFault, InsecureGatewayError } from './secure-url.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  text: string;
  /** The body parsed as JSON, or null. */
  json: unknown;
}

/** Refuses plain http:// to anything but loopback before connecting (credentials travel in every request). */
export async function httpRequest(r: HttpRequest): Promise<HttpResponse> {
  if (gatewayUrlFault(r.url) === 'insecure') throw new InsecureGatewayError();
  const { default: axios } = await import('axios');
  const headers: Record<string, string> = { Accept: 'application/json', ...(r.headers ?? {}) };
  let data: string | undefined = r.body;
  if (r.json !== undefined) {
    data = JSON.stringify(r.json);
    headers['Content-Type'] ??= 'application/json; charset=utf-8';
  }
  const res = await axios.request<string>({
    method: r.method,
    url: r.url,
    data,
    headers,
    timeout: r.timeoutMs,
    responseType: 'text',
    transformResponse: [(x: unknown) => x],
    validateStatus: () => true,
    maxRedirects: 0,
  });
  const text = typeof res.data === 'string' ? res.data : String(res.data ?? '');
  let json: unknown = null;
  try {
    json = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    json = null;
  }
  return { status: res.status, text, json };
}

/** Network codes meaning the request never reached the gateway. */
const NOT_SENT = new Set(['EINSECURE_URL', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL', 'ERR_BAD_OPTION_VALUE', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

/**
 * A network failure as a send outcome. After a timeout or a reset the gateway may have the message:
 * `uncertain`. Retrying is then safe only when the gateway refuses a repeated RequestId (`dedupes`).
 */
export function networkFailure(err: unknown, prefix: string, dedupes: boolean): Extract<SendOutcome, { kind: 'failed' }> {
  const code = typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'ENETWORK';
  const notSent = NOT_SENT.has(code);
  const timeout = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
  return {
    kind: 'failed',
    status: 'technical-failure',
    retry: notSent || dedupes,
    abort: true,
    uncertain: !notSent,
    code: `${prefix}_${timeout ? 'TIMEOUT' : 'NETWORK'}`,
    message: timeout
      ? { vi: `Cổng SMS không trả lời kịp (${code}).`, en: `The SMS gateway did not answer in time (${code}).` }
      : { vi: `Không kết nối được cổng SMS (${code}).`, en: `Could not reach the SMS gateway (${code}).` },
  };
}

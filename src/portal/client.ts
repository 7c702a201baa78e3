import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { PortalConfig } from './config.js';
import { isLoopbackHost } from './config.js';
import { PORTAL_TEXT, PortalError } from './errors.js';
import { type Json, type RawResponse, type RequestSpec, Transport, backoffDelay, interpret } from './http.js';
import { fileMultipart } from './multipart-body.js';
import { sniffFileType } from './sniff.js';
import { asChanges, asLookup, asSyncResults, asToken, asUpload } from './responses.js';
import { type ChangesPage, type HoSo, type HoSoLookup, MAX_BATCH, MAX_FILE_BYTES, MAX_PAGE_SIZE, type SyncResult, type TienDo, type UploadResult } from './types.js';

export type { PortalConfig } from './config.js';
export { resolvePortalConfig } from './config.js';
export { PortalError, isPortalError } from './errors.js';

export interface PortalClientOptions {
  /** Waiting between attempts; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** The clock (token expiry, Retry-After dates). */
  now?: () => Date;
  /** First backoff ceiling (default 250 ms), doubled per attempt up to maxDelayMs (default 8 000 ms). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this (default 60 s) ends the call with a transient error instead of waiting. */
  maxRetryAfterMs?: number;
  /** Told about every retry (for logs and spinners). */
  onRetry?: (info: { attempt: number; delayMs: number; error: PortalError }) => void;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_ATTEMPTS = 5;

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Deep NFC of every string (the contract's bodies are UTF-8 NFC). */
function nfcDeep<T>(v: T): T {
  if (typeof v === 'string') return v.normalize('NFC') as T;
  if (Array.isArray(v)) return v.map((x: unknown) => nfcDeep(x)) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, nfcDeep(x)])) as T;
  return v;
}

const badArgument = (detail: string): PortalError => new PortalError('PORTAL_BAD_ARGUMENT', PORTAL_TEXT.badArgument, { transient: false, vars: { detail } });

/**
 * The provincial one-stop system client (portal-api.md). Transient failures (network, timeouts,
 * 5xx, 429) are retried with exponential backoff and full jitter, honouring Retry-After; a 401
 * fetches a new token once. Every request of the contract is safe to repeat (uploads and progress
 * are idempotent, re-sending an identical record answers 0), so a reset after the server applied a
 * request creates no duplicate.
 */
export class PortalClient {
  private readonly transport: Transport;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly onRetry: PortalClientOptions['onRetry'];
  private token: { value: string; expiresAt: number } | undefined;
  private tokenPending: Promise<string> | undefined;

  constructor(
    private readonly cfg: PortalConfig,
    opts: PortalClientOptions = {},
  ) {
    const host = new URL(cfg.baseUrl).hostname;
    this.transport = new Transport(cfg.baseUrl.replace(/\/+$/, ''), cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS, !isLoopbackHost(host));
    this.sleep = opts.sleep ?? realSleep;
    this.random = opts.random ?? Math.random;
    this.now = opts.now ?? (() => new Date());
    this.maxAttempts = Math.max(1, cfg.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.baseDelayMs = opts.baseDelayMs ?? 250;
    this.maxDelayMs = opts.maxDelayMs ?? 8_000;
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 60_000;
    this.onRetry = opts.onRetry;
  }

  /** Fetch a fresh token; resolves with the round-trip time (for `portal ping`). */
  async ping(): Promise<{ latencyMs: number; expiresInS: number }> {
    this.token = undefined;
    const t0 = performance.now();
    await this.accessToken();
    const tok = this.currentToken();
    const expiresInS = tok ? Math.round((tok.expiresAt - this.now().getTime()) / 1000) : 0;
    return { latencyMs: Math.round(performance.now() - t0), expiresInS };
  }

  /** POST /files. Verifies that HashTepTin and KichThuoc match the bytes sent. */
  async uploadFile(maHoSo: string, file: { name: string; bytes: Buffer }): Promise<UploadResult> {
    if (!maHoSo || !/^[\x21-\x7e]+$/.test(maHoSo)) throw badArgument(`X-MaHoSo must be printable ASCII: "${maHoSo}"`);
    if (file.bytes.length > MAX_FILE_BYTES) {
      throw new PortalError('PORTAL_FILE_TOO_LARGE', PORTAL_TEXT.fileTooLarge, { transient: false, vars: { name: file.name, size: file.bytes.length, max: MAX_FILE_BYTES } });
    }
    const local = createHash('sha256').update(file.bytes).digest('hex');
    const mp = fileMultipart(file.name, sniffFileType(file.bytes) ?? 'application/octet-stream', file.bytes, randomBytes(12).toString('hex'));
    let json: Json;
    try {
      json = await this.call({ method: 'POST', path: '/files', headers: { 'Content-Type': mp.contentType, 'X-MaHoSo': maHoSo }, body: mp.body });
    } catch (e) {
      if (e instanceof PortalError && e.status === 413) {
        throw new PortalError('PORTAL_FILE_TOO_LARGE', PORTAL_TEXT.fileTooLarge, { transient: false, status: 413, vars: { name: file.name, size: file.bytes.length, max: MAX_FILE_BYTES }, cause: e });
      }
      if (e instanceof PortalError && e.status === 415) {
        throw new PortalError('PORTAL_FILE_TYPE', PORTAL_TEXT.fileType, { transient: false, status: 415, vars: { name: file.name }, cause: e });
      }
      throw e;
    }
    const up = asUpload(json);
    if (up.HashTepTin.toLowerCase() !== local || up.KichThuoc !== file.bytes.length) {
      throw new PortalError('PORTAL_HASH_MISMATCH', PORTAL_TEXT.hashMismatch, {
        transient: false,
        vars: { name: file.name, local: `${local} (${file.bytes.length} B)`, remote: `${up.HashTepTin} (${up.KichThuoc} B)` },
      });
    }
    return { IdTepTin: up.IdTepTin, HashTepTin: up.HashTepTin.toLowerCase(), KichThuoc: up.KichThuoc };
  }

  /** POST /hoso/dongbo (DongBoHoSoMC): one result per record, in order. At most 50 records. */
  async syncDossiers(records: HoSo[], isUpdating: boolean): Promise<SyncResult[]> {
    if (records.length > MAX_BATCH) {
      throw new PortalError('PORTAL_BAD_ARGUMENT', PORTAL_TEXT.batchTooLarge, { transient: false, vars: { max: MAX_BATCH, n: records.length } });
    }
    if (records.length === 0) return [];
    const body = JSON.stringify({ service: 'DongBoHoSoMC', isUpdating, data: nfcDeep(records) });
    const json = await this.call({ method: 'POST', path: '/hoso/dongbo', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body });
    return asSyncResults(json, records.map((r) => r.MaHoSo.normalize('NFC')));
  }

  /** POST /hoso/tiendo (CapNhatTienDoHoSoMC). Re-sending an entry is a no-op on the server. */
  async reportProgress(entries: TienDo[]): Promise<void> {
    if (entries.length === 0) return;
    const body = JSON.stringify({ service: 'CapNhatTienDoHoSoMC', data: nfcDeep(entries) });
    await this.call({ method: 'POST', path: '/hoso/tiendo', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body });
  }

  /** GET /hoso/{MaHoSo} (TraCuuHoSo); null when the system does not know the dossier. */
  async lookup(maHoSo: string): Promise<HoSoLookup | null> {
    if (!maHoSo) throw badArgument('MaHoSo is empty');
    try {
      const json = await this.call({ method: 'GET', path: `/hoso/${encodeURIComponent(maHoSo.normalize('NFC'))}` });
      return asLookup(json, maHoSo.normalize('NFC'));
    } catch (e) {
      // only the contract's JSON 404 means "unknown dossier"; an HTML 404 is a wrong base URL
      if (e instanceof PortalError && e.code === 'PORTAL_REJECTED' && e.status === 404) return null;
      throw e;
    }
  }

  /** GET /hoso?capNhatTu=…&trang=…&soLuong=…: changed dossiers, by NgayCapNhat ascending. */
  async changes(since: string, page: number, size: number): Promise<ChangesPage> {
    if (!/^\d{14}$/.test(since)) throw badArgument(`capNhatTu must be yyyyMMddHHmmss: "${since}"`);
    if (!Number.isInteger(page) || page < 1) throw badArgument(`trang must be a whole number from 1: ${page}`);
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badArgument(`soLuong must be 1..${MAX_PAGE_SIZE}: ${size}`);
    const q = new URLSearchParams({ capNhatTu: since, trang: String(page), soLuong: String(size) });
    const json = await this.call({ method: 'GET', path: `/hoso?${q.toString()}` });
    return asChanges(json, page);
  }

  private currentToken(): { value: string; expiresAt: number } | undefined {
    return this.token;
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now().getTime()) return this.token.value;
    this.tokenPending ??= this.fetchToken().finally(() => {
      this.tokenPending = undefined;
    });
    return this.tokenPending;
  }

  private async fetchToken(): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.cfg.clientId, client_secret: this.cfg.clientSecret });
    const json = await this.withRetry(async () => {
      const res = await this.transport.send({ method: 'POST', path: '/oauth/token', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() });
      return interpret(res, this.now());
    });
    const tok = asToken(json);
    // refresh a little early: a token that expires in flight costs a 401 and a round trip
    const margin = Math.min(30, Math.floor(tok.expires_in / 10)) * 1000;
    this.token = { value: tok.access_token, expiresAt: this.now().getTime() + tok.expires_in * 1000 - margin };
    return tok.access_token;
  }

  /** An authenticated call: retries transient failures, refreshes the token once on 401. */
  private async call(spec: RequestSpec): Promise<Json> {
    let refreshed = false;
    return this.withRetry(async () => {
      for (;;) {
        const bearer = await this.accessToken().catch((e: unknown) => {
          throw new TokenFailure(e);
        });
        const res: RawResponse = await this.transport.send({ ...spec, headers: { ...spec.headers, Authorization: `Bearer ${bearer}` } });
        if (res.status === 401 && !refreshed) {
          refreshed = true;
          if (this.token?.value === bearer) this.token = undefined;
          continue;
        }
        return interpret(res, this.now());
      }
    });
  }

  private async withRetry(attemptFn: () => Promise<Json>): Promise<Json> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await attemptFn();
      } catch (e) {
        // the token call already retried on its own: do not multiply the attempts
        if (e instanceof TokenFailure) throw e.inner;
        if (!(e instanceof PortalError) || !e.transient || attempt >= this.maxAttempts) throw e;
        if (e.retryAfterMs !== undefined && e.retryAfterMs > this.maxRetryAfterMs) throw e;
        const delayMs = Math.max(e.retryAfterMs ?? 0, backoffDelay(attempt, this.random, this.baseDelayMs, this.maxDelayMs));
        this.onRetry?.({ attempt, delayMs, error: e });
        await this.sleep(delayMs);
      }
    }
  }
}

class TokenFailure extends Error {
  constructor(readonly inner: unknown) {
    super('token failure');
  }
}

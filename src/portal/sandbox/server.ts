import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { MAX_FILE_BYTES, PORTAL_ERROR, RATE_LIMIT_PER_SECOND } from '../types.js';
import { advanceDue } from './auto-process.js';
import { type Answer, RateLimiter, errorAnswer, readBody, refuseAndClose, seededRandom, send } from './http-util.js';
import { type RouteEnv, authenError, changes, clientOfToken, issueToken, lookup, reportProgress, syncDossiers, uploadFile } from './routes.js';
import { SandboxState } from './state.js';

/**
 * The portal sandbox: a real HTTP server (node:http) implementing /work/shared/portal-api.md, with
 * state persisted in a data folder, simulation switches and fault injection. For tests, demos and
 * training rooms without a connection.
 */

export interface SandboxOptions {
  /** Where records and uploaded files live; a restart on the same folder loses nothing. */
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Token lifetime in seconds (default 3600). */
  tokenTtlS?: number;
  /** Move accepted dossiers 4 → 9 (some → 5) after processDelayMs each step. */
  autoProcess?: boolean;
  processDelayMs?: number;
  /** Share of dossiers that --auto-process sends to 5 "supplement requested" (default 0.2). */
  supplementRate?: number;
  /** Probability of a 503 before the request is applied. */
  failRate?: number;
  /** Probability of resetting the connection after the request was applied. */
  dropRate?: number;
  /** Delay before each answer. */
  latencyMs?: number;
  /** Requests per second per client (default 20, the contract's limit). */
  rateLimit?: number;
  /** The clock (tokens, NgayCapNhat, auto-process, rate limit); tests pin it. */
  clock?: () => Date;
  /** Random source of the fault injection; or a seed for a replayable sequence. */
  random?: () => number;
  seed?: number;
  /** One line per request (method, path, status, time). */
  log?: (line: string) => void;
}

export interface SandboxStats {
  requests: number;
  tokensIssued: number;
  rateLimited: number;
  injectedFailures: number;
  dropped: number;
  byRoute: Record<string, number>;
}

export interface SandboxHandle {
  url: string;
  port: number;
  host: string;
  dataDir: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
  /** Run one auto-process step now (tests with a pinned clock); returns how many dossiers moved. */
  tick(): Promise<number>;
  stats(): SandboxStats;
}

export const SANDBOX_DEFAULTS = {
  host: '127.0.0.1',
  clientId: 'sandbox',
  clientSecret: 'sandbox-secret',
  tokenTtlS: 3600,
  processDelayMs: 30_000,
  supplementRate: 0.2,
} as const;

const JSON_LIMIT = 4 * 1024 * 1024;
const FILES_LIMIT = MAX_FILE_BYTES + 64 * 1024; // the file plus multipart headers
const FORM_LIMIT = 16 * 1024;

type Route = 'token' | 'files' | 'dongbo' | 'tiendo' | 'lookup' | 'changes';

function routeOf(method: string, pathname: string): { route: Route; param?: string } | { error: Answer } {
  const want = (m: string, route: Route, param?: string): { route: Route; param?: string } | { error: Answer } =>
    method === m ? (param === undefined ? { route } : { route, param }) : { error: errorAnswer(405, 405, `method ${method} not allowed on ${pathname}`, { Allow: m }) };
  const p = pathname.replace(/\/+$/, '') || '/';
  if (p === '/oauth/token') return want('POST', 'token');
  if (p === '/files') return want('POST', 'files');
  if (p === '/hoso/dongbo') return want('POST', 'dongbo');
  if (p === '/hoso/tiendo') return want('POST', 'tiendo');
  if (p === '/hoso') return want('GET', 'changes');
  const m = /^\/hoso\/([^/]+)$/.exec(p);
  if (m) {
    let code: string;
    try {
      code = decodeURIComponent(m[1]!);
    } catch {
      return { error: errorAnswer(400, PORTAL_ERROR.invalid, 'MaHoSo: bad URL encoding') };
    }
    return want('GET', 'lookup', code);
  }
  return { error: errorAnswer(404, PORTAL_ERROR.notFound, 'not found') };
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body).replace(/^\uFEFF/, '');
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startSandbox(opts: SandboxOptions): Promise<SandboxHandle> {
  const state = await SandboxState.open(opts.dataDir);
  const now = opts.clock ?? (() => new Date());
  const random = opts.random ?? (opts.seed !== undefined ? seededRandom(opts.seed) : Math.random);
  const host = opts.host ?? SANDBOX_DEFAULTS.host;
  const env: RouteEnv = {
    state,
    now,
    clientId: opts.clientId ?? SANDBOX_DEFAULTS.clientId,
    clientSecret: opts.clientSecret ?? SANDBOX_DEFAULTS.clientSecret,
    tokenTtlS: opts.tokenTtlS ?? SANDBOX_DEFAULTS.tokenTtlS,
    autoProcess: opts.autoProcess ?? false,
  };
  const failRate = opts.failRate ?? 0;
  const dropRate = opts.dropRate ?? 0;
  const limiter = new RateLimiter(opts.rateLimit ?? RATE_LIMIT_PER_SECOND);
  const stats: SandboxStats = { requests: 0, tokensIssued: 0, rateLimited: 0, injectedFailures: 0, dropped: 0, byRoute: {} };
  const log = opts.log ?? (() => undefined);

  async function answer(req: IncomingMessage, res: ServerResponse, url: URL): Promise<Answer | 'handled'> {
    const r = routeOf(req.method ?? 'GET', url.pathname);
    if ('error' in r) return r.error;
    stats.byRoute[r.route] = (stats.byRoute[r.route] ?? 0) + 1;
    if (failRate > 0 && random() < failRate) {
      stats.injectedFailures++;
      return errorAnswer(503, 503, 'injected failure (--fail-rate): not applied');
    }
    const limited = (key: string): Answer | undefined => {
      const wait = limiter.check(key, now().getTime());
      if (wait === 0) return undefined;
      stats.rateLimited++;
      return errorAnswer(429, PORTAL_ERROR.rateLimited, 'rate limited', { 'Retry-After': String(wait) });
    };
    if (r.route === 'token') {
      const body = await readBody(req, FORM_LIMIT);
      if (!body.ok) {
        if (body.reason === 'too-large') refuseAndClose(req, res, errorAnswer(413, PORTAL_ERROR.tooLarge, 'body too large'));
        return 'handled';
      }
      const form = new URLSearchParams(body.body.toString('utf8'));
      const l = limited(`client:${form.get('client_id') ?? ''}`);
      if (l) return l;
      const a = await issueToken(env, form);
      if (a.status === 200) stats.tokensIssued++;
      return a;
    }
    const client = clientOfToken(env, req.headers.authorization);
    const l = limited(client ? `client:${client}` : `ip:${req.socket.remoteAddress ?? '?'}`);
    if (l) return l;
    if (!client) return authenError();
    if (r.route === 'lookup') return lookup(env, r.param!);
    if (r.route === 'changes') return changes(env, url.searchParams);
    const limit = r.route === 'files' ? FILES_LIMIT : JSON_LIMIT;
    const body = await readBody(req, limit);
    if (!body.ok) {
      if (body.reason === 'too-large') refuseAndClose(req, res, errorAnswer(413, PORTAL_ERROR.tooLarge, r.route === 'files' ? `file: larger than ${MAX_FILE_BYTES} bytes` : 'body too large'));
      return 'handled';
    }
    const header = req.headers['x-mahoso'];
    if (r.route === 'files') return uploadFile(env, Array.isArray(header) ? header[0] : header, req.headers['content-type'], body.body);
    const parsed = parseJson(body.body);
    if (!parsed.ok) return errorAnswer(400, PORTAL_ERROR.invalid, 'body: not valid UTF-8 JSON');
    return r.route === 'dongbo' ? syncDossiers(env, parsed.value) : reportProgress(env, parsed.value);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const t0 = performance.now();
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const line = (what: string | number): void => log(`${req.method ?? '?'} ${url.pathname} → ${what} (${Math.round(performance.now() - t0)} ms)`);
    try {
      if (opts.latencyMs) await sleep(opts.latencyMs);
      const a = await answer(req, res, url);
      if (a === 'handled') {
        line(res.headersSent ? res.statusCode : 'aborted');
        return;
      }
      // only applied requests are dropped: the client cannot know that it took effect
      if (a.status < 300 && dropRate > 0 && random() < dropRate) {
        stats.dropped++;
        line('dropped (--drop-rate)');
        req.socket.destroy();
        return;
      }
      send(res, a);
      line(a.status);
    } catch (e) {
      log(`error: ${(e as Error).stack ?? String(e)}`);
      if (!res.headersSent) send(res, errorAnswer(500, PORTAL_ERROR.server, 'internal error'));
      else res.destroy();
    }
  }

  const server = http.createServer({ requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000, maxHeaderSize: 16 * 1024 }, (req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const processDelayMs = opts.processDelayMs ?? SANDBOX_DEFAULTS.processDelayMs;
  const supplementRate = opts.supplementRate ?? SANDBOX_DEFAULTS.supplementRate;
  let ticking: Promise<number> = Promise.resolve(0);
  const tick = (): Promise<number> => {
    ticking = ticking.then(async () => {
      const n = advanceDue(state, now(), { delayMs: processDelayMs, supplementRate });
      if (n > 0) await state.save();
      return n;
    });
    return ticking;
  };
  const timer = env.autoProcess
    ? setInterval(
        () => {
          tick().catch((e: unknown) => log(`auto-process: ${String(e)}`));
        },
        Math.min(1000, Math.max(10, Math.floor(processDelayMs / 4))),
      )
    : undefined;
  timer?.unref();

  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    dataDir: state.dataDir,
    clientId: env.clientId,
    clientSecret: env.clientSecret,
    tick,
    stats: () => structuredClone(stats),
    async close() {
      if (timer) clearInterval(timer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await ticking.catch(() => 0);
      await state.save();
    },
  };
}

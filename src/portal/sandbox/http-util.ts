import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small pieces of the sandbox's HTTP plumbing: answers, bounded body reading, rate limit, PRNG. */

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Answer => (headers ? { status, body, headers } : { status, body });

/** `{"error_code": …, "message": …}`, the contract's error body. */
export const errorAnswer = (status: number, code: number, message: string, headers?: Record<string, string>): Answer => json(status, { error_code: code, message }, headers);

export function send(res: ServerResponse, a: Answer): void {
  const text = JSON.stringify(a.body);
  res.writeHead(a.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...a.headers,
  });
  res.end(text);
}

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Read a request body, stopping as soon as it exceeds `limit` bytes (a declared Content-Length over
 * the limit is refused without reading anything).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(r);
    };
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => finish({ ok: true, body: Buffer.concat(chunks) }));
    req.on('aborted', () => finish({ ok: false, reason: 'aborted' }));
    req.on('error', () => finish({ ok: false, reason: 'aborted' }));
  });
}

/**
 * After refusing a body early: answer, discard what the client is still sending for a short while
 * (so that it can read the answer instead of a reset), then close the connection.
 */
export function refuseAndClose(req: IncomingMessage, res: ServerResponse, a: Answer, graceMs = 1000): void {
  send(res, { ...a, headers: { ...a.headers, Connection: 'close' } });
  req.on('data', () => undefined);
  req.resume();
  const t = setTimeout(() => req.socket.destroy(), graceMs);
  t.unref();
  req.on('end', () => clearTimeout(t));
}

/** Sliding one-second window per client: at most `limit` requests in any second. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly limit: number) {}

  /** 0 when allowed (and counted); otherwise the seconds to wait (≥ 1). */
  check(key: string, nowMs: number): number {
    const since = nowMs - 1000;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length >= this.limit) {
      this.hits.set(key, list);
      return Math.max(1, Math.ceil((list[0]! + 1000 - nowMs) / 1000));
    }
    list.push(nowMs);
    this.hits.set(key, list);
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (v.every((t) => t <= since)) this.hits.delete(k);
    return 0;
  }
}

/** mulberry32: a small seeded PRNG so that fault injection can be replayed (--seed). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable fraction in [0, 1) for a string (which dossiers --auto-process sends to status 5). */
export function fractionOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 4294967296;
}

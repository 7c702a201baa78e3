import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Profile } from '../config/profile.js';
import { applyAction } from '../domain/dossier/apply.js';
import type { Dossier } from '../domain/dossier/types.js';
import { toVnIso } from '../domain/time.js';
import { type GovDeskError, isGovDeskError } from '../errors.js';
import type { Msg } from '../i18n/index.js';
import { scannedFiles } from '../scan/coverage.js';
import type { Repository } from '../store/repository.js';
import type { ActiveDb } from '../store/schema.js';
import type { PortalClient } from './client.js';
import { isPortalError } from './errors.js';
import { buildHoSo } from './hoso.js';
import { type PortalOutboxEntry, portalEntries } from './outbox.js';
import type { GiayToKetQua, HoSo, TaiLieuNop } from './types.js';

export interface FlushResult {
  id: string;
  code: string;
  op: PortalOutboxEntry['op'];
  outcome: 'accepted' | 'failed' | 'retry-scheduled' | 'waiting';
  attempts: number;
  message?: string;
  /** The same message in both UI languages (shown to people; `message` stays as it was for JSON and the outbox). */
  text?: Msg;
}

export interface FlushOptions {
  /** Only these dossiers (submit CODE…); all due work otherwise. */
  codes?: string[];
  concurrency: number;
  now: () => Date;
  onResult?: (r: FlushResult) => void;
  /** Retry schedule after a transient failure: base and cap in ms (default 30 s … 1 h). */
  retryBaseMs?: number;
  retryCapMs?: number;
  random?: () => number;
}

const LEASE_MS = 10 * 60_000;
/** After this many attempts a retried entry is marked failed (an operator can `outbox retry` it). */
export const MAX_ATTEMPTS = 12;
const BATCH = 50;

function ownerAlive(owner: unknown): boolean {
  const o = owner as { pid?: number; host?: string } | undefined;
  if (!o?.pid || o.host !== os.hostname()) return true; // cannot tell: wait for the lease
  try {
    process.kill(o.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Entries due now: queued, retry time reached, or claimed by a sender that died. */
export function dueEntries(db: Pick<ActiveDb, 'outbox'>, now: Date, codes?: string[]): PortalOutboxEntry[] {
  return portalEntries(db).filter((e) => {
    if (codes && !codes.includes(e.code)) return false;
    if (e.status === 'queued') return true;
    if (e.status === 'retry-scheduled') return !e.nextAttemptAt || Date.parse(e.nextAttemptAt) <= now.getTime();
    if (e.status === 'sending') return (e.leaseUntil && Date.parse(e.leaseUntil) < now.getTime()) || !ownerAlive((e as unknown as { leaseOwner?: unknown }).leaseOwner);
    return false;
  });
}

/**
 * Send what the outbox holds. Claims entries under the store lock (so a concurrent sender skips
 * them), talks to the portal outside the lock, and records outcomes batch by batch, so a crash loses
 * at most the outcome of one batch; re-sending is safe by the contract (same bytes → same file id,
 * identical record → 0, same progress entry → no-op).
 */
export async function flushPortalOutbox(repo: Repository, client: PortalClient, profile: Profile, home: string, o: FlushOptions): Promise<FlushResult[]> {
  const claimed = await repo.transact((db) => {
    const now = o.now();
    const list = dueEntries(db, now, o.codes);
    for (const e of list) {
      e.status = 'sending';
      e.attempts += 1;
      e.leaseUntil = toVnIso(new Date(now.getTime() + LEASE_MS));
      (e as unknown as { leaseOwner: unknown }).leaseOwner = { pid: process.pid, host: os.hostname() };
      e.dirty = false;
      e.updatedAt = toVnIso(now);
    }
    return list.map((e) => ({ ...e }));
  });
  const results: FlushResult[] = [];
  const dongbo = claimed.filter((e) => e.op === 'dongbo');
  const tiendo = claimed.filter((e) => e.op === 'tiendo');
  const accepted = new Set<string>();

  for (let i = 0; i < dongbo.length; i += BATCH) {
    const batch = dongbo.slice(i, i + BATCH);
    const outcomes = await sendDossiers(batch, repo, client, profile, home, o.concurrency);
    for (const r of outcomes) if (r.outcome === 'accepted') accepted.add(r.code);
    await record(repo, outcomes, o);
    results.push(...outcomes);
  }
  if (tiendo.length) {
    const db = await repo.read();
    const onPortal = async (code: string) => accepted.has(code) || (db.dossiers[code] ?? (await repo.getDossier(code))?.dossier)?.events.some((e) => e.type === 'portal-accepted');
    const ready: PortalOutboxEntry[] = [];
    const waiting: FlushResult[] = [];
    for (const e of tiendo) (await onPortal(e.code)) ? ready.push(e) : waiting.push({ id: e.id, code: e.code, op: 'tiendo', outcome: 'waiting', attempts: e.attempts - 1 });
    for (let i = 0; i < ready.length; i += BATCH) {
      const batch = ready.slice(i, i + BATCH);
      let outcome: Pick<FlushResult, 'outcome' | 'message'>;
      try {
        await client.reportProgress(batch.map((e) => e.tienDo!));
        outcome = { outcome: 'accepted' };
      } catch (err) {
        outcome = failureOutcome(err);
      }
      const rs = batch.map((e) => ({ id: e.id, code: e.code, op: 'tiendo' as const, attempts: e.attempts, ...outcome }));
      await record(repo, rs, o);
      results.push(...rs);
    }
    await record(repo, waiting, o);
    results.push(...waiting);
  }
  return results;
}

/**
 * Transient failures are retried later; so is an answer that makes no sense (an HTML error page
 * from a proxy, a broken body): the entry stays in the outbox until MAX_ATTEMPTS. A refusal by the
 * portal (error_code, 4xx) is final until an operator retries it.
 */
function failureOutcome(err: unknown): Pick<FlushResult, 'outcome' | 'message' | 'text'> {
  const text = (e: GovDeskError, portal?: string): Msg => ({ vi: `${e.code}: ${portal ?? e.render('vi').message}`, en: `${e.code}: ${portal ?? e.render('en').message}` });
  if (isPortalError(err)) return { outcome: err.transient || err.code === 'PORTAL_BAD_RESPONSE' ? 'retry-scheduled' : 'failed', message: `${err.code}: ${err.portalMessage ?? err.message}`, text: text(err, err.portalMessage) };
  if (isGovDeskError(err)) return { outcome: 'failed', message: `${err.code}: ${err.message}`, text: text(err) };
  throw err;
}

/** Result documents recorded by `result --approved --document …`. */
function resultDocuments(d: Dossier): { path: string; name: string; sha256: string }[] {
  const e = [...d.events].reverse().find((x) => x.type === 'result-recorded');
  const docs = (e?.data as { documents?: unknown } | undefined)?.documents;
  return Array.isArray(docs) ? (docs as { path: string; name: string; sha256: string }[]) : [];
}

async function uploadFiles(d: Dossier, client: PortalClient, home: string, known: Record<string, string>): Promise<{ files: TaiLieuNop[]; results: GiayToKetQua[]; uploaded: Record<string, string> }> {
  const uploaded: Record<string, string> = {};
  const upload = async (rel: string, sha256: string): Promise<string> => {
    const have = known[sha256] ?? uploaded[sha256];
    if (have) return have;
    const bytes = await fsp.readFile(path.join(home, ...rel.split('/')));
    const up = await client.uploadFile(d.code, { name: path.basename(rel), bytes });
    uploaded[sha256] = up.IdTepTin;
    return up.IdTepTin;
  };
  const files: TaiLieuNop[] = [];
  for (const f of scannedFiles(d)) files.push({ TepDinhKemId: await upload(f.file.path, f.file.sha256), TenTepDinhKem: path.basename(f.file.path), MaThanhPhanHoSo: f.component });
  const results: GiayToKetQua[] = [];
  for (const r of resultDocuments(d)) results.push({ TenGiayTo: r.name, GiayToId: await upload(r.path, r.sha256) });
  return { files, results, uploaded };
}

async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

type Outcome = FlushResult & { uploaded?: Record<string, string> };

async function sendDossiers(batch: PortalOutboxEntry[], repo: Repository, client: PortalClient, profile: Profile, home: string, concurrency: number): Promise<Outcome[]> {
  const db = await repo.read();
  const known = (db.meta.portalFiles ?? {}) as Record<string, Record<string, string>>;
  const out = new Map<string, Outcome>();
  const records: { e: PortalOutboxEntry; rec: HoSo; update: boolean }[] = [];
  await pool(batch, concurrency, async (e) => {
    try {
      const d = db.dossiers[e.code] ?? (await repo.getDossier(e.code))?.dossier;
      if (!d) throw new Error(`dossier ${e.code} not found`);
      const { files, results, uploaded } = await uploadFiles(d, client, home, known[e.code] ?? {});
      out.set(e.id, { id: e.id, code: e.code, op: 'dongbo', outcome: 'retry-scheduled', attempts: e.attempts, uploaded });
      records.push({ e, rec: buildHoSo(d, profile, files, results), update: d.events.some((x) => x.type === 'portal-accepted') });
    } catch (err) {
      out.set(e.id, { id: e.id, code: e.code, op: 'dongbo', attempts: e.attempts, ...failureOutcome(err) });
    }
  });
  // first sync (isUpdating=false) and updates go in separate calls; 2/3 answers switch sides once
  let round = [records.filter((r) => !r.update), records.filter((r) => r.update)];
  for (let pass = 0; pass < 2; pass++) {
    const retry: typeof records = [];
    for (const [side, group] of round.entries()) {
      if (group.length === 0) continue;
      try {
        const res = await client.syncDossiers(group.map((g) => g.rec), side === 1);
        res.forEach((r, i) => {
          const g = group[i]!;
          const prev = out.get(g.e.id)!;
          if (r.error_code === 0) out.set(g.e.id, { ...prev, outcome: 'accepted', message: r.message });
          else if ((r.error_code === 2 && side === 0) || (r.error_code === 3 && side === 1)) retry.push({ ...g, update: side === 0 });
          else out.set(g.e.id, { ...prev, outcome: 'failed', message: `${r.error_code}: ${r.message}` });
        });
      } catch (err) {
        for (const g of group) out.set(g.e.id, { ...out.get(g.e.id)!, ...failureOutcome(err) });
      }
    }
    round = [retry.filter((r) => !r.update), retry.filter((r) => r.update)];
  }
  return batch.map((e) => out.get(e.id)!);
}

/** Write the outcomes: outbox statuses, portal events on the dossiers, uploaded file ids. */
async function record(repo: Repository, outcomes: Outcome[], o: FlushOptions): Promise<void> {
  if (outcomes.length === 0) return;
  await repo.transact((db) => {
    const now = o.now();
    const entries = portalEntries(db);
    const files = (db.meta.portalFiles ?? {}) as Record<string, Record<string, string>>;
    for (const r of outcomes) {
      const e = entries.find((x) => x.id === r.id);
      if (r.uploaded && Object.keys(r.uploaded).length) files[r.code] = { ...(files[r.code] ?? {}), ...r.uploaded };
      if (!e) continue;
      e.updatedAt = toVnIso(now);
      e.leaseUntil = null;
      if (r.outcome === 'accepted') {
        e.status = e.dirty ? 'queued' : 'sent';
        e.lastError = null;
        e.nextAttemptAt = null;
      } else if (r.outcome === 'failed') {
        e.status = 'failed';
        e.lastError = r.message ?? null;
      } else if (r.outcome === 'waiting') {
        e.status = 'queued';
        e.attempts = Math.max(0, e.attempts - 1);
      } else if (e.attempts >= MAX_ATTEMPTS) {
        e.status = 'failed';
        e.lastError = `${r.message ?? ''} (${e.attempts} attempts)`;
      } else {
        e.status = 'retry-scheduled';
        e.lastError = r.message ?? null;
        const base = o.retryBaseMs ?? 30_000;
        const delay = Math.min(o.retryCapMs ?? 3_600_000, base * 2 ** Math.max(0, e.attempts - 1)) * (0.5 + (o.random ?? Math.random)() / 2);
        e.nextAttemptAt = toVnIso(new Date(now.getTime() + delay));
      }
      if (r.op !== 'dongbo') continue;
      const d = db.dossiers[r.code];
      if (!d) continue; // archived meanwhile: its portal facts live in the outbox entry
      if (r.outcome === 'accepted') {
        db.dossiers[r.code] = applyAction(d, 'portal-accepted', { at: now, operator: 'portal', key: 'portal-accepted' }).dossier;
      } else if (r.outcome === 'retry-scheduled' && !d.events.some((x) => x.type === 'portal-sent' || x.type === 'portal-accepted')) {
        // the request may have reached the portal: "sent, not confirmed" until an answer says more
        db.dossiers[r.code] = applyAction(d, 'portal-sent', { at: now, operator: 'portal', key: 'portal-sent' }).dossier;
      }
    }
    db.meta.portalFiles = files;
  });
  for (const r of outcomes) o.onResult?.({ id: r.id, code: r.code, op: r.op, outcome: r.outcome, attempts: r.attempts, ...(r.message ? { message: r.message } : {}), ...(r.text ? { text: r.text } : {}) });
}

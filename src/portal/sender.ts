import os from 'node:os';
import path from 'node:path';
import type { Profile } from '../config/profile.js';
import { applyAction } from '../domain/dossier/apply.js';
import { derive } from '../domain/dossier/status.js';
import type { Dossier } from '../domain/dossier/types.js';
import { toVnIso } from '../domain/time.js';
import { type GovDeskError, isGovDeskError } from '../errors.js';
import type { Msg } from '../i18n/index.js';
import { scannedFiles } from '../scan/coverage.js';
import { readVerified, resultDocuments } from '../scan/integrity.js';
import type { Repository } from '../store/repository.js';
import type { ActiveDb } from '../store/schema.js';
import type { PortalClient } from './client.js';
import { isPortalError } from './errors.js';
import { buildHoSo, identityDiff } from './hoso.js';
import { type PortalOutboxEntry, portalEntries } from './outbox.js';
import { type OutboxError, outboxErrorMsg } from './outbox-error.js';
import type { GiayToKetQua, HoSo, TaiLieuNop } from './types.js';

export interface FlushResult {
  id: string;
  code: string;
  op: PortalOutboxEntry['op'];
  /** conflict: the portal holds another dossier under this code; nothing was sent (docs/portal.md). */
  outcome: 'accepted' | 'failed' | 'retry-scheduled' | 'waiting' | 'conflict';
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
    // progress goes only onto a record this home created and still holds (not one in conflict)
    const onPortal = async (code: string) => {
      if (accepted.has(code)) return true;
      const d = db.dossiers[code] ?? (await repo.getDossier(code))?.dossier;
      return d !== undefined && derive(d).portal === 'accepted';
    };
    const ready: PortalOutboxEntry[] = [];
    const waiting: FlushResult[] = [];
    for (const e of tiendo) (await onPortal(e.code)) ? ready.push(e) : waiting.push({ id: e.id, code: e.code, op: 'tiendo', outcome: 'waiting', attempts: e.attempts - 1 });
    for (let i = 0; i < ready.length; i += BATCH) {
      const batch = ready.slice(i, i + BATCH);
      let outcome: Pick<Outcome, 'outcome' | 'message' | 'text' | 'error'>;
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
function failureOutcome(err: unknown): Pick<Outcome, 'outcome' | 'message' | 'text' | 'error'> {
  // the words of the error in both languages (a portal's own message inside them stays as it wrote it)
  const said = (e: GovDeskError) => {
    const error: OutboxError = { code: e.code, text: { vi: e.render('vi').message, en: e.render('en').message } };
    return { error, text: outboxErrorMsg(error) };
  };
  if (isPortalError(err)) return { outcome: err.transient || err.code === 'PORTAL_BAD_RESPONSE' ? 'retry-scheduled' : 'failed', message: `${err.code}: ${err.portalMessage ?? err.message}`, ...said(err) };
  if (isGovDeskError(err)) return { outcome: 'failed', message: `${err.code}: ${err.message}`, ...said(err) };
  throw err;
}

async function uploadFiles(d: Dossier, client: PortalClient, home: string, known: Record<string, string>): Promise<{ files: TaiLieuNop[]; results: GiayToKetQua[]; uploaded: Record<string, string> }> {
  const uploaded: Record<string, string> = {};
  const upload = async (rel: string, sha256: string): Promise<string> => {
    const have = known[sha256] ?? uploaded[sha256];
    if (have) return have;
    // checked against the recorded SHA-256: a damaged copy is never uploaded as the original
    const bytes = await readVerified(home, d.code, { path: rel, sha256 });
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

type Outcome = FlushResult & { uploaded?: Record<string, string>; adopted?: boolean; error?: OutboxError };

/**
 * The outcome of a code the portal holds for another dossier: a language-neutral message naming the
 * identity fields that differ (never the other citizen's data); the words come from the caller.
 */
function conflictOutcome(prev: Pick<Outcome, 'id' | 'code' | 'attempts'>, fields: string[]): Outcome {
  const error: OutboxError = { code: 'PORTAL_CONFLICT', vars: { fields: fields.join(', ') } };
  return { ...prev, op: 'dongbo', outcome: 'conflict', message: `PORTAL_CONFLICT (${fields.join(', ')})`, error, text: outboxErrorMsg(error) };
}

/**
 * Whether this dossier may go out as a create (false), as an update (true), or is in conflict (the
 * differing fields). Updates only for a dossier whose creation this home recorded (portal state
 * `accepted`: a `portal-accepted` not followed by a `portal-conflict`);
 * otherwise the portal is asked first: unknown → create; the same dossier (our own earlier create
 * whose answer was lost) → adopted, update; another dossier → conflict, before any file is uploaded.
 */
async function sendAs(d: Dossier, client: PortalClient, profile: Profile): Promise<{ update: boolean; adopted?: boolean } | { conflict: string[] }> {
  if (derive(d).portal === 'accepted') return { update: true };
  return askPortal(d, client, profile);
}

/** What the portal holds under the code: nothing (create), this dossier (adopt, update) or another one (conflict). */
async function askPortal(d: Dossier, client: PortalClient, profile: Profile): Promise<{ update: boolean; adopted?: boolean } | { conflict: string[] }> {
  const stored = await client.lookup(d.code);
  if (!stored) return { update: false };
  const diff = identityDiff(stored, buildHoSo(d, profile, []));
  return diff.length ? { conflict: diff } : { update: true, adopted: true };
}

async function sendDossiers(batch: PortalOutboxEntry[], repo: Repository, client: PortalClient, profile: Profile, home: string, concurrency: number): Promise<Outcome[]> {
  const db = await repo.read();
  const known = (db.meta.portalFiles ?? {}) as Record<string, Record<string, string>>;
  const out = new Map<string, Outcome>();
  const records: { e: PortalOutboxEntry; d: Dossier; rec: HoSo; update: boolean; stale?: boolean }[] = [];
  await pool(batch, concurrency, async (e) => {
    try {
      const d = db.dossiers[e.code] ?? (await repo.getDossier(e.code))?.dossier;
      if (!d) throw new Error(`dossier ${e.code} not found`);
      const as = await sendAs(d, client, profile);
      if ('conflict' in as) {
        out.set(e.id, conflictOutcome({ id: e.id, code: e.code, attempts: e.attempts }, as.conflict));
        return;
      }
      // file ids remembered from earlier sends belong to the record there; a create uploads again (idempotent)
      const { files, results, uploaded } = await uploadFiles(d, client, home, as.update ? (known[e.code] ?? {}) : {});
      out.set(e.id, { id: e.id, code: e.code, op: 'dongbo', outcome: 'retry-scheduled', attempts: e.attempts, uploaded, ...(as.adopted ? { adopted: true } : {}) });
      records.push({ e, d, rec: buildHoSo(d, profile, files, results), update: as.update });
    } catch (err) {
      out.set(e.id, { id: e.id, code: e.code, op: 'dongbo', attempts: e.attempts, ...failureOutcome(err) });
    }
  });
  // creates (isUpdating=false) and updates go in separate calls. An update answered 3 (unknown) or
  // a create answered 2 (exists, different) asks the portal again: nothing there → create; this
  // very dossier → update; another dossier → conflict (never an update of someone else's record).
  let round = records;
  for (let pass = 0; pass < 3 && round.length; pass++) {
    const again: typeof records = [];
    for (const side of [false, true]) {
      const group: typeof records = [];
      for (const g of round.filter((r) => r.update === side)) {
        if (!g.stale) {
          group.push(g);
          continue;
        }
        // the portal does not know the record (3): its file ids are unknown there too
        try {
          const up = await uploadFiles(g.d, client, home, {});
          out.set(g.e.id, { ...out.get(g.e.id)!, uploaded: up.uploaded });
          group.push({ ...g, stale: false, rec: buildHoSo(g.d, profile, up.files, up.results) });
        } catch (err) {
          out.set(g.e.id, { ...out.get(g.e.id)!, ...failureOutcome(err) });
        }
      }
      if (group.length === 0) continue;
      let res: Awaited<ReturnType<PortalClient['syncDossiers']>>;
      try {
        res = await client.syncDossiers(group.map((g) => g.rec), side);
      } catch (err) {
        for (const g of group) out.set(g.e.id, { ...out.get(g.e.id)!, ...failureOutcome(err) });
        continue;
      }
      for (const [i, r] of res.entries()) {
        const g = group[i]!;
        const prev = out.get(g.e.id)!;
        if (r.error_code === 0) out.set(g.e.id, { ...prev, outcome: 'accepted', message: r.message });
        else if ((r.error_code === 3 && side) || (r.error_code === 2 && !side)) {
          try {
            // the portal is asked what it holds, even for a record this home created: it may have
            // vanished (3), or been created meanwhile by someone else (2)
            const as = await askPortal(g.d, client, profile);
            if ('conflict' in as) out.set(g.e.id, conflictOutcome(prev, as.conflict));
            else {
              out.set(g.e.id, { ...prev, ...(as.adopted ? { adopted: true } : {}) });
              // a create after a 3: the file ids remembered belong to the record that vanished
              again.push({ ...g, update: as.update, stale: !as.update && side });
            }
          } catch (err) {
            out.set(g.e.id, { ...prev, ...failureOutcome(err) });
          }
        } else {
          const error: OutboxError = { code: 'PORTAL_RECORD_REFUSED', vars: { portalCode: r.error_code, portalMessage: r.message ?? '' } };
          out.set(g.e.id, { ...prev, outcome: 'failed', message: `${r.error_code}: ${r.message}`, error, text: outboxErrorMsg(error) });
        }
      }
    }
    round = again;
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
        e.error = null;
        e.nextAttemptAt = null;
      } else if (r.outcome === 'failed') {
        e.status = 'failed';
        e.lastError = r.message ?? null;
        e.error = r.error ?? null;
      } else if (r.outcome === 'conflict') {
        e.status = 'conflict';
        e.lastError = r.message ?? null;
        e.error = r.error ?? null;
        e.nextAttemptAt = null;
      } else if (r.outcome === 'waiting') {
        e.status = 'queued';
        e.attempts = Math.max(0, e.attempts - 1);
      } else if (e.attempts >= MAX_ATTEMPTS) {
        e.status = 'failed';
        e.lastError = `${r.message ?? ''} (${e.attempts} attempts)`;
        e.error = r.error ? { ...r.error, attempts: e.attempts } : null;
      } else {
        e.status = 'retry-scheduled';
        e.lastError = r.message ?? null;
        e.error = r.error ?? null;
        const base = o.retryBaseMs ?? 30_000;
        const delay = Math.min(o.retryCapMs ?? 3_600_000, base * 2 ** Math.max(0, e.attempts - 1)) * (0.5 + (o.random ?? Math.random)() / 2);
        e.nextAttemptAt = toVnIso(new Date(now.getTime() + delay));
      }
      if (r.op !== 'dongbo') continue;
      const d = db.dossiers[r.code];
      if (!d) continue; // archived meanwhile: its portal facts live in the outbox entry
      if (r.outcome === 'accepted' && derive(d).portal !== 'accepted') {
        // the first acceptance has its fixed key; one after a conflict was settled gets its own
        const key = d.events.some((x) => x.key === 'portal-accepted') ? `portal-accepted:${r.id}:${d.events.length}` : 'portal-accepted';
        db.dossiers[r.code] = applyAction(d, 'portal-accepted', { at: now, operator: 'portal', key, ...(r.adopted ? { data: { adopted: true } } : {}) }).dossier;
      } else if (r.outcome === 'conflict' && derive(d).portal !== 'conflict') {
        // once per episode: recorded again only if the state moved on meanwhile (say, a retry that failed in transit)
        db.dossiers[r.code] = applyAction(d, 'portal-conflict', { at: now, operator: 'portal', data: { message: r.message ?? '' } }).dossier;
      } else if (r.outcome === 'retry-scheduled' && !d.events.some((x) => x.type === 'portal-sent' || x.type === 'portal-accepted')) {
        // the request may have reached the portal: "sent, not confirmed" until an answer says more
        db.dossiers[r.code] = applyAction(d, 'portal-sent', { at: now, operator: 'portal', key: 'portal-sent' }).dossier;
      }
    }
    db.meta.portalFiles = files;
  });
  for (const r of outcomes) o.onResult?.({ id: r.id, code: r.code, op: r.op, outcome: r.outcome, attempts: r.attempts, ...(r.message ? { message: r.message } : {}), ...(r.text ? { text: r.text } : {}) });
}

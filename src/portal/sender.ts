import os from 'node:os';
import path from 'node:path';
import type { Profile } from '../config/profile.js';
import { derive } from '../domain/dossier/status.js';
import type { Dossier } from '../domain/dossier/types.js';
import { toVnIso } from '../domain/time.js';
import { failure, type GovDeskError, isGovDeskError } from '../errors.js';
import type { Msg } from '../i18n/index.js';
import { scannedFiles } from '../scan/coverage.js';
import { resultDocuments } from '../scan/integrity.js';
import type { Store } from '../store/port.js';
import type { PortalClient } from './client.js';
import { isPortalError } from './errors.js';
import { buildHoSo, identityDiff } from './hoso.js';
import type { LeaseOwner, PortalOutboxEntry } from './outbox.js';
import { type OutboxError, outboxErrorMsg } from './outbox-error.js';
import { type Claim, type PortalFiles, record } from './sender-record.js';
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

export { MAX_ATTEMPTS } from './sender-record.js';

const LEASE_MS = 10 * 60_000;
const BATCH = 50;

function ownerAlive(o: LeaseOwner | null | undefined, desk?: string): boolean {
  // another PC (by host name, or by desk id when two PCs share a host name): cannot tell, wait for the lease
  if (!o?.pid || o.host !== os.hostname() || (desk !== undefined && o.desk !== undefined && o.desk !== desk)) return true;
  try {
    process.kill(o.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Entries due now: queued, retry time reached, or claimed by a sender that died. */
export function dueEntries(entries: readonly PortalOutboxEntry[], now: Date, codes?: string[], desk?: string): PortalOutboxEntry[] {
  return entries.filter((e) => {
    if (codes && !codes.includes(e.code)) return false;
    if (e.status === 'queued') return true;
    if (e.status === 'retry-scheduled') return !e.nextAttemptAt || Date.parse(e.nextAttemptAt) <= now.getTime();
    if (e.status === 'sending') return Boolean(e.leaseUntil && Date.parse(e.leaseUntil) < now.getTime()) || !ownerAlive(e.leaseOwner, desk);
    return false;
  });
}

/**
 * Send what the outbox holds. Claims entries in one transaction (`claim`: rows another sender's
 * transaction holds are skipped) and gives each a lease with an expiry, so that a sender at another
 * desk leaves them alone after that transaction commits; talks to the portal outside any
 * transaction, and records outcomes batch by batch (only for entries still under its lease), so a
 * crash loses at most the outcome of one batch; re-sending is safe by the contract (same bytes →
 * same file id, identical record → 0, same progress entry → no-op).
 */
export async function flushPortalOutbox(store: Store, client: PortalClient, profile: Profile, o: FlushOptions): Promise<FlushResult[]> {
  const { claimed, claim } = await store.tx(async (t) => {
    const now = o.now();
    const claim: Claim = { owner: { pid: process.pid, host: os.hostname(), desk: store.desk }, leaseUntil: toVnIso(new Date(now.getTime() + LEASE_MS)) };
    const due = dueEntries(await t.outbox('portal', { claim: true, pending: true, ...(o.codes ? { codes: o.codes } : {}) }), now, o.codes, store.desk);
    const claimed = due.map((e): PortalOutboxEntry => ({ ...e, status: 'sending', attempts: e.attempts + 1, leaseUntil: claim.leaseUntil, leaseOwner: claim.owner, dirty: false, updatedAt: toVnIso(now) }));
    for (const e of claimed) await t.putOutbox(e);
    return { claimed, claim };
  });
  const results: FlushResult[] = [];
  const dongbo = claimed.filter((e) => e.op === 'dongbo');
  const tiendo = claimed.filter((e) => e.op === 'tiendo');
  const accepted = new Set<string>();

  for (let i = 0; i < dongbo.length; i += BATCH) {
    const batch = dongbo.slice(i, i + BATCH);
    const outcomes = await sendDossiers(batch, store, client, profile, o.concurrency);
    for (const r of outcomes) if (r.outcome === 'accepted') accepted.add(r.code);
    await record(store, claim, outcomes, o);
    results.push(...outcomes);
  }
  if (tiendo.length) {
    const dossiers = await loadDossiers(store, tiendo.filter((e) => !accepted.has(e.code)).map((e) => e.code));
    // progress goes only onto a record this home created and still holds (not one in conflict)
    const onPortal = async (code: string) => {
      if (accepted.has(code)) return true;
      const d = dossiers.get(code);
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
      await record(store, claim, rs, o);
      results.push(...rs);
    }
    await record(store, claim, waiting, o);
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

/** The dossiers of these codes, open or archived, from one read of the open ones. */
async function loadDossiers(store: Store, codes: string[]): Promise<Map<string, Dossier>> {
  const out = new Map<string, Dossier>();
  if (codes.length === 0) return out;
  const wanted = new Set(codes);
  for (const d of await store.openDossiers()) if (wanted.has(d.code)) out.set(d.code, d);
  for (const code of wanted) {
    if (out.has(code)) continue;
    const found = await store.getDossier(code);
    if (found) out.set(code, found.dossier);
  }
  return out;
}

/**
 * The bytes of a recorded file from the store (so a file scanned at one desk is sent from another),
 * checked against the recorded SHA-256: a missing or changed file is a failure, never uploaded.
 */
async function storedBytes(store: Store, code: string, rel: string, sha256: string): Promise<Buffer> {
  let bytes: Buffer | undefined;
  try {
    bytes = await store.files.get(rel, sha256.toLowerCase());
  } catch (e) {
    if (isGovDeskError(e) && e.code === 'FILE_DAMAGED') throw unsendable(code, rel, 'changed');
    throw e;
  }
  if (!bytes) throw unsendable(code, rel, 'missing');
  return bytes;
}

function unsendable(code: string, file: string, problem: 'missing' | 'changed'): GovDeskError {
  return failure(
    'FILE_DAMAGED',
    problem === 'missing'
      ? { vi: 'Tệp {file} của hồ sơ {code} không còn trong kho dữ liệu: không gửi.', en: 'The file {file} of dossier {code} is missing from the store: not sent.' }
      : { vi: 'Tệp {file} của hồ sơ {code} đã bị thay đổi (SHA-256 khác với lúc lưu): không gửi như bản gốc.', en: 'The file {file} of dossier {code} has changed (its SHA-256 differs from the one recorded): not sent as the original.' },
    {
      vars: { file, code },
      details: { file, problem },
      hint: { vi: 'Khôi phục tệp từ bản sao lưu hoặc quét lại giấy tờ (`gov-desk scan-import`), rồi `gov-desk outbox retry`.', en: 'Restore the file from a backup or scan the paper again (`gov-desk scan-import`), then `gov-desk outbox retry`.' },
    },
  );
}

async function uploadFiles(d: Dossier, client: PortalClient, store: Store, known: Record<string, string>): Promise<{ files: TaiLieuNop[]; results: GiayToKetQua[]; uploaded: Record<string, string> }> {
  const uploaded: Record<string, string> = {};
  const upload = async (rel: string, sha256: string): Promise<string> => {
    const have = known[sha256] ?? uploaded[sha256];
    if (have) return have;
    // checked against the recorded SHA-256: a damaged copy is never uploaded as the original
    const bytes = await storedBytes(store, d.code, rel, sha256);
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

export type Outcome = FlushResult & { uploaded?: Record<string, string>; adopted?: boolean; error?: OutboxError };

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

async function sendDossiers(batch: PortalOutboxEntry[], store: Store, client: PortalClient, profile: Profile, concurrency: number): Promise<Outcome[]> {
  const known = (await store.meta<PortalFiles>('portalFiles')) ?? {};
  const dossiers = await loadDossiers(store, batch.map((e) => e.code));
  const out = new Map<string, Outcome>();
  const records: { e: PortalOutboxEntry; d: Dossier; rec: HoSo; update: boolean; stale?: boolean }[] = [];
  await pool(batch, concurrency, async (e) => {
    try {
      const d = dossiers.get(e.code);
      if (!d) throw new Error(`dossier ${e.code} not found`);
      const as = await sendAs(d, client, profile);
      if ('conflict' in as) {
        out.set(e.id, conflictOutcome({ id: e.id, code: e.code, attempts: e.attempts }, as.conflict));
        return;
      }
      // file ids remembered from earlier sends belong to the record there; a create uploads again (idempotent)
      const { files, results, uploaded } = await uploadFiles(d, client, store, as.update ? (known[e.code] ?? {}) : {});
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
          const up = await uploadFiles(g.d, client, store, {});
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

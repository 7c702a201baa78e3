import type { Dossier } from '../domain/dossier/types.js';
import { fromPortalTime, toPortalTime, toVnIso } from '../domain/time.js';
import type { StoreTx } from '../store/port.js';
import type { OutboxError } from './outbox-error.js';
import type { TienDo } from './types.js';

/**
 * The persistent portal outbox (the store's outbox entries of kind 'portal'). Commands queue work
 * inside their own transaction (`store.tx`); `submit`/`sync` send it. Statuses: queued → sending →
 * sent, or failed (permanent, with the portal's message), or retry-scheduled (attempts, last error, next attempt),
 * or conflict (the portal holds another dossier under this code: nothing is sent until an operator
 * retries it; see docs/portal.md).
 */
export type PortalOutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'retry-scheduled' | 'cancelled' | 'conflict';

export interface LeaseOwner {
  pid: number;
  host: string;
  desk?: string;
}

export interface PortalOutboxEntry {
  kind: 'portal';
  id: string;
  op: 'dongbo' | 'tiendo';
  code: string;
  status: PortalOutboxStatus;
  attempts: number;
  lastError: string | null;
  /** The last error as a code, rendered in the UI language when shown (issue 12; absent on entries written before). `lastError` keeps the English text. */
  error?: OutboxError | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** For tiendo: the progress entry to send (built when the step happened). */
  tienDo?: TienDo;
  /** For dongbo: the dossier changed after this entry was queued (send once more). */
  dirty?: boolean;
  /** Lease of a sender that claimed it (a crashed sender's lease expires). */
  leaseUntil?: string | null;
  /**
   * Who holds the lease: the sending process and its host (and desk). Another sender waits for the
   * lease to expire, or takes over at once from a process of its own host that is gone.
   */
  leaseOwner?: LeaseOwner | null;
}

/** The store operations the queue needs (a transaction of the store port). */
export type PortalQueue = Pick<StoreTx, 'outbox' | 'putOutbox'>;

const OPEN: readonly PortalOutboxStatus[] = ['queued', 'sending', 'retry-scheduled'];

/** What to save: the entry, and whether it is new or changed (`save`: put it in the outbox). */
export interface Queued {
  entry: PortalOutboxEntry;
  save: boolean;
}

/**
 * Ask for the dossier record (DongBoHoSoMC) to be sent: one open entry per dossier at a time; a
 * change while it is being sent marks it dirty so that the newest state goes out too. A code in
 * conflict stays blocked (its entry is returned untouched) unless `retryConflict` (an explicit
 * `submit CODE`) asks for the check to run again. Pure: `entries` are the portal entries of the
 * code (at least), never changed; the entry returned is a copy.
 */
export function dossierSyncEntry(entries: readonly PortalOutboxEntry[], code: string, now: Date, o: { retryConflict?: boolean } = {}): Queued {
  const mine = entries.filter((e) => e.code === code);
  const conflict = mine.find((e) => e.op === 'dongbo' && e.status === 'conflict');
  if (conflict) {
    if (!o.retryConflict) return { entry: conflict, save: false };
    return { entry: { ...conflict, status: 'queued', nextAttemptAt: null, updatedAt: toVnIso(now) }, save: true };
  }
  const open = mine.find((e) => e.op === 'dongbo' && OPEN.includes(e.status));
  if (open) return { entry: { ...open, ...(open.status === 'sending' ? { dirty: true } : {}), updatedAt: toVnIso(now) }, save: true };
  // ids are unique: outcomes are recorded by id (two sends queued in one millisecond get a suffix)
  const base = `dongbo:${code}:${now.getTime().toString(36)}`;
  let id = base;
  for (let n = 2; mine.some((x) => x.id === id); n++) id = `${base}-${n}`;
  const entry: PortalOutboxEntry = {
    kind: 'portal',
    id,
    op: 'dongbo',
    code,
    status: 'queued',
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    createdAt: toVnIso(now),
    updatedAt: toVnIso(now),
  };
  return { entry, save: true };
}

/**
 * Queue a progress entry (CapNhatTienDoHoSoMC); the same step twice is queued once. The portal
 * treats (MaHoSo, ThoiDiemXuLy, TrangThai) as the identity of an entry and times have whole
 * seconds, so a different step recorded in the same second moves to the next free second.
 * Pure, like dossierSyncEntry (`entries`: the portal entries of the dossier, at least).
 */
export function progressEntry(entries: readonly PortalOutboxEntry[], tienDo: TienDo, now: Date): Queued {
  let t = tienDo;
  let id = `tiendo:${t.MaHoSo}:${t.ThoiDiemXuLy}:${t.TrangThai}`;
  for (let bump = 1; bump < 60; bump++) {
    const existing = entries.find((e) => e.id === id);
    if (!existing) break;
    if (existing.tienDo?.NoiDungXuLy === t.NoiDungXuLy && existing.tienDo?.NguoiXuLy === t.NguoiXuLy) return { entry: existing, save: false };
    const at = fromPortalTime(tienDo.ThoiDiemXuLy);
    if (!at) break;
    t = { ...tienDo, ThoiDiemXuLy: toPortalTime(new Date(at.getTime() + bump * 1000)) };
    id = `tiendo:${t.MaHoSo}:${t.ThoiDiemXuLy}:${t.TrangThai}`;
  }
  return { entry: { kind: 'portal', id, op: 'tiendo', code: t.MaHoSo, status: 'queued', attempts: 0, lastError: null, nextAttemptAt: null, createdAt: toVnIso(now), updatedAt: toVnIso(now), tienDo: t }, save: true };
}

async function save(t: PortalQueue, q: Queued): Promise<PortalOutboxEntry> {
  if (q.save) await t.putOutbox(q.entry);
  return q.entry;
}

/** dossierSyncEntry, saved in the transaction `t` (await it before the transaction returns). */
export async function queueDossierSync(t: PortalQueue, code: string, now: Date, o: { retryConflict?: boolean } = {}): Promise<PortalOutboxEntry> {
  return save(t, dossierSyncEntry(await t.outbox('portal', { codes: [code] }), code, now, o));
}

/** progressEntry, saved in the transaction `t` (await it before the transaction returns). */
export async function queueProgress(t: PortalQueue, tienDo: TienDo, now: Date): Promise<PortalOutboxEntry> {
  return save(t, progressEntry(await t.outbox('portal', { codes: [tienDo.MaHoSo] }), tienDo, now));
}

/** Whether the dossier has portal work not yet accepted. */
export async function hasOpenPortalWork(t: Pick<StoreTx, 'outbox'>, d: Pick<Dossier, 'code'>): Promise<boolean> {
  return (await t.outbox('portal', { codes: [d.code] })).some((e) => OPEN.includes(e.status));
}

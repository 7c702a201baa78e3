import type { Dossier } from '../domain/dossier/types.js';
import { fromPortalTime, toPortalTime, toVnIso } from '../domain/time.js';
import type { ActiveDb } from '../store/schema.js';
import type { OutboxError } from './outbox-error.js';
import type { TienDo } from './types.js';

/**
 * The persistent portal outbox (db.outbox entries with kind 'portal'). Commands queue work inside
 * their own transaction; `submit`/`sync` send it. Statuses: queued → sending → sent, or failed
 * (permanent, with the portal's message), or retry-scheduled (attempts, last error, next attempt),
 * or conflict (the portal holds another dossier under this code: nothing is sent until an operator
 * retries it; see docs/portal.md).
 */
export type PortalOutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'retry-scheduled' | 'cancelled' | 'conflict';

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
}

export function portalEntries(db: Pick<ActiveDb, 'outbox'>): PortalOutboxEntry[] {
  return db.outbox.filter((e) => e.kind === 'portal') as unknown as PortalOutboxEntry[];
}

const OPEN: readonly PortalOutboxStatus[] = ['queued', 'sending', 'retry-scheduled'];

function push(db: Pick<ActiveDb, 'outbox'>, e: PortalOutboxEntry): void {
  db.outbox.push(e as unknown as Record<string, unknown>);
}

/**
 * Ask for the dossier record (DongBoHoSoMC) to be sent: one open entry per dossier at a time; a
 * change while it is being sent marks it dirty so that the newest state goes out too. A code in
 * conflict stays blocked (its entry is returned untouched) unless `retryConflict` (an explicit
 * `submit CODE`) asks for the check to run again.
 */
export function queueDossierSync(db: Pick<ActiveDb, 'outbox'>, code: string, now: Date, o: { retryConflict?: boolean } = {}): PortalOutboxEntry {
  const conflict = portalEntries(db).find((e) => e.op === 'dongbo' && e.code === code && e.status === 'conflict');
  if (conflict) {
    if (o.retryConflict) {
      conflict.status = 'queued';
      conflict.nextAttemptAt = null;
      conflict.updatedAt = toVnIso(now);
    }
    return conflict;
  }
  const open = portalEntries(db).find((e) => e.op === 'dongbo' && e.code === code && OPEN.includes(e.status));
  if (open) {
    if (open.status === 'sending') open.dirty = true;
    open.updatedAt = toVnIso(now);
    return open;
  }
  // ids are unique: outcomes are recorded by id (two sends queued in one millisecond get a suffix)
  const base = `dongbo:${code}:${now.getTime().toString(36)}`;
  let id = base;
  for (let n = 2; portalEntries(db).some((x) => x.id === id); n++) id = `${base}-${n}`;
  const e: PortalOutboxEntry = {
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
  push(db, e);
  return e;
}

/**
 * Queue a progress entry (CapNhatTienDoHoSoMC); the same step twice is queued once. The portal
 * treats (MaHoSo, ThoiDiemXuLy, TrangThai) as the identity of an entry and times have whole
 * seconds, so a different step recorded in the same second moves to the next free second.
 */
export function queueProgress(db: Pick<ActiveDb, 'outbox'>, tienDo: TienDo, now: Date): PortalOutboxEntry {
  let t = tienDo;
  let id = `tiendo:${t.MaHoSo}:${t.ThoiDiemXuLy}:${t.TrangThai}`;
  for (let bump = 1; bump < 60; bump++) {
    const existing = portalEntries(db).find((e) => e.id === id);
    if (!existing) break;
    if (existing.tienDo?.NoiDungXuLy === t.NoiDungXuLy && existing.tienDo?.NguoiXuLy === t.NguoiXuLy) return existing;
    const at = fromPortalTime(tienDo.ThoiDiemXuLy);
    if (!at) break;
    t = { ...tienDo, ThoiDiemXuLy: toPortalTime(new Date(at.getTime() + bump * 1000)) };
    id = `tiendo:${t.MaHoSo}:${t.ThoiDiemXuLy}:${t.TrangThai}`;
  }
  const e: PortalOutboxEntry = { kind: 'portal', id, op: 'tiendo', code: t.MaHoSo, status: 'queued', attempts: 0, lastError: null, nextAttemptAt: null, createdAt: toVnIso(now), updatedAt: toVnIso(now), tienDo: t };
  push(db, e);
  return e;
}

/** Whether the dossier has portal work not yet accepted. */
export function hasOpenPortalWork(db: Pick<ActiveDb, 'outbox'>, d: Pick<Dossier, 'code'>): boolean {
  return portalEntries(db).some((e) => e.code === d.code && OPEN.includes(e.status));
}

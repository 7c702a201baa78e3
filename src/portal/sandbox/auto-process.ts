import { toPortalTime } from '../../domain/time.js';
import type { TrangThaiHoSo } from '../types.js';
import { fractionOf } from './http-util.js';
import type { SandboxState } from './state.js';

/**
 * --auto-process: the province "works" on accepted dossiers. A dossier received while the switch
 * was on moves 1/2 → 4 (Đang xử lý) after `delayMs`, then after another `delayMs` to 9 (Đã xử lý
 * xong), or to 5 (Yêu cầu bổ sung giấy tờ) for a stable share `supplementRate` of dossier codes.
 * Driven by the clock (not by one timer per dossier), so a restart carries on where it stopped.
 */
export interface AutoProcessOptions {
  delayMs: number;
  supplementRate: number;
}

export function nextAutoStatus(current: number, maHoSo: string, supplementRate: number): TrangThaiHoSo | undefined {
  if (current === 1 || current === 2) return 4;
  if (current === 4) return fractionOf(maHoSo) < supplementRate ? 5 : 9;
  return undefined;
}

/** Advance every due dossier by one step; returns how many changed (the caller saves). */
export function advanceDue(state: SandboxState, now: Date, opts: AutoProcessOptions): number {
  let n = 0;
  const nowMs = now.getTime();
  for (const r of state.records.values()) {
    if (!r.auto || nowMs - r.updatedAtMs < opts.delayMs) continue;
    const next = nextAutoStatus(r.hoSo.TrangThaiHoSo, r.hoSo.MaHoSo, opts.supplementRate);
    if (next === undefined) continue;
    r.hoSo = { ...r.hoSo, TrangThaiHoSo: next };
    r.NgayCapNhat = toPortalTime(now);
    r.updatedAtMs = nowMs;
    r.seq = state.nextSeq();
    n++;
  }
  return n;
}

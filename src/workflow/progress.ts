import { currentDueAt } from '../domain/dossier/summary.js';
import type { Dossier } from '../domain/dossier/types.js';
import { toPortalTime } from '../domain/time.js';
import type { TienDo, TrangThaiHoSo } from '../portal/types.js';

/** A CapNhatTienDoHoSoMC entry for a step taken now. */
export function progressEntry(d: Dossier, o: { at: Date; officer: string; title: string; department: string; content: string; status: number }): TienDo {
  return {
    MaHoSo: d.code,
    NguoiXuLy: o.officer,
    ChucDanh: o.title,
    ThoiDiemXuLy: toPortalTime(o.at),
    PhongBanXuLy: o.department,
    NoiDungXuLy: o.content,
    TrangThai: o.status as TrangThaiHoSo,
    NgayBatDau: toPortalTime(new Date(d.receivedAt)),
    NgayKetThucTheoQuyDinh: toPortalTime(new Date(currentDueAt(d))),
  };
}

import type { Profile } from '../config/profile.js';
import { derive } from '../domain/dossier/status.js';
import { currentDueAt } from '../domain/dossier/summary.js';
import type { Dossier } from '../domain/dossier/types.js';
import { formatVnDate, toPortalTime } from '../domain/time.js';
import { localToPortal } from './status-map.js';
import type { GiayToKetQua, HoSo, TaiLieuNop } from './types.js';

const CHANNEL = { 'in-person': 1, online: 2, postal: 3 } as const;
const DELIVERY = { counter: 1, post: 2 } as const;

/** "Bên nam: Lê Văn An, số định danh 068095001122, sinh 03/04/1995; Bên nữ: …" */
export function partiesNote(d: Dossier): string {
  return (d.parties ?? [])
    .map((p) => [`${p.label}: ${p.person.fullName}`, p.person.personalId ? `số định danh ${p.person.personalId}` : '', p.person.birthDate ? `sinh ${formatVnDate(p.person.birthDate)}` : ''].filter(Boolean).join(', '))
    .join('; ');
}

/** The DongBoHoSoMC record of a dossier as it stands (portal-api.md §3). */
export function buildHoSo(d: Dossier, profile: Profile, files: TaiLieuNop[], results: GiayToKetQua[] = []): HoSo {
  const s = derive(d);
  const returned = [...d.events].reverse().find((e) => e.type === 'result-returned');
  const dept = s.department ? profile.departments.find((x) => x.id === s.department)?.name ?? s.department : profile.commune.centreName;
  const rec: HoSo = {
    MaHoSo: d.code,
    MaTTHC: d.procedure.code,
    TenTTHC: d.procedure.name,
    TenLinhVuc: d.procedure.field,
    ChuHoSo: d.applicant.fullName,
    LoaiDoiTuong: 1,
    MaDoiTuong: d.applicant.personalId ?? '',
    TrichYeuHoSo: `${d.procedure.name} - ${d.parties?.length ? d.parties.map((p) => p.person.fullName).join(', ') : d.applicant.fullName}`,
    NgayTiepNhan: toPortalTime(new Date(d.receivedAt)),
    NgayHenTra: toPortalTime(new Date(currentDueAt(d))),
    TrangThaiHoSo: localToPortal(s.status) as HoSo['TrangThaiHoSo'],
    KenhThucHien: CHANNEL[d.channel],
    HinhThucTraKetQua: DELIVERY[d.delivery.method],
    DonViXuLy: dept,
    TaiLieuNop: files,
  };
  if (d.applicant.phone) rec.SoDienThoai = d.applicant.phone;
  if (d.applicant.email) rec.Email = d.applicant.email;
  if (returned) rec.NgayTra = toPortalTime(new Date(returned.at));
  if (results.length) rec.DanhSachGiayToKetQua = results;
  // HoSo has no field for the parties (portal-api.md §3): they go in GhiChu, the optional note
  if (d.parties?.length) rec.GhiChu = partiesNote(d);
  return rec;
}

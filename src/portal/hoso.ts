import type { Profile } from '../config/profile.js';
import { applicantOrganisation } from '../domain/applicant-kind.js';
import { amendedView } from '../domain/dossier/amend.js';
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

/**
 * An organisation's dossier (issue 12): HoSo has no field for the tax code, and MaDoiTuong is a
 * 12-digit personal number (portal-api.md §3), so the tax code and the person acting for the
 * organisation go in GhiChu: "Tổ chức: Hội …, mã số thuế 3401234567; người đại diện: Lê Văn An".
 */
export function organisationNote(d: Dossier): string {
  const o = applicantOrganisation(d);
  if (!o) return '';
  return [`Tổ chức: ${o.name}`, o.taxCode ? `mã số thuế ${o.taxCode}` : '', o.address ? `địa chỉ ${o.address}` : ''].filter(Boolean).join(', ') + `; người đại diện: ${d.applicant.fullName}`;
}

/** The DongBoHoSoMC record of a dossier as it stands (portal-api.md §3). */
export function buildHoSo(received: Dossier, profile: Profile, files: TaiLieuNop[], results: GiayToKetQua[] = []): HoSo {
  const d = amendedView(received); // corrections (gov-desk amend) go to the portal too
  const org = applicantOrganisation(d);
  const s = derive(d);
  const returned = [...d.events].reverse().find((e) => e.type === 'result-returned');
  const dept = s.department ? profile.departments.find((x) => x.id === s.department)?.name ?? s.department : profile.commune.centreName;
  const rec: HoSo = {
    MaHoSo: d.code,
    MaTTHC: d.procedure.code,
    TenTTHC: d.procedure.name,
    TenLinhVuc: d.procedure.field,
    // an organisation is the ChuHoSo (LoaiDoiTuong 2); MaDoiTuong stays the acting person's number
    ChuHoSo: org ? org.name : d.applicant.fullName,
    LoaiDoiTuong: org ? 2 : 1,
    MaDoiTuong: d.applicant.personalId ?? '',
    TrichYeuHoSo: `${d.procedure.name} - ${d.parties?.length ? d.parties.map((p) => p.person.fullName).join(', ') : org ? org.name : d.applicant.fullName}`,
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
  const note = [organisationNote(d), d.parties?.length ? partiesNote(d) : ''].filter(Boolean).join('; ');
  if (note) rec.GhiChu = note;
  return rec;
}

/** The fields that say which dossier a record is: the procedure, the applicant's number, the second of receipt. */
const IDENTITY = ['MaTTHC', 'MaDoiTuong', 'NgayTiepNhan'] as const;

/**
 * The identity fields in which a record stored on the portal differs from this dossier's record
 * (empty: the stored record is this dossier, e.g. our own create whose answer was lost). Any
 * difference means another dossier was given the same code (a restore of an older backup, two
 * desks with the same agency code): a conflict, never an update.
 */
export function identityDiff(stored: Pick<HoSo, (typeof IDENTITY)[number]>, ours: Pick<HoSo, (typeof IDENTITY)[number]>): string[] {
  return IDENTITY.filter((k) => String(stored[k] ?? '').normalize('NFC') !== String(ours[k] ?? '').normalize('NFC'));
}

/**
 * Shapes of the provincial one-stop system API (/work/shared/portal-api.md). Field names are the
 * contract's, exactly; timestamps are `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh (see toPortalTime).
 */

/** `yyyyMMddHHmmss`, Asia/Ho_Chi_Minh. */
export type PortalTime = string;

/** TrangThaiHoSo: 1 Mới đăng ký … 10 Đã trả kết quả. */
export type TrangThaiHoSo = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export const TRANG_THAI_LABELS: Readonly<Record<TrangThaiHoSo, string>> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

export function isTrangThai(n: unknown): n is TrangThaiHoSo {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 10;
}

export interface TaiLieuNop {
  /** An IdTepTin returned by POST /files. */
  TepDinhKemId: string;
  TenTepDinhKem: string;
  MaThanhPhanHoSo: string;
}

export interface LePhi {
  TenPhiLePhi: string;
  Gia: number;
}

export interface GiayToKetQua {
  TenGiayTo: string;
  GiayToId: string;
}

/** One dossier record of DongBoHoSoMC. */
export interface HoSo {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc?: string;
  TenLinhVuc: string;
  ChuHoSo: string;
  /** 1 citizen, 2 organisation. */
  LoaiDoiTuong: 1 | 2;
  /** Personal identification number, 12 digits (a string: leading zeros). */
  MaDoiTuong: string;
  /** At least one of SoDienThoai and Email. */
  SoDienThoai?: string;
  Email?: string;
  TrichYeuHoSo: string;
  NgayTiepNhan: PortalTime;
  NgayHenTra: PortalTime;
  NgayTra?: PortalTime;
  TrangThaiHoSo: TrangThaiHoSo;
  /** 1 in person, 2 online, 3 public postal service. */
  KenhThucHien: 1 | 2 | 3;
  /** 1 at the counter, 2 by public postal service, 3 online. */
  HinhThucTraKetQua: 1 | 2 | 3;
  DonViXuLy: string;
  TaiLieuNop: TaiLieuNop[];
  DanhSachLePhi?: LePhi[];
  DanhSachGiayToKetQua?: GiayToKetQua[];
  GhiChu?: string;
}

/** One progress entry of CapNhatTienDoHoSoMC. */
export interface TienDo {
  MaHoSo: string;
  NguoiXuLy: string;
  ChucDanh: string;
  ThoiDiemXuLy: PortalTime;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  TrangThai: TrangThaiHoSo;
  NgayBatDau: PortalTime;
  NgayKetThucTheoQuyDinh: PortalTime;
}

/** Per-record result of DongBoHoSoMC: 0 accepted, 2 exists, 3 unknown, 4 invalid (message names the field). */
export interface SyncResult {
  MaHoSo: string;
  error_code: number;
  message: string;
}

/** GET /hoso/{MaHoSo}. */
export type HoSoLookup = HoSo & { NgayCapNhat: PortalTime; TienDo: TienDo[] };

export interface ChangeEntry {
  MaHoSo: string;
  TrangThaiHoSo: number;
  NgayCapNhat: PortalTime;
}

/** GET /hoso?capNhatTu=…&trang=…&soLuong=… */
export interface ChangesPage {
  tongSo: number;
  trang: number;
  data: ChangeEntry[];
}

export interface UploadResult {
  IdTepTin: string;
  HashTepTin: string;
  KichThuoc: number;
}

/** Limits of the contract. */
export const MAX_BATCH = 50;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_PAGE_SIZE = 100;
export const RATE_LIMIT_PER_SECOND = 20;

/** Error codes used in error bodies `{error_code, message}`. */
export const PORTAL_ERROR = {
  ok: 0,
  exists: 2,
  unknown: 3,
  invalid: 4,
  authen: 100,
  notFound: 404,
  tooLarge: 413,
  unsupportedType: 415,
  rateLimited: 429,
  server: 500,
} as const;

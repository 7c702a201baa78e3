import { fromPortalTime } from '../../domain/time.js';
import type { GiayToKetQua, HoSo, LePhi, TaiLieuNop, TienDo, TrangThaiHoSo } from '../types.js';

/**
 * Checks of the contract's records (portal-api.md §3, §4). A failure names the field, e.g.
 * `MaDoiTuong: must be 12 digits`: that text is the per-record `message` of error_code 4.
 * A valid record comes back normalised (NFC strings, contract field order, optional fields only
 * when present) so that "identical to the stored record" is a plain comparison.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

class Invalid extends Error {}

type Raw = Record<string, unknown>;

const fail = (field: string, problem: string): never => {
  throw new Invalid(`${field}: ${problem}`);
};

function isRaw(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Raw, key: string, field = key, opts: { optional?: boolean; max?: number } = {}): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    if (opts.optional) return undefined;
    return fail(field, 'required');
  }
  if (typeof v !== 'string') return fail(field, 'must be a string');
  const s = v.normalize('NFC').trim();
  if (!s) return opts.optional ? undefined : fail(field, 'must not be empty');
  if (s.length > (opts.max ?? 2000)) fail(field, `longer than ${opts.max ?? 2000} characters`);
  return s;
}

function req(o: Raw, key: string, field = key, max?: number): string {
  return str(o, key, field, max === undefined ? {} : { max })!;
}

function time(o: Raw, key: string, field = key, optional = false): string | undefined {
  const s = str(o, key, field, { optional });
  if (s === undefined) return undefined;
  if (!/^\d{14}$/.test(s) || fromPortalTime(s) === undefined) fail(field, 'must be a date-time yyyyMMddHHmmss');
  return s;
}

function code<T extends number>(o: Raw, key: string, allowed: readonly T[], field = key): T {
  const v = o[key];
  if (v === undefined || v === null) return fail(field, 'required');
  if (typeof v !== 'number' || !allowed.includes(v as T)) return fail(field, `must be one of ${allowed.join(', ')}`);
  return v as T;
}

function list(o: Raw, key: string, optional: boolean): unknown[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return optional ? undefined : fail(key, 'required');
  if (!Array.isArray(v)) return fail(key, 'must be a list');
  if (v.length > 500) fail(key, 'more than 500 entries');
  return v;
}

const STATUS_CODES: readonly TrangThaiHoSo[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Validate one DongBoHoSoMC record. `fileOwner(id)` is the MaHoSo a file was uploaded for. */
export function checkHoSo(raw: unknown, fileOwner: (id: string) => string | undefined): Checked<HoSo> {
  try {
    if (!isRaw(raw)) fail('data[]', 'must be an object');
    const o = raw as Raw;
    const MaHoSo = req(o, 'MaHoSo', 'MaHoSo', 100);
    const h: HoSo = {
      MaHoSo,
      MaTTHC: req(o, 'MaTTHC', 'MaTTHC', 100),
      TenTTHC: req(o, 'TenTTHC'),
      ...opt('MaLinhVuc', str(o, 'MaLinhVuc', 'MaLinhVuc', { optional: true, max: 100 })),
      TenLinhVuc: req(o, 'TenLinhVuc'),
      ChuHoSo: req(o, 'ChuHoSo', 'ChuHoSo', 200),
      LoaiDoiTuong: code(o, 'LoaiDoiTuong', [1, 2] as const),
      MaDoiTuong: req(o, 'MaDoiTuong'),
      ...opt('SoDienThoai', str(o, 'SoDienThoai', 'SoDienThoai', { optional: true, max: 20 })),
      ...opt('Email', str(o, 'Email', 'Email', { optional: true, max: 254 })),
      TrichYeuHoSo: req(o, 'TrichYeuHoSo'),
      NgayTiepNhan: time(o, 'NgayTiepNhan')!,
      NgayHenTra: time(o, 'NgayHenTra')!,
      ...opt('NgayTra', time(o, 'NgayTra', 'NgayTra', true)),
      TrangThaiHoSo: code(o, 'TrangThaiHoSo', STATUS_CODES),
      KenhThucHien: code(o, 'KenhThucHien', [1, 2, 3] as const),
      HinhThucTraKetQua: code(o, 'HinhThucTraKetQua', [1, 2, 3] as const),
      DonViXuLy: req(o, 'DonViXuLy'),
      TaiLieuNop: [],
    };
    if (!/^\d{12}$/.test(h.MaDoiTuong)) fail('MaDoiTuong', 'must be 12 digits');
    if (h.SoDienThoai === undefined && h.Email === undefined) fail('SoDienThoai', 'SoDienThoai or Email is required');
    if (h.SoDienThoai !== undefined && !/^\+?\d{8,15}$/.test(h.SoDienThoai)) fail('SoDienThoai', 'must be a phone number (digits)');
    if (h.Email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(h.Email)) fail('Email', 'must be an e-mail address');
    if (h.NgayHenTra < h.NgayTiepNhan) fail('NgayHenTra', 'before NgayTiepNhan');
    h.TaiLieuNop = list(o, 'TaiLieuNop', false)!.map((item, i): TaiLieuNop => {
      const f = `TaiLieuNop[${i}]`;
      if (!isRaw(item)) return fail(f, 'must be an object');
      const t: TaiLieuNop = {
        TepDinhKemId: req(item, 'TepDinhKemId', `${f}.TepDinhKemId`),
        TenTepDinhKem: req(item, 'TenTepDinhKem', `${f}.TenTepDinhKem`),
        MaThanhPhanHoSo: req(item, 'MaThanhPhanHoSo', `${f}.MaThanhPhanHoSo`),
      };
      const owner = fileOwner(t.TepDinhKemId);
      if (owner === undefined) fail(`${f}.TepDinhKemId`, 'unknown file id (upload it with POST /files first)');
      if (owner !== MaHoSo) fail(`${f}.TepDinhKemId`, `file was uploaded for dossier ${owner}`);
      return t;
    });
    const fees = list(o, 'DanhSachLePhi', true);
    if (fees) {
      h.DanhSachLePhi = fees.map((item, i): LePhi => {
        const f = `DanhSachLePhi[${i}]`;
        if (!isRaw(item)) return fail(f, 'must be an object');
        const Gia = item.Gia;
        if (typeof Gia !== 'number' || !Number.isFinite(Gia) || Gia < 0) fail(`${f}.Gia`, 'must be a non-negative amount');
        return { TenPhiLePhi: req(item, 'TenPhiLePhi', `${f}.TenPhiLePhi`), Gia: Gia as number };
      });
    }
    const results = list(o, 'DanhSachGiayToKetQua', true);
    if (results) {
      h.DanhSachGiayToKetQua = results.map((item, i): GiayToKetQua => {
        const f = `DanhSachGiayToKetQua[${i}]`;
        if (!isRaw(item)) return fail(f, 'must be an object');
        return { TenGiayTo: req(item, 'TenGiayTo', `${f}.TenGiayTo`), GiayToId: req(item, 'GiayToId', `${f}.GiayToId`) };
      });
    }
    const note = str(o, 'GhiChu', 'GhiChu', { optional: true });
    if (note !== undefined) h.GhiChu = note;
    return { ok: true, value: h };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, message: e.message };
    throw e;
  }
}

function opt<K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, V>);
}

/** Validate one CapNhatTienDoHoSoMC entry. */
export function checkTienDo(raw: unknown, index: number): Checked<TienDo> {
  const at = `data[${index}]`;
  try {
    if (!isRaw(raw)) fail(at, 'must be an object');
    const o = raw as Raw;
    return {
      ok: true,
      value: {
        MaHoSo: req(o, 'MaHoSo', `${at}.MaHoSo`, 100),
        NguoiXuLy: req(o, 'NguoiXuLy', `${at}.NguoiXuLy`),
        ChucDanh: req(o, 'ChucDanh', `${at}.ChucDanh`),
        ThoiDiemXuLy: time(o, 'ThoiDiemXuLy', `${at}.ThoiDiemXuLy`)!,
        PhongBanXuLy: req(o, 'PhongBanXuLy', `${at}.PhongBanXuLy`),
        NoiDungXuLy: req(o, 'NoiDungXuLy', `${at}.NoiDungXuLy`),
        TrangThai: code(o, 'TrangThai', STATUS_CODES, `${at}.TrangThai`),
        NgayBatDau: time(o, 'NgayBatDau', `${at}.NgayBatDau`)!,
        NgayKetThucTheoQuyDinh: time(o, 'NgayKetThucTheoQuyDinh', `${at}.NgayKetThucTheoQuyDinh`)!,
      },
    };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, message: e.message };
    throw e;
  }
}

/** Records compare equal when their normalised forms serialise the same. */
export function sameRecord(a: HoSo, b: HoSo): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

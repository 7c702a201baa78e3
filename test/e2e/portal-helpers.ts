import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PortalClient, type PortalClientOptions } from '../../src/portal/client.js';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../src/portal/sandbox/server.js';
import type { HoSo, TienDo } from '../../src/portal/types.js';

/** Shared pieces of the portal tests: fictitious records, a pinned clock, a sandbox + client pair. */

export function tempDir(prefix = 'gov-desk-portal-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A clock the test moves by hand. */
export function fakeClock(start = '2026-03-02T02:00:00Z'): { now: () => Date; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

/** A valid record for a fictitious applicant; `files` are IdTepTin values uploaded for `code`. */
export function hoSo(code: string, over: Partial<HoSo> = {}, files: string[] = []): HoSo {
  return {
    MaHoSo: code,
    MaTTHC: '1.001193',
    TenTTHC: 'Thủ tục đăng ký khai sinh',
    MaLinhVuc: 'HT',
    TenLinhVuc: 'Hộ tịch',
    ChuHoSo: 'Nguyễn Thị Thử',
    LoaiDoiTuong: 1,
    MaDoiTuong: '001190000001',
    SoDienThoai: '0912000001',
    TrichYeuHoSo: 'Đăng ký khai sinh cho con',
    NgayTiepNhan: '20260302090000',
    NgayHenTra: '20260303090000',
    TrangThaiHoSo: 2,
    KenhThucHien: 1,
    HinhThucTraKetQua: 1,
    DonViXuLy: 'Trung tâm Phục vụ hành chính công xã Suối Kiết',
    TaiLieuNop: files.map((id, i) => ({ TepDinhKemId: id, TenTepDinhKem: `giay-to-${i + 1}.pdf`, MaThanhPhanHoSo: `TP${i + 1}` })),
    ...over,
  };
}

export function tienDo(code: string, at: string, status: TienDo['TrangThai'] = 4): TienDo {
  return {
    MaHoSo: code,
    NguoiXuLy: 'Trần Văn Mẫu',
    ChucDanh: 'Công chức Tư pháp - Hộ tịch',
    ThoiDiemXuLy: at,
    PhongBanXuLy: 'Văn phòng HĐND và UBND',
    NoiDungXuLy: 'Chuyển hồ sơ cho công chức chuyên môn',
    TrangThai: status,
    NgayBatDau: '20260302090000',
    NgayKetThucTheoQuyDinh: '20260303090000',
  };
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of a png')]);

/** Sleeps that do not wait (and optionally move a fake clock); every call is recorded. */
export function fakeSleep(clock?: { advance(ms: number): void }): { sleep: (ms: number) => Promise<void>; calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    sleep: async (ms: number) => {
      calls.push(ms);
      clock?.advance(ms);
    },
  };
}

export async function sandboxAndClient(
  sbOpts: Partial<SandboxOptions> = {},
  clientOpts: PortalClientOptions & { maxAttempts?: number; timeoutMs?: number } = {},
): Promise<{ sb: SandboxHandle; client: PortalClient; dataDir: string }> {
  const dataDir = sbOpts.dataDir ?? tempDir();
  const sb = await startSandbox({ port: 0, ...sbOpts, dataDir });
  const { maxAttempts, timeoutMs, ...rest } = clientOpts;
  const client = new PortalClient(
    { baseUrl: sb.url, clientId: sb.clientId, clientSecret: sb.clientSecret, maxAttempts: maxAttempts ?? 5, timeoutMs: timeoutMs ?? 5000 },
    { sleep: async () => undefined, ...rest },
  );
  return { sb, client, dataDir };
}

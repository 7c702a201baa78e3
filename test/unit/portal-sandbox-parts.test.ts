import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileMultipart } from '../../src/portal/multipart-body.js';
import { nextAutoStatus } from '../../src/portal/sandbox/auto-process.js';
import { RateLimiter, fractionOf, seededRandom } from '../../src/portal/sandbox/http-util.js';
import { boundaryOf, parseDisposition, parseMultipart } from '../../src/portal/sandbox/multipart.js';
import { checkHoSo, checkTienDo } from '../../src/portal/sandbox/validate.js';
import { sniffFileType } from '../../src/portal/sniff.js';
import { hoSo, tienDo } from '../e2e/portal-helpers.js';

describe('multipart', () => {
  it('round-trips what the client builds, any bytes and names', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 24 }), (bytes, name, token) => {
        const mp = fileMultipart(name, 'application/pdf', Buffer.from(bytes), token);
        const b = boundaryOf(mp.contentType);
        expect(b).toBeDefined();
        const r = parseMultipart(mp.body, b!);
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(Buffer.compare(r.file.bytes, Buffer.from(bytes))).toBe(0);
          expect(r.file.filename).toBe(name.normalize('NFC'));
        }
      }),
    );
  });

  it('keeps a Vietnamese file name through filename*', () => {
    const mp = fileMultipart('Tờ khai khai sinh.pdf', 'application/pdf', Buffer.from('%PDF-'), 'abc123');
    const r = parseMultipart(mp.body, boundaryOf(mp.contentType)!);
    expect(r.ok && r.file.filename).toBe('Tờ khai khai sinh.pdf');
  });

  it('refuses broken bodies with a problem naming "file"', () => {
    const cases = ['', '--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc', '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nabc\r\n--b--', '--b\r\nno headers end\r\n--b--'];
    for (const c of cases) {
      const r = parseMultipart(Buffer.from(c), 'b');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem).toMatch(/^file:/);
    }
    const many = `${Array.from({ length: 12 }, (_, i) => `--b\r\nContent-Disposition: form-data; name="p${i}"\r\n\r\nx\r\n`).join('')}--b--\r\n`;
    expect(parseMultipart(Buffer.from(many), 'b')).toMatchObject({ ok: false, problem: expect.stringContaining('parts') });
  });

  it('reads boundaries and dispositions', () => {
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(boundaryOf('multipart/form-data;boundary=xyz')).toBe('xyz');
    expect(boundaryOf('application/json')).toBeUndefined();
    expect(boundaryOf(undefined)).toBeUndefined();
    const d = parseDisposition(`form-data; name="file"; filename="a.pdf"; filename*=UTF-8''T%E1%BB%9D.pdf`);
    expect(d.type).toBe('form-data');
    expect(d.params.get('filename*')).toBe('Tờ.pdf');
  });
});

describe('content sniffing', () => {
  it('PDF, JPEG and PNG by their first bytes only', () => {
    expect(sniffFileType(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
    expect(sniffFileType(Buffer.from('%PDF'))).toBeUndefined();
    expect(sniffFileType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffFileType(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('record validation (error_code 4 names the field)', () => {
  const owner = (id: string): string | undefined => (id === 'f1' ? 'V-1' : undefined);

  it('accepts a complete record and normalises it', () => {
    const r = checkHoSo({ ...hoSo('V-1', {}, ['f1']), ChuHoSo: 'Nguyễn Thị Thử'.normalize('NFD'), Extra: 'dropped' }, owner);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.ChuHoSo).toBe('Nguyễn Thị Thử'.normalize('NFC'));
      expect(r.value).not.toHaveProperty('Extra');
    }
  });

  it.each([
    ['MaHoSo', { MaHoSo: '' }],
    ['MaTTHC', { MaTTHC: undefined }],
    ['LoaiDoiTuong', { LoaiDoiTuong: 3 }],
    ['MaDoiTuong', { MaDoiTuong: '00119000000' }],
    ['MaDoiTuong', { MaDoiTuong: 1190000001 }],
    ['SoDienThoai', { SoDienThoai: undefined, Email: undefined }],
    ['Email', { Email: 'not-an-address' }],
    ['NgayTiepNhan', { NgayTiepNhan: '2026-03-02' }],
    ['NgayHenTra', { NgayHenTra: '20260230090000' }],
    ['NgayHenTra', { NgayHenTra: '20260301090000' }],
    ['TrangThaiHoSo', { TrangThaiHoSo: 11 }],
    ['KenhThucHien', { KenhThucHien: 0 }],
    ['HinhThucTraKetQua', { HinhThucTraKetQua: '1' }],
    ['DonViXuLy', { DonViXuLy: '   ' }],
    ['TaiLieuNop', { TaiLieuNop: 'x' }],
    ['TaiLieuNop[0].TepDinhKemId', { TaiLieuNop: [{ TepDinhKemId: 'nope', TenTepDinhKem: 'a', MaThanhPhanHoSo: 'b' }] }],
    ['DanhSachLePhi[0].Gia', { DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', Gia: -1 }] }],
    ['DanhSachGiayToKetQua[0].GiayToId', { DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy khai sinh' }] }],
  ])('%s', (field, over) => {
    const r = checkHoSo({ ...hoSo('V-1'), ...over }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.startsWith(`${field}:`)).toBe(true);
  });

  it('a file of another dossier is refused', () => {
    const r = checkHoSo(hoSo('V-2', {}, ['f1']), owner);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('V-1') });
  });

  it('progress entries', () => {
    expect(checkTienDo(tienDo('V-1', '20260302100000'), 0).ok).toBe(true);
    expect(checkTienDo({ ...tienDo('V-1', '20260302100000'), TrangThai: 0 }, 2)).toMatchObject({ ok: false, message: expect.stringMatching(/^data\[2\]\.TrangThai:/) });
    expect(checkTienDo(null, 0)).toMatchObject({ ok: false });
  });
});

describe('rate limit, auto-process, randomness', () => {
  it('allows `limit` requests in any one-second window, then says how long to wait', () => {
    const rl = new RateLimiter(3);
    expect([rl.check('a', 0), rl.check('a', 100), rl.check('a', 200)]).toEqual([0, 0, 0]);
    expect(rl.check('a', 300)).toBe(1);
    expect(rl.check('b', 300)).toBe(0); // per client
    expect(rl.check('a', 1000)).toBe(0); // the first hit left the window
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 200 }), (times) => {
        const r = new RateLimiter(20);
        const allowed = [...times].sort((x, y) => x - y).filter((t) => r.check('k', t) === 0);
        for (let i = 20; i < allowed.length; i++) expect(allowed[i]! - allowed[i - 20]!).toBeGreaterThanOrEqual(1000);
      }),
    );
  });

  it('auto-process goes 1/2 → 4 → 9 or 5 and stops there', () => {
    expect(nextAutoStatus(1, 'X', 0.2)).toBe(4);
    expect(nextAutoStatus(2, 'X', 0.2)).toBe(4);
    expect(nextAutoStatus(4, 'X', 0)).toBe(9);
    expect(nextAutoStatus(4, 'X', 1)).toBe(5);
    for (const s of [3, 5, 6, 7, 8, 9, 10]) expect(nextAutoStatus(s, 'X', 0.5)).toBeUndefined();
  });

  it('seeded randomness replays and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    fc.assert(fc.property(fc.string(), (s) => fractionOf(s) >= 0 && fractionOf(s) < 1));
  });
});

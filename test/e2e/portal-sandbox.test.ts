import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PortalClient, PortalError } from '../../src/portal/client.js';
import { type SandboxHandle, startSandbox } from '../../src/portal/sandbox/server.js';
import { MAX_FILE_BYTES } from '../../src/portal/types.js';
import { PDF, PNG, fakeClock, fakeSleep, hoSo, sandboxAndClient, tempDir, tienDo } from './portal-helpers.js';

const open: SandboxHandle[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function setup(...a: Parameters<typeof sandboxAndClient>) {
  const r = await sandboxAndClient(...a);
  open.push(r.sb);
  return r;
}

/** A raw request (for what the client refuses to send). */
function raw(url: string, opts: { method: string; path: string; headers?: Record<string, string | number>; body?: Buffer }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${opts.path}`, { method: opts.method, headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function token(sb: SandboxHandle): Promise<string> {
  const r = await raw(sb.url, { method: 'POST', path: '/oauth/token', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: Buffer.from(`grant_type=client_credentials&client_id=${sb.clientId}&client_secret=${sb.clientSecret}`) });
  return (JSON.parse(r.body) as { access_token: string }).access_token;
}

describe('portal sandbox: token', () => {
  it('issues a Bearer token for the configured credentials and refuses others with 401 / 100', async () => {
    const { sb } = await setup({ tokenTtlS: 120 });
    const ok = await raw(sb.url, { method: 'POST', path: '/oauth/token', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: Buffer.from('grant_type=client_credentials&client_id=sandbox&client_secret=sandbox-secret') });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ token_type: 'Bearer', expires_in: 120 });
    const bad = await raw(sb.url, { method: 'POST', path: '/oauth/token', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: Buffer.from('grant_type=client_credentials&client_id=sandbox&client_secret=wrong') });
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.body)).toEqual({ error_code: 100, message: 'AUTHEN_ERROR' });
    const noToken = await raw(sb.url, { method: 'GET', path: '/hoso/X' });
    expect(noToken.status).toBe(401);
  });

  it('the client reports refused credentials as a permanent PORTAL_AUTH', async () => {
    const { sb } = await setup();
    const c = new PortalClient({ baseUrl: sb.url, clientId: 'sandbox', clientSecret: 'nope' }, { sleep: async () => undefined });
    await expect(c.lookup('X')).rejects.toMatchObject({ code: 'PORTAL_AUTH', transient: false, status: 401, portalCode: 100 });
  });

  it('401 on an expired token: the client gets a new token once and repeats the call', async () => {
    const clock = fakeClock();
    const clientClock = fakeClock(); // never moves: the client believes its token is still valid
    const { sb, client } = await setup({ tokenTtlS: 1, clock: clock.now }, { now: clientClock.now });
    await client.syncDossiers([hoSo('T-1')], false);
    expect(sb.stats().tokensIssued).toBe(1);
    clock.advance(5_000); // the server's clock: the token expired
    expect(await client.lookup('T-1')).toMatchObject({ MaHoSo: 'T-1' });
    expect(sb.stats().tokensIssued).toBe(2);
    expect(sb.stats().byRoute.lookup).toBe(2); // the 401, then the repeat
  });
});

describe('portal sandbox: files', () => {
  it('uploads by content, idempotently: same bytes and dossier → same IdTepTin; the hash is checked', async () => {
    const { sb, client, dataDir } = await setup();
    const a = await client.uploadFile('F-1', { name: 'Tờ khai.pdf', bytes: PDF });
    const b = await client.uploadFile('F-1', { name: 'another-name.pdf', bytes: PDF });
    expect(a).toEqual(b);
    expect(a.HashTepTin).toBe(createHash('sha256').update(PDF).digest('hex'));
    expect(a.KichThuoc).toBe(PDF.length);
    const other = await client.uploadFile('F-2', { name: 'x.pdf', bytes: PDF });
    expect(other.IdTepTin).not.toBe(a.IdTepTin);
    const png = await client.uploadFile('F-1', { name: 'scan.pdf', bytes: PNG }); // name says pdf, content is png: fine
    expect(png.IdTepTin).not.toBe(a.IdTepTin);
    expect(readFileSync(path.join(dataDir, 'files', a.IdTepTin)).equals(PDF)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(path.join(dataDir, 'files', a.IdTepTin)).mode & 0o077).toBe(0);
    expect(sb.stats().byRoute.files).toBe(4);
  });

  it('415 for content that is not PDF, JPEG or PNG, whatever the name', async () => {
    const { client } = await setup();
    const err = await client.uploadFile('F-1', { name: 'fake.pdf', bytes: Buffer.from('GIF89a not allowed') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortalError);
    expect(err).toMatchObject({ code: 'PORTAL_FILE_TYPE', status: 415, transient: false });
  });

  it('413 over 10 MiB: refused by the server without reading the body, and by the client before sending', async () => {
    const { sb, client } = await setup();
    const t = await token(sb);
    const r = await raw(sb.url, {
      method: 'POST',
      path: '/files',
      headers: { Authorization: `Bearer ${t}`, 'X-MaHoSo': 'F-1', 'Content-Type': 'multipart/form-data; boundary=xyz', 'Content-Length': MAX_FILE_BYTES + 200_000 },
    }).catch((e: unknown) => e);
    expect(r).toMatchObject({ status: 413 });
    expect(JSON.parse((r as { body: string }).body)).toMatchObject({ error_code: 413 });
    // streamed without a length: the server stops at the limit and answers 413
    const big = Buffer.alloc(MAX_FILE_BYTES + 1, 0x41);
    big.write('%PDF-');
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${sb.url}/files`, { method: 'POST', headers: { Authorization: `Bearer ${t}`, 'X-MaHoSo': 'F-1', 'Content-Type': 'multipart/form-data; boundary=xyz', 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'));
      req.end(Buffer.concat([big, Buffer.from('\r\n--xyz--\r\n')]));
    });
    expect(streamed).toBe(413);
    await expect(client.uploadFile('F-1', { name: 'big.pdf', bytes: big })).rejects.toMatchObject({ code: 'PORTAL_FILE_TOO_LARGE' });
  });

  it('a multipart body without a part named "file" is error 4', async () => {
    const { sb } = await setup();
    const t = await token(sb);
    const r = await raw(sb.url, { method: 'POST', path: '/files', headers: { Authorization: `Bearer ${t}`, 'X-MaHoSo': 'F-1', 'Content-Type': 'multipart/form-data; boundary=b' }, body: Buffer.from('--b\r\nContent-Disposition: form-data; name="other"\r\n\r\n%PDF-\r\n--b--\r\n') });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ error_code: 4, message: expect.stringContaining('file') });
  });
});

describe('portal sandbox: DongBoHoSoMC', () => {
  it('answers per record: 0 accepted, 2 exists (0 if identical), 3 unknown on update, 4 invalid naming the field', async () => {
    const { client } = await setup();
    const file = await client.uploadFile('S-1', { name: 'a.pdf', bytes: PDF });
    const first = await client.syncDossiers([hoSo('S-1', {}, [file.IdTepTin]), hoSo('S-2'), hoSo('S-3', { MaDoiTuong: '12345' }), hoSo('S-4', { SoDienThoai: undefined, Email: undefined })], false);
    expect(first.map((r) => r.error_code)).toEqual([0, 0, 4, 4]);
    expect(first[2]!.message).toMatch(/^MaDoiTuong:/);
    expect(first[3]!.message).toMatch(/SoDienThoai/);
    const again = await client.syncDossiers([hoSo('S-1', {}, [file.IdTepTin]), hoSo('S-2', { GhiChu: 'khác' })], false);
    expect(again.map((r) => r.error_code)).toEqual([0, 2]);
    const upd = await client.syncDossiers([hoSo('S-2', { TrangThaiHoSo: 4 }), hoSo('S-9')], true);
    expect(upd.map((r) => r.error_code)).toEqual([0, 3]);
    expect((await client.lookup('S-2'))!.TrangThaiHoSo).toBe(4);
    const badFile = await client.syncDossiers([hoSo('S-5', {}, ['no-such-file'])], false);
    expect(badFile[0]).toMatchObject({ error_code: 4, message: expect.stringMatching(/^TaiLieuNop\[0\]\.TepDinhKemId/) });
    const wrongOwner = await client.syncDossiers([hoSo('S-6', {}, [file.IdTepTin])], false);
    expect(wrongOwner[0]!.error_code).toBe(4);
  });

  it('refuses a batch over 50 in the client, and the server answers 400 / 4 to one sent anyway', async () => {
    const { sb, client } = await setup();
    const records = Array.from({ length: 51 }, (_, i) => hoSo(`B-${i}`));
    await expect(client.syncDossiers(records, false)).rejects.toMatchObject({ code: 'PORTAL_BAD_ARGUMENT' });
    const t = await token(sb);
    const r = await raw(sb.url, { method: 'POST', path: '/hoso/dongbo', headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify({ service: 'DongBoHoSoMC', isUpdating: false, data: records })) });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ error_code: 4, message: expect.stringContaining('data') });
    expect((await client.syncDossiers(records.slice(0, 50), false)).every((x) => x.error_code === 0)).toBe(true);
  });

  it('stores NFC text even when the client sends NFD', async () => {
    const { sb } = await setup();
    const t = await token(sb);
    const nfd = hoSo('N-1', { ChuHoSo: 'Nguyễn Thị Thử'.normalize('NFD') });
    await raw(sb.url, { method: 'POST', path: '/hoso/dongbo', headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify({ service: 'DongBoHoSoMC', isUpdating: false, data: [nfd] })) });
    const r = await raw(sb.url, { method: 'GET', path: '/hoso/N-1', headers: { Authorization: `Bearer ${t}` } });
    expect((JSON.parse(r.body) as { ChuHoSo: string }).ChuHoSo).toBe('Nguyễn Thị Thử'.normalize('NFC'));
  });
});

describe('portal sandbox: progress, look-up, changes', () => {
  it('progress entries are idempotent and show in the look-up; unknown dossiers are null', async () => {
    const { client } = await setup();
    await client.syncDossiers([hoSo('P-1')], false);
    const e = tienDo('P-1', '20260302100000', 4);
    await client.reportProgress([e]);
    await client.reportProgress([e]);
    const r = await client.lookup('P-1');
    expect(r!.TienDo).toEqual([e]);
    expect(r!.TrangThaiHoSo).toBe(4);
    expect(r!.NgayCapNhat).toMatch(/^\d{14}$/);
    expect(await client.lookup('P-404')).toBeNull();
    await expect(client.reportProgress([tienDo('P-404', '20260302100000')])).rejects.toMatchObject({ code: 'PORTAL_REJECTED', status: 404 });
    await expect(client.reportProgress([{ ...e, NguoiXuLy: '' }])).rejects.toMatchObject({ code: 'PORTAL_REJECTED', portalCode: 4, portalMessage: expect.stringContaining('NguoiXuLy') });
  });

  it('the changes feed is ordered by NgayCapNhat, paged, and starts at capNhatTu', async () => {
    const clock = fakeClock('2026-03-02T02:00:00Z'); // 09:00 in Vietnam
    const { client } = await setup({ clock: clock.now });
    for (let i = 1; i <= 7; i++) {
      await client.syncDossiers([hoSo(`C-${i}`)], false);
      clock.advance(60_000);
    }
    await client.syncDossiers([hoSo('C-1', { TrangThaiHoSo: 4 })], true); // C-1 moves to the end
    const p1 = await client.changes('20260302090000', 1, 3);
    const p2 = await client.changes('20260302090000', 2, 3);
    const p3 = await client.changes('20260302090000', 3, 3);
    expect(p1.tongSo).toBe(7);
    expect([...p1.data, ...p2.data, ...p3.data].map((d) => d.MaHoSo)).toEqual(['C-2', 'C-3', 'C-4', 'C-5', 'C-6', 'C-7', 'C-1']);
    expect(p3.data.at(-1)).toEqual({ MaHoSo: 'C-1', TrangThaiHoSo: 4, NgayCapNhat: '20260302090700' });
    const later = await client.changes('20260302090500', 1, 100);
    expect(later.data.map((d) => d.MaHoSo)).toEqual(['C-6', 'C-7', 'C-1']);
    await expect(client.changes('2026-03-02', 1, 10)).rejects.toMatchObject({ code: 'PORTAL_BAD_ARGUMENT' });
    await expect(client.changes('20260302090000', 1, 101)).rejects.toMatchObject({ code: 'PORTAL_BAD_ARGUMENT' });
  });

  it('state survives a restart on the same data folder', async () => {
    const dataDir = tempDir();
    const first = await setup({ dataDir });
    const f = await first.client.uploadFile('R-1', { name: 'a.pdf', bytes: PDF });
    await first.client.syncDossiers([hoSo('R-1', {}, [f.IdTepTin])], false);
    await first.client.reportProgress([tienDo('R-1', '20260302100000')]);
    await open.pop()!.close();
    const second = await setup({ dataDir });
    expect(second.sb.port).not.toBe(0);
    const r = await second.client.lookup('R-1');
    expect(r).toMatchObject({ MaHoSo: 'R-1', TrangThaiHoSo: 4, TaiLieuNop: [{ TepDinhKemId: f.IdTepTin }] });
    expect(r!.TienDo).toHaveLength(1);
    // the file index survived too: the same upload answers the same id
    expect((await second.client.uploadFile('R-1', { name: 'a.pdf', bytes: PDF })).IdTepTin).toBe(f.IdTepTin);
  });
});

describe('portal sandbox: rate limit and auto-process', () => {
  it('answers 429 with Retry-After over the limit; the client waits at least that long and succeeds', async () => {
    const clock = fakeClock();
    const sleeps = fakeSleep(clock);
    const { sb, client } = await setup({ clock: clock.now, rateLimit: 3 }, { sleep: sleeps.sleep, maxAttempts: 3 });
    await client.syncDossiers([hoSo('L-1')], false); // token + dongbo
    expect(await client.lookup('L-1')).not.toBeNull(); // third request in the same second
    expect(await client.lookup('L-1')).not.toBeNull(); // fourth: 429, wait, retry
    expect(sb.stats().rateLimited).toBe(1);
    expect(sleeps.calls).toHaveLength(1);
    expect(sleeps.calls[0]).toBeGreaterThanOrEqual(1000);
  });

  it('a Retry-After longer than the client accepts ends the call with a transient PORTAL_RATE_LIMITED', async () => {
    const clock = fakeClock();
    const { client } = await setup({ clock: clock.now, rateLimit: 1 }, { maxRetryAfterMs: 500 });
    await expect(client.lookup('X')).rejects.toMatchObject({ code: 'PORTAL_RATE_LIMITED', transient: true, retryAfterMs: 1000 });
  });

  it('--auto-process moves accepted dossiers to 4, then to 9 or 5, and the feed shows it', async () => {
    const clock = fakeClock();
    const { sb, client } = await setup({ clock: clock.now, autoProcess: true, processDelayMs: 60_000, supplementRate: 0.5 });
    const codes = Array.from({ length: 12 }, (_, i) => `A-${i}`);
    await client.syncDossiers(codes.map((c) => hoSo(c)), false);
    expect(await sb.tick()).toBe(0);
    clock.advance(60_000);
    expect(await sb.tick()).toBe(12);
    expect((await client.lookup('A-0'))!.TrangThaiHoSo).toBe(4);
    clock.advance(60_000);
    expect(await sb.tick()).toBe(12);
    const page = await client.changes('20260302090000', 1, 100);
    const finals = new Set(page.data.map((d) => d.TrangThaiHoSo));
    expect([...finals].every((s) => s === 5 || s === 9)).toBe(true);
    expect(finals.size).toBe(2); // some supplement requests, some done
    clock.advance(600_000);
    expect(await sb.tick()).toBe(0); // 5 and 9 are where auto-process stops
  });
});

describe('portal sandbox: routing', () => {
  it('unknown paths are 404 and wrong methods 405, with the contract error body', async () => {
    const { sb } = await setup();
    const a = await raw(sb.url, { method: 'GET', path: '/nothing' });
    expect(a.status).toBe(404);
    expect(JSON.parse(a.body)).toEqual({ error_code: 404, message: 'not found' });
    const b = await raw(sb.url, { method: 'GET', path: '/hoso/dongbo' });
    expect(b.status).toBe(405); // POST only
    const c = await raw(sb.url, { method: 'DELETE', path: '/files' });
    expect(c.status).toBe(405);
  });

  it('refuses to start on a data folder whose state file is not readable, without overwriting it', async () => {
    const dataDir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dataDir, 'state.json'), '{broken');
    await expect(startSandbox({ dataDir, port: 0 })).rejects.toMatchObject({ code: 'SANDBOX_STATE_INVALID' });
    expect(readFileSync(path.join(dataDir, 'state.json'), 'utf8')).toBe('{broken');
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { toPortalTime } from '../../domain/time.js';
import { sniffFileType } from '../sniff.js';
import { type HoSo, MAX_BATCH, MAX_FILE_BYTES, MAX_PAGE_SIZE, PORTAL_ERROR, type SyncResult, type TienDo } from '../types.js';
import { type Answer, errorAnswer, json } from './http-util.js';
import { parseMultipart, boundaryOf } from './multipart.js';
import type { SandboxState, StoredRecord } from './state.js';
import { checkHoSo, checkTienDo, sameRecord } from './validate.js';

/**
 * The contract's operations on the sandbox state (portal-api.md §1–6). Each takes already-read
 * input and returns the answer; persisting happens here, before the answer is sent.
 */

export interface RouteEnv {
  state: SandboxState;
  now(): Date;
  clientId: string;
  clientSecret: string;
  tokenTtlS: number;
  autoProcess: boolean;
}

const invalid = (message: string): Answer => errorAnswer(400, PORTAL_ERROR.invalid, message);
const authenError = (): Answer => errorAnswer(401, PORTAL_ERROR.authen, 'AUTHEN_ERROR');

/** §1 POST /oauth/token (form-encoded). */
export async function issueToken(env: RouteEnv, form: URLSearchParams): Promise<Answer> {
  if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== env.clientId || form.get('client_secret') !== env.clientSecret) {
    return authenError();
  }
  const nowMs = env.now().getTime();
  const token = randomBytes(24).toString('base64url');
  env.state.pruneTokens(nowMs);
  env.state.tokens.set(token, { clientId: env.clientId, expiresAtMs: nowMs + env.tokenTtlS * 1000 });
  await env.state.save();
  return json(200, { access_token: token, token_type: 'Bearer', expires_in: env.tokenTtlS });
}

/** The client of a bearer token, or undefined when missing, unknown or expired. */
export function clientOfToken(env: RouteEnv, authorization: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!m) return undefined;
  const t = env.state.tokens.get(m[1]!);
  if (!t || t.expiresAtMs <= env.now().getTime()) return undefined;
  return t.clientId;
}

export { authenError };

/** §2 POST /files: body already capped at the size limit plus multipart overhead. */
export async function uploadFile(env: RouteEnv, maHoSo: string | undefined, contentType: string | undefined, body: Buffer): Promise<Answer> {
  const code = maHoSo?.trim();
  if (!code) return invalid('X-MaHoSo: required');
  const boundary = boundaryOf(contentType);
  if (!boundary) return invalid('Content-Type: must be multipart/form-data with a boundary');
  const parsed = parseMultipart(body, boundary);
  if (!parsed.ok) return invalid(parsed.problem);
  const bytes = parsed.file.bytes;
  if (bytes.length > MAX_FILE_BYTES) return errorAnswer(413, PORTAL_ERROR.tooLarge, `file: larger than ${MAX_FILE_BYTES} bytes`);
  const type = sniffFileType(bytes);
  if (!type) return errorAnswer(415, PORTAL_ERROR.unsupportedType, 'file: only PDF, JPEG or PNG content is accepted');
  const hash = createHash('sha256').update(bytes).digest('hex');
  // same bytes for the same dossier → same id (idempotent)
  const id = createHash('sha256').update(`${code}\u0000${hash}`).digest('hex').slice(0, 32);
  if (!env.state.files.has(id) || !(await env.state.hasBlob(id))) {
    await env.state.writeBlob(id, Buffer.from(bytes));
    env.state.files.set(id, { IdTepTin: id, MaHoSo: code, HashTepTin: hash, KichThuoc: bytes.length, TenTep: parsed.file.filename, LoaiTep: type, uploadedAtMs: env.now().getTime() });
    await env.state.save();
  }
  return json(201, { IdTepTin: id, HashTepTin: hash, KichThuoc: bytes.length });
}

function touch(env: RouteEnv, r: StoredRecord): void {
  const now = env.now();
  r.NgayCapNhat = toPortalTime(now);
  r.updatedAtMs = now.getTime();
  r.seq = env.state.nextSeq();
}

/** §3 POST /hoso/dongbo (DongBoHoSoMC). */
export async function syncDossiers(env: RouteEnv, body: unknown): Promise<Answer> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('body: must be a JSON object');
  const b = body as { service?: unknown; isUpdating?: unknown; data?: unknown };
  if (b.service !== 'DongBoHoSoMC') return invalid('service: must be "DongBoHoSoMC"');
  if (typeof b.isUpdating !== 'boolean') return invalid('isUpdating: must be true or false');
  if (!Array.isArray(b.data)) return invalid('data: must be a list');
  if (b.data.length > MAX_BATCH) return invalid(`data: at most ${MAX_BATCH} records per call`);
  const results: SyncResult[] = [];
  let changed = false;
  const owner = (id: string): string | undefined => env.state.files.get(id)?.MaHoSo;
  for (const raw of b.data) {
    const rawCode = typeof raw === 'object' && raw !== null && typeof (raw as { MaHoSo?: unknown }).MaHoSo === 'string' ? (raw as { MaHoSo: string }).MaHoSo.normalize('NFC') : '';
    // an update of an unknown MaHoSo is 3 whatever else the record holds (its file ids cannot be known there)
    if (b.isUpdating && rawCode && !env.state.records.has(rawCode)) {
      results.push({ MaHoSo: rawCode, error_code: PORTAL_ERROR.unknown, message: 'MaHoSo unknown' });
      continue;
    }
    const checked = checkHoSo(raw, owner);
    if (!checked.ok) {
      results.push({ MaHoSo: rawCode, error_code: PORTAL_ERROR.invalid, message: checked.message });
      continue;
    }
    const rec: HoSo = checked.value;
    const stored = env.state.records.get(rec.MaHoSo);
    if (!b.isUpdating) {
      if (stored) {
        const same = sameRecord(stored.submitted, rec);
        results.push(same ? { MaHoSo: rec.MaHoSo, error_code: PORTAL_ERROR.ok, message: 'OK' } : { MaHoSo: rec.MaHoSo, error_code: PORTAL_ERROR.exists, message: 'MaHoSo already exists' });
        continue;
      }
      const created: StoredRecord = { hoSo: rec, submitted: rec, NgayCapNhat: '', updatedAtMs: 0, seq: 0, TienDo: [], auto: env.autoProcess };
      touch(env, created);
      env.state.records.set(rec.MaHoSo, created);
      changed = true;
    } else {
      if (!stored) {
        results.push({ MaHoSo: rec.MaHoSo, error_code: PORTAL_ERROR.unknown, message: 'MaHoSo unknown' });
        continue;
      }
      if (!sameRecord(stored.submitted, rec)) {
        stored.hoSo = rec;
        stored.submitted = rec;
        touch(env, stored);
        changed = true;
      }
    }
    results.push({ MaHoSo: rec.MaHoSo, error_code: PORTAL_ERROR.ok, message: 'OK' });
  }
  if (changed) await env.state.save();
  return json(200, { error_code: 0, results });
}

const progressKey = (t: Pick<TienDo, 'MaHoSo' | 'ThoiDiemXuLy' | 'TrangThai'>): string => `${t.ThoiDiemXuLy}\u0000${t.TrangThai}`;

/** §4 POST /hoso/tiendo (CapNhatTienDoHoSoMC): all entries checked first, then applied. */
export async function reportProgress(env: RouteEnv, body: unknown): Promise<Answer> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('body: must be a JSON object');
  const b = body as { service?: unknown; data?: unknown };
  if (b.service !== 'CapNhatTienDoHoSoMC') return invalid('service: must be "CapNhatTienDoHoSoMC"');
  if (!Array.isArray(b.data)) return invalid('data: must be a list');
  if (b.data.length > 500) return invalid('data: at most 500 entries per call');
  const entries: TienDo[] = [];
  for (const [i, raw] of b.data.entries()) {
    const c = checkTienDo(raw, i);
    if (!c.ok) return invalid(c.message);
    if (!env.state.records.has(c.value.MaHoSo)) return errorAnswer(404, PORTAL_ERROR.notFound, `data[${i}].MaHoSo: not found`);
    entries.push(c.value);
  }
  let changed = false;
  for (const e of entries) {
    const r = env.state.records.get(e.MaHoSo)!;
    if (r.TienDo.some((x) => progressKey(x) === progressKey(e))) continue; // re-sent: no-op
    const latest = r.TienDo.reduce((m, x) => (x.ThoiDiemXuLy > m ? x.ThoiDiemXuLy : m), '');
    r.TienDo.push(e);
    // the newest step carries the dossier's status; a late older entry only joins the history
    if (e.ThoiDiemXuLy >= latest) r.hoSo = { ...r.hoSo, TrangThaiHoSo: e.TrangThai };
    touch(env, r);
    changed = true;
  }
  if (changed) await env.state.save();
  return json(200, { error_code: 0 });
}

/** §5 GET /hoso/{MaHoSo}. */
export function lookup(env: RouteEnv, code: string): Answer {
  const r = env.state.records.get(code.normalize('NFC'));
  if (!r) return errorAnswer(404, PORTAL_ERROR.notFound, 'not found');
  return json(200, { ...r.hoSo, NgayCapNhat: r.NgayCapNhat, TienDo: r.TienDo });
}

/** §6 GET /hoso?capNhatTu=…&trang=…&soLuong=…, by NgayCapNhat ascending (capNhatTu included). */
export function changes(env: RouteEnv, q: URLSearchParams): Answer {
  const since = q.get('capNhatTu') ?? '';
  if (!/^\d{14}$/.test(since)) return invalid('capNhatTu: must be yyyyMMddHHmmss');
  const page = q.get('trang') ?? '';
  const size = q.get('soLuong') ?? '';
  if (!/^\d{1,9}$/.test(page) || Number(page) < 1) return invalid('trang: must be a whole number from 1');
  if (!/^\d{1,3}$/.test(size) || Number(size) < 1 || Number(size) > MAX_PAGE_SIZE) return invalid(`soLuong: must be 1..${MAX_PAGE_SIZE}`);
  const all = [...env.state.records.values()]
    .filter((r) => r.NgayCapNhat >= since)
    .sort((a, b) => (a.NgayCapNhat < b.NgayCapNhat ? -1 : a.NgayCapNhat > b.NgayCapNhat ? 1 : a.seq - b.seq));
  const n = Number(size);
  const from = (Number(page) - 1) * n;
  const data = all.slice(from, from + n).map((r) => ({ MaHoSo: r.hoSo.MaHoSo, TrangThaiHoSo: r.hoSo.TrangThaiHoSo, NgayCapNhat: r.NgayCapNhat }));
  return json(200, { tongSo: all.length, trang: Number(page), data });
}

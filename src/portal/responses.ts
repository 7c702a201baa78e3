import { type Json, badShape } from './http.js';
import type { ChangeEntry, ChangesPage, HoSoLookup, SyncResult, UploadResult } from './types.js';

/** Shape checks of the contract's answers: anything else is a clear PORTAL_BAD_RESPONSE. */

type Obj = { [k: string]: Json };

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: Json | undefined): v is string => typeof v === 'string';
const isInt = (v: Json | undefined): v is number => typeof v === 'number' && Number.isInteger(v);

function obj(json: Json, what: string): Obj {
  if (!isObj(json)) throw badShape(200, `${what}: expected a JSON object`);
  return json;
}

export function asToken(json: Json): { access_token: string; expires_in: number } {
  const o = obj(json, 'token');
  if (!isStr(o.access_token) || o.access_token.length === 0) throw badShape(200, 'token: access_token missing');
  if (o.token_type !== undefined && (!isStr(o.token_type) || o.token_type.toLowerCase() !== 'bearer')) throw badShape(200, `token: token_type ${JSON.stringify(o.token_type)} is not Bearer`);
  if (typeof o.expires_in !== 'number' || !(o.expires_in > 0)) throw badShape(200, 'token: expires_in missing or not positive');
  return { access_token: o.access_token, expires_in: o.expires_in };
}

export function asUpload(json: Json): UploadResult {
  const o = obj(json, 'files');
  if (!isStr(o.IdTepTin) || !o.IdTepTin) throw badShape(201, 'files: IdTepTin missing');
  if (!isStr(o.HashTepTin) || !/^[0-9a-fA-F]{64}$/.test(o.HashTepTin)) throw badShape(201, 'files: HashTepTin is not a sha256 hex string');
  if (!isInt(o.KichThuoc) || o.KichThuoc < 0) throw badShape(201, 'files: KichThuoc is not a byte count');
  return { IdTepTin: o.IdTepTin, HashTepTin: o.HashTepTin, KichThuoc: o.KichThuoc };
}

export function asSyncResults(json: Json, codes: string[]): SyncResult[] {
  const o = obj(json, 'dongbo');
  const results = o.results;
  if (!Array.isArray(results)) throw badShape(200, 'dongbo: results missing');
  if (results.length !== codes.length) throw badShape(200, `dongbo: ${results.length} results for ${codes.length} records`);
  return results.map((r, i) => {
    if (!isObj(r) || !isStr(r.MaHoSo) || !isInt(r.error_code)) throw badShape(200, `dongbo: results[${i}] is not {MaHoSo, error_code, message}`);
    if (r.MaHoSo !== codes[i]) throw badShape(200, `dongbo: results[${i}] is for ${r.MaHoSo}, expected ${codes[i]}`);
    return { MaHoSo: r.MaHoSo, error_code: r.error_code, message: isStr(r.message) ? r.message : '' };
  });
}

export function asLookup(json: Json, code: string): HoSoLookup {
  const o = obj(json, 'lookup');
  if (o.MaHoSo !== code) throw badShape(200, `lookup: answer is for ${JSON.stringify(o.MaHoSo)}, expected ${code}`);
  if (!isStr(o.NgayCapNhat) || !/^\d{14}$/.test(o.NgayCapNhat)) throw badShape(200, 'lookup: NgayCapNhat is not yyyyMMddHHmmss');
  if (!isInt(o.TrangThaiHoSo)) throw badShape(200, 'lookup: TrangThaiHoSo missing');
  if (!Array.isArray(o.TienDo)) throw badShape(200, 'lookup: TienDo is not a list');
  return o as unknown as HoSoLookup;
}

export function asChanges(json: Json, page: number): ChangesPage {
  const o = obj(json, 'changes');
  if (!isInt(o.tongSo) || o.tongSo < 0) throw badShape(200, 'changes: tongSo missing');
  if (!Array.isArray(o.data)) throw badShape(200, 'changes: data is not a list');
  const data: ChangeEntry[] = o.data.map((d, i) => {
    if (!isObj(d) || !isStr(d.MaHoSo) || !isInt(d.TrangThaiHoSo) || !isStr(d.NgayCapNhat) || !/^\d{14}$/.test(d.NgayCapNhat)) {
      throw badShape(200, `changes: data[${i}] is not {MaHoSo, TrangThaiHoSo, NgayCapNhat}`);
    }
    return { MaHoSo: d.MaHoSo, TrangThaiHoSo: d.TrangThaiHoSo, NgayCapNhat: d.NgayCapNhat };
  });
  return { tongSo: o.tongSo, trang: isInt(o.trang) ? o.trang : page, data };
}

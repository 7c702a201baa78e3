import { type Context, printJson, t, writeErr, writeOut } from '../../context.js';
import type { Handler } from '../types.js';
import { checkHome, type DoctorProblem } from './checks.js';

const line = (p: DoctorProblem) => `  - ${p.code}  ${p.file}${p.line === null ? '' : `:${p.line}`}${p.dossierCode ? `  (${p.dossierCode})` : ''}  ${p.detail}`;

export const doctorHandler: Handler = async (ctx: Context, { opts }) => {
  const { resolveDatabaseConfig } = await import('../../store/pg/config.js');
  if (await resolveDatabaseConfig(ctx.env, ctx.home, ctx.cwd)) return databaseDoctor(ctx, Boolean(opts.json));
  const r = await checkHome(ctx.home, ctx.lang);
  const ok = r.problems.length === 0;
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, ok, ...r });
    return ok ? 0 : 1;
  }
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const mark = (state: string) => (state === 'ok' ? '[ok]' : state === 'absent' ? '[–] ' : '[!] ');
  const out = [
    `${L('Kiểm tra dữ liệu', 'Checking the data in')} ${r.home}`,
    `  ${mark(r.activeFile.state)} ${r.activeFile.path}${r.activeFile.state === 'ok' ? ` (${r.activeFile.openDossiers} ${L('hồ sơ đang mở', 'open dossiers')})` : r.activeFile.state === 'absent' ? ` (${L('chưa có: nơi làm việc mới', 'not yet: a fresh home')})` : ''}`,
    `  ${mark(r.backupFile.state)} ${r.backupFile.path}`,
    `  [..] ${L('Kho lưu trữ', 'Archive')}: ${r.archive.shards} ${L('tệp', 'files')}, ${r.archive.dossiers} ${L('hồ sơ', 'dossiers')}`,
    `  [..] ${L('Tệp đã lưu (bản quét, kết quả) so với SHA-256 đã ghi', 'Stored files (scans, results) against their recorded SHA-256')}: ${r.storedFiles.checked}`,
  ];
  if (r.notes.length) out.push(L('Ghi chú (không mất dữ liệu):', 'Notes (nothing lost):'), ...r.notes.map(line));
  if (!ok) out.push(L('Vấn đề:', 'Problems:'), ...r.problems.map(line));
  writeOut(ctx, out.join('\n'));
  return verdict(ctx, r.problems.length);
};

function verdict(ctx: Context, n: number): number {
  const ok = n === 0;
  writeErr(ctx, ok ? t(ctx, { vi: 'Không thấy vấn đề nào.', en: 'No problems found.' }) : t(ctx, { vi: 'Có {n} vấn đề. Khôi phục bằng `gov-desk restore <bản sao lưu>` (xem docs/architecture.md, "Store guarantees").', en: '{n} problem(s) found. Recover with `gov-desk restore <backup>` (see docs/architecture.md, "Store guarantees").' }, { n }));
  return ok ? 0 : 1;
}

/** A centre desk: the shared database, not the home folder (which holds none of the centre's data). */
async function databaseDoctor(ctx: Context, json: boolean): Promise<number> {
  const { openStore } = await import('../../store/index.js');
  const { checkDatabase } = await import('./database.js');
  const r = await checkDatabase(await openStore(ctx), ctx.lang);
  if (json) {
    printJson(ctx, { schemaVersion: 1, ok: r.problems.length === 0, ...r });
    return r.problems.length === 0 ? 0 : 1;
  }
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const out = [
    `${L('Kiểm tra cơ sở dữ liệu dùng chung', 'Checking the shared database')} ${r.location}`,
    `  [ok] ${L('Cấu trúc đúng phiên bản', 'Schema at the expected version')}`,
    `  [..] ${L('Hồ sơ', 'Dossiers')}: ${r.dossiers.open} ${L('đang mở', 'open')}, ${r.dossiers.archived} ${L('đã lưu trữ', 'archived')}`,
    `  [..] ${L('Tệp đã lưu (bản quét, kết quả) so với SHA-256 đã ghi', 'Stored files (scans, results) against their recorded SHA-256')}: ${r.storedFiles.checked}`,
  ];
  if (r.problems.length) out.push(L('Vấn đề:', 'Problems:'), ...r.problems.map(line));
  writeOut(ctx, out.join('\n'));
  return verdict(ctx, r.problems.length);
}

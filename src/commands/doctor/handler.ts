import { type Context, printJson, t, writeErr, writeOut } from '../../context.js';
import type { Handler } from '../types.js';
import { checkHome, type DoctorProblem } from './checks.js';

const line = (p: DoctorProblem) => `  - ${p.code}  ${p.file}${p.line === null ? '' : `:${p.line}`}${p.dossierCode ? `  (${p.dossierCode})` : ''}  ${p.detail}`;

export const doctorHandler: Handler = async (ctx: Context, { opts }) => {
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
  writeErr(ctx, ok ? L('Không thấy vấn đề nào.', 'No problems found.') : t(ctx, { vi: 'Có {n} vấn đề. Khôi phục bằng `gov-desk restore <bản sao lưu>` (xem docs/architecture.md, "Store guarantees").', en: '{n} problem(s) found. Recover with `gov-desk restore <backup>` (see docs/architecture.md, "Store guarantees").' }, { n: r.problems.length }));
  return ok ? 0 : 1;
};

import { type Context, t, writeErr } from '../context.js';
import type { Msg } from '../i18n/index.js';
import type { ArchiveProblem } from '../store/archive.js';
import type { Store } from '../store/port.js';

/** One damaged archive line as a `warnings` entry of the JSON output (docs/json-output.md). */
export interface StoreWarning {
  code: 'ARCHIVE_DAMAGED';
  file: string;
  line: number | null;
  problem: ArchiveProblem['problem'];
  dossierCode: string | null;
  message: string;
}

export const PROBLEM_TEXT: Record<ArchiveProblem['problem'], Msg> = {
  'invalid-utf8': { vi: 'không phải UTF-8 hợp lệ', en: 'not valid UTF-8' },
  'invalid-json': { vi: 'không đọc được (JSON hỏng)', en: 'unreadable (broken JSON)' },
  'invalid-record': { vi: 'hồ sơ không hợp lệ', en: 'not a valid dossier' },
  header: { vi: 'dòng đầu không phải của tệp lưu trữ gov-desk', en: 'the first line is not a gov-desk archive header' },
  unreadable: { vi: 'không đọc được tệp', en: 'the file cannot be read' },
};

export function archiveProblemText(ctx: Pick<Context, 'lang'>, p: ArchiveProblem): string {
  return t(ctx, {
    vi: 'Tệp lưu trữ {file}{line}: {problem}{code}; phần này không được dùng.',
    en: 'Archive file {file}{line}: {problem}{code}; that part was not used.',
  }, {
    file: p.file,
    line: p.line === null ? '' : t(ctx, { vi: ', dòng {n}', en: ', line {n}' }, { n: p.line }),
    problem: t(ctx, PROBLEM_TEXT[p.problem]),
    code: p.code ? t(ctx, { vi: ' (hồ sơ {c})', en: ' (dossier {c})' }, { c: p.code }) : '',
  });
}

/**
 * The damaged archive lines the command's reads met: each one a warning on stderr (with the hint
 * to run `gov-desk doctor` once), and the list for the `warnings` field of --json.
 */
export function storeWarnings(ctx: Context, repo: Pick<Store, 'problems'>): StoreWarning[] {
  const problems = repo.problems();
  const label = t(ctx, { vi: 'Cảnh báo', en: 'Warning' });
  const out = problems.map((p): StoreWarning => {
    const message = archiveProblemText(ctx, p);
    writeErr(ctx, `${label}: ${message}`);
    return { code: 'ARCHIVE_DAMAGED', file: p.file, line: p.line, problem: p.problem, dossierCode: p.code, message };
  });
  if (out.length) writeErr(ctx, t(ctx, { vi: 'Kiểm tra toàn bộ dữ liệu: `gov-desk doctor`.', en: 'Check all the data: `gov-desk doctor`.' }));
  return out;
}

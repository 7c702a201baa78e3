import { styles } from '../../style.js';
import { type Context, printJson, printNdjson, t, writeErr, writeOut } from '../../context.js';
import { terminalSafe as safe } from '../../domain/text.js';
import { STATUSES, type Status } from '../../domain/dossier/status.js';
import { statusText } from '../../domain/dossier/apply.js';
import { type DossierSummary, summarize } from '../../domain/dossier/summary.js';
import { dossierMatches, intakeMatches, type SearchQuery, searchQuery } from '../../domain/dossier/search.js';
import { type DraftRecord, intakeDraft } from '../../intake/receive.js';
import { usageError } from '../../errors.js';
import { openStore, type Store } from '../../store/index.js';
import type { Draft } from '../../store/records.js';
import { storeWarnings } from '../store-warnings.js';
import { formatStamp, pad } from '../format.js';
import type { Handler } from '../types.js';

interface Filter {
  open: boolean;
  status?: Status;
  procedure?: string;
  overdue: boolean;
  year?: number;
  limit?: number;
  page?: number;
  all: boolean;
  search?: SearchQuery;
}

/** Rows per page of the table when neither --limit nor --all is given. */
export const PAGE_SIZE = 50;

function parseFilter(opts: Record<string, unknown>): Filter {
  const f: Filter = { open: Boolean(opts.open), overdue: Boolean(opts.overdue), all: Boolean(opts.all) };
  if (typeof opts.search === 'string') {
    const q = searchQuery(opts.search);
    if (!q.folded && !q.upper) throw usageError('USAGE', { vi: '--search cần một chuỗi tìm kiếm.', en: '--search needs something to look for.' });
    f.search = q;
  }
  if (typeof opts.status === 'string') {
    if (!(STATUSES as readonly string[]).includes(opts.status)) {
      throw usageError('USAGE', { vi: '--status không hợp lệ: {v}. Chọn một trong: {list}', en: 'Invalid --status: {v}. One of: {list}' }, { vars: { v: opts.status, list: STATUSES.join(', ') } });
    }
    f.status = opts.status as Status;
  }
  if (typeof opts.procedure === 'string') f.procedure = opts.procedure.trim();
  for (const key of ['year', 'limit', 'page'] as const) {
    const v = opts[key];
    if (typeof v === 'string') {
      if (!/^\d+$/.test(v) || Number(v) < 1) throw usageError('USAGE', { vi: '--{k} cần một số nguyên dương: {v}', en: '--{k} needs a positive whole number: {v}' }, { vars: { k: key, v } });
      f[key] = Number(v);
    }
  }
  if (f.all && (f.limit !== undefined || f.page !== undefined)) throw usageError('USAGE', { vi: '--all không đi cùng --limit hay --page.', en: '--all does not go with --limit or --page.' });
  return f;
}

function keep(s: DossierSummary, f: Filter): boolean {
  if (f.status && s.status !== f.status) return false;
  if (f.procedure && s.procedureCode !== f.procedure) return false;
  if (f.overdue && !s.flags.overdue) return false;
  if (f.year && Number(s.receivedAt.slice(0, 4)) !== f.year) return false;
  return true;
}

/** Open dossiers first (from the active file), then the archive unless --open or an open-only filter. */
export async function collect(ctx: Context, f: Filter, given?: Store): Promise<DossierSummary[]> {
  const repo = given ?? (await openStore(ctx));
  const now = ctx.now();
  const out: DossierSummary[] = [];
  const seen = new Set<string>();
  for (const d of await repo.openDossiers()) {
    seen.add(d.code);
    if (f.search && !dossierMatches(d, f.search)) continue;
    const s = summarize(d, now, false);
    if (keep(s, f)) out.push(s);
  }
  const openOnly = f.open || f.overdue || (f.status !== undefined && !['returned', 'refused', 'withdrawn', 'stopped'].includes(f.status));
  if (!openOnly) {
    for await (const d of repo.archived(f.year ? [f.year] : undefined)) {
      if (seen.has(d.code)) continue;
      if (f.search && !dossierMatches(d, f.search)) continue;
      const s = summarize(d, now, true);
      if (keep(s, f)) out.push(s);
    }
  }
  // newest first: what the desk is working on comes before ten years of archive
  out.sort((a, b) => (a.receivedAt > b.receivedAt ? -1 : a.receivedAt < b.receivedAt ? 1 : b.code.localeCompare(a.code)));
  return out;
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number | null;
}

/**
 * One page of the rows: --limit N (page size) and --page P (from 1). The table shows PAGE_SIZE rows
 * by default; --json and --ndjson give every row unless --limit or --page is given (scripts), and
 * --all gives every row everywhere.
 */
export function pageOf<T>(rows: T[], f: Pick<Filter, 'limit' | 'page' | 'all'>, paged: boolean): Page<T> {
  const size = f.all ? null : (f.limit ?? (paged || f.page !== undefined ? PAGE_SIZE : null));
  if (size === null) return { rows, total: rows.length, page: 1, pageSize: null };
  const page = f.page ?? 1;
  return { rows: rows.slice((page - 1) * size, page * size), total: rows.length, page, pageSize: size };
}

/** Kept incomplete/refused intakes (HD-/TC-) that match --search, newest first. */
function matchingIntakes(drafts: Draft[], f: Filter): DraftRecord[] {
  if (!f.search) return [];
  const out: DraftRecord[] = [];
  for (const raw of drafts) {
    const d = intakeDraft(raw);
    if (d && d.answers?.applicant && intakeMatches(d.ref, d.answers.applicant, f.search)) out.push(d);
  }
  return out.sort((a, b) => (a.createdAt > b.createdAt ? -1 : a.createdAt < b.createdAt ? 1 : 0));
}

export const listHandler: Handler = async (ctx, { opts }) => {
  const f = parseFilter(opts);
  const repo = await openStore(ctx);
  const all = await collect(ctx, f, repo);
  const machine = Boolean(opts.json || opts.ndjson);
  const { rows, total, page, pageSize } = pageOf(all, f, !machine);
  const intakes = f.search ? matchingIntakes(await repo.drafts(), f).map(intakeRow) : [];
  const warnings = storeWarnings(ctx, repo);
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, count: rows.length, total, page, pageSize, dossiers: rows, ...(f.search ? { intakes } : {}), warnings });
    return 0;
  }
  if (opts.ndjson) {
    for (const r of rows) printNdjson(ctx, { schemaVersion: 1, ...r });
    for (const r of intakes) printNdjson(ctx, { schemaVersion: 1, ...r });
    return 0;
  }
  if (rows.length === 0 && intakes.length === 0) {
    writeErr(ctx, t(ctx, { vi: 'Không có hồ sơ nào phù hợp.', en: 'No matching dossiers.' }));
    return 0;
  }
  const head = [t(ctx, { vi: 'Mã hồ sơ', en: 'Code' }), t(ctx, { vi: 'Trạng thái', en: 'Status' }), t(ctx, { vi: 'Hẹn trả', en: 'Due' }), t(ctx, { vi: 'Thủ tục', en: 'Procedure' }), t(ctx, { vi: 'Người nộp', en: 'Applicant' })];
  const codeW = Math.max(head[0]!.length, ...rows.map((r) => r.code.length), ...intakes.map((r) => r.ref.length));
  const s = await styles(ctx, 'stdout');
  const lines = [s.heading(`${pad(head[0]!, codeW)}  ${pad(head[1]!, 22)}  ${pad(head[2]!, 16)}  ${pad(head[3]!, 9)}  ${head[4]}`)];
  for (const r of rows) {
    const st = t(ctx, statusText(r.status)) + (r.flags.overdue ? ' !' : '');
    const conflict = r.portal === 'conflict' ? `  [${t(ctx, { vi: 'trùng mã trên cổng', en: 'portal conflict' })}]` : '';
    lines.push(`${pad(safe(r.code), codeW)}  ${s.status(pad(st, 22), r.status, r.flags.overdue)}  ${pad(formatStamp(r.dueAt), 16)}  ${pad(safe(r.procedureCode), 9)}  ${r.organisationName ? `${safe(r.organisationName)} (${safe(r.applicantName)})` : safe(r.applicantName)}${conflict}`);
  }
  for (const r of intakes) lines.push(`${pad(r.ref, codeW)}  ${pad(t(ctx, r.kind === 'incomplete' ? { vi: 'chưa đủ giấy tờ', en: 'incomplete' } : { vi: 'từ chối tiếp nhận', en: 'refused' }), 22)}  ${pad('—', 16)}  ${pad(r.procedureCode, 9)}  ${r.applicantName}`);
  writeOut(ctx, lines.join('\n'));
  if (pageSize !== null && total > rows.length) {
    const from = (page - 1) * pageSize + 1;
    writeErr(ctx, t(ctx, {
      vi: 'Hồ sơ {from}–{to} trong {total} (mới nhất trước). Trang sau: --page {next}; số dòng một trang: --limit N; tất cả: --all.',
      en: 'Dossiers {from}–{to} of {total} (newest first). Next page: --page {next}; rows per page: --limit N; everything: --all.',
    }, { from, to: from + rows.length - 1, total, next: page + 1 }));
  } else writeErr(ctx, t(ctx, { vi: '{n} hồ sơ.', en: '{n} dossier(s).' }, { n: rows.length }));
  return 0;
};

interface IntakeRow {
  kind: 'incomplete' | 'refused';
  ref: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  createdAt: string;
  dossierCode: string | null;
}

function intakeRow(d: DraftRecord): IntakeRow {
  return { kind: d.kind, ref: d.ref, procedureCode: d.answers.procedureCode, procedureName: d.procedureName, applicantName: d.answers.applicant.fullName, createdAt: d.createdAt, dossierCode: d.dossierCode };
}

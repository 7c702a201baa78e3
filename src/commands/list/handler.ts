import { styles } from '../../style.js';
import { type Context, printJson, printNdjson, t, writeErr, writeOut } from '../../context.js';
import { STATUSES, type Status } from '../../domain/dossier/status.js';
import { statusText } from '../../domain/dossier/apply.js';
import { type DossierSummary, summarize } from '../../domain/dossier/summary.js';
import { usageError } from '../../errors.js';
import { openRepository } from '../../store/index.js';
import { formatStamp, pad } from '../format.js';
import type { Handler } from '../types.js';

interface Filter {
  open: boolean;
  status?: Status;
  procedure?: string;
  overdue: boolean;
  year?: number;
  limit?: number;
}

function parseFilter(opts: Record<string, unknown>): Filter {
  const f: Filter = { open: Boolean(opts.open), overdue: Boolean(opts.overdue) };
  if (typeof opts.status === 'string') {
    if (!(STATUSES as readonly string[]).includes(opts.status)) {
      throw usageError('USAGE', { vi: '--status không hợp lệ: {v}. Chọn một trong: {list}', en: 'Invalid --status: {v}. One of: {list}' }, { vars: { v: opts.status, list: STATUSES.join(', ') } });
    }
    f.status = opts.status as Status;
  }
  if (typeof opts.procedure === 'string') f.procedure = opts.procedure.trim();
  for (const key of ['year', 'limit'] as const) {
    const v = opts[key];
    if (typeof v === 'string') {
      if (!/^\d+$/.test(v) || Number(v) < 1) throw usageError('USAGE', { vi: '--{k} cần một số nguyên dương: {v}', en: '--{k} needs a positive whole number: {v}' }, { vars: { k: key, v } });
      f[key] = Number(v);
    }
  }
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
export async function collect(ctx: Context, f: Filter): Promise<DossierSummary[]> {
  const repo = openRepository(ctx);
  const now = ctx.now();
  const db = await repo.read();
  const out: DossierSummary[] = [];
  const seen = new Set<string>();
  for (const d of Object.values(db.dossiers)) {
    seen.add(d.code);
    const s = summarize(d, now, false);
    if (keep(s, f)) out.push(s);
  }
  const openOnly = f.open || f.overdue || (f.status !== undefined && !['returned', 'refused', 'withdrawn', 'stopped'].includes(f.status));
  if (!openOnly) {
    for await (const d of repo.archived(f.year ? [f.year] : undefined)) {
      if (seen.has(d.code)) continue;
      const s = summarize(d, now, true);
      if (keep(s, f)) out.push(s);
    }
  }
  out.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.code.localeCompare(b.code)));
  return f.limit ? out.slice(-f.limit) : out;
}

export const listHandler: Handler = async (ctx, { opts }) => {
  const f = parseFilter(opts);
  const rows = await collect(ctx, f);
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, count: rows.length, dossiers: rows });
    return 0;
  }
  if (opts.ndjson) {
    for (const r of rows) printNdjson(ctx, { schemaVersion: 1, ...r });
    return 0;
  }
  if (rows.length === 0) {
    writeErr(ctx, t(ctx, { vi: 'Không có hồ sơ nào phù hợp.', en: 'No matching dossiers.' }));
    return 0;
  }
  const head = [t(ctx, { vi: 'Mã hồ sơ', en: 'Code' }), t(ctx, { vi: 'Trạng thái', en: 'Status' }), t(ctx, { vi: 'Hẹn trả', en: 'Due' }), t(ctx, { vi: 'Thủ tục', en: 'Procedure' }), t(ctx, { vi: 'Người nộp', en: 'Applicant' })];
  const codeW = Math.max(head[0]!.length, ...rows.map((r) => r.code.length));
  const s = await styles(ctx, 'stdout');
  const lines = [s.heading(`${pad(head[0]!, codeW)}  ${pad(head[1]!, 22)}  ${pad(head[2]!, 16)}  ${pad(head[3]!, 9)}  ${head[4]}`)];
  for (const r of rows) {
    const st = t(ctx, statusText(r.status)) + (r.flags.overdue ? ' !' : '');
    lines.push(`${pad(r.code, codeW)}  ${s.status(pad(st, 22), r.status, r.flags.overdue)}  ${pad(formatStamp(r.dueAt), 16)}  ${pad(r.procedureCode, 9)}  ${r.applicantName}`);
  }
  writeOut(ctx, lines.join('\n'));
  writeErr(ctx, t(ctx, { vi: '{n} hồ sơ.', en: '{n} dossier(s).' }, { n: rows.length }));
  return 0;
};

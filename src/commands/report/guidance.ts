/** `gov-desk report guidance` (issue 17): the guidance desk's work and the online share it raises. */
import path from 'node:path';
import { requireProfile } from '../../config/profile.js';
import { printJson, t, writeErr, writeOut } from '../../context.js';
import type { Dossier } from '../../domain/dossier/types.js';
import { buildGuidanceReport, GUIDANCE_GROUP_BY, type ProcedureFacts } from '../../domain/guidance/report.js';
import { formatVnDate, vnDate } from '../../domain/time.js';
import { usageError } from '../../errors.js';
import { writeFileAtomic, ensureDir } from '../../store/files.js';
import { openStore } from '../../store/index.js';
import type { Handler } from '../types.js';
import { figureRows, guidanceCsv, guidanceText } from './guidance-output.js';
import { monthLabel, pctText } from './output.js';
import { REPORT_NOTE } from './handler.js';
import { checkOrder, dateFlag, groupByFlag, yearRange } from './period.js';

export const guidanceReportHandler: Handler = async (ctx, { opts }) => {
  const today = vnDate(ctx.now());
  const from = dateFlag(opts, 'from') ?? `${(dateFlag(opts, 'to') ?? today).slice(0, 7)}-01`;
  const to = dateFlag(opts, 'to') ?? today;
  checkOrder(from, to);
  const by = groupByFlag(opts.by, GUIDANCE_GROUP_BY);
  const outputs = [opts.json, opts.csv !== undefined, opts.pdf !== undefined].filter(Boolean).length;
  if (outputs > 1) throw usageError('USAGE', { vi: 'Chọn một trong --json, --csv, --pdf.', en: 'Choose one of --json, --csv, --pdf.' });

  const profile = await requireProfile(ctx);
  const store = await openStore(ctx);
  const { loadCatalog } = await import('../../catalog/loader.js');
  const catalog = await loadCatalog({ home: ctx.home });
  const facts = (code: string): ProcedureFacts | undefined => {
    const p = catalog.get(code);
    return p ? { name: p.name, online: p.channels?.includes('online') === true || p.paperAllowed === false, level: p.onlineLevel } : undefined;
  };
  // dossiers are archived by year of receipt: the years of the period are enough
  const byCode = new Map<string, Dossier>();
  for await (const d of store.archived(yearRange(Number(from.slice(0, 4)), Number(to.slice(0, 4))))) byCode.set(d.code, d);
  for (const d of await store.openDossiers()) byCode.set(d.code, d);
  const records = await store.guidance({ from, to });
  const report = buildGuidanceReport(records, [...byCode.values()], { from, to, by, facts, targets: profile.targets ?? null });

  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, kind: 'guidance-report', note: REPORT_NOTE.en, ...report });
    return 0;
  }
  if (opts.csv !== undefined) {
    if (typeof opts.csv === 'string') {
      const file = path.resolve(ctx.cwd, opts.csv);
      await writeFileAtomic(file, guidanceCsv(ctx.lang, report, true));
      writeOut(ctx, file);
    } else ctx.stdout.write(guidanceCsv(ctx.lang, report, false));
    return 0;
  }
  if (opts.pdf !== undefined) {
    const { renderGuidanceReport } = await import('../../documents/report-guidance.js');
    const { agencyModel } = await import('../../intake/documents.js');
    const pdf = await renderGuidanceReport({
      agency: agencyModel(profile, ctx.now()),
      issuedAt: ctx.now(),
      period: `Từ ${formatVnDate(from)} đến ${formatVnDate(to)}`,
      figures: figureRows('vi', report),
      months: report.months.map((m) => [monthLabel(m.month), String(m.received), String(m.online), pctText('vi', m.onlinePct)]),
    });
    const file = typeof opts.pdf === 'string' ? path.resolve(ctx.cwd, opts.pdf) : path.join(ctx.home, 'documents', 'bao-cao', `huong-dan-${from}-${to}.pdf`);
    await ensureDir(path.dirname(file));
    await writeFileAtomic(file, pdf);
    writeOut(ctx, file);
    return 0;
  }
  writeOut(ctx, guidanceText(ctx.lang, report));
  writeErr(ctx, t(ctx, REPORT_NOTE));
  return 0;
};

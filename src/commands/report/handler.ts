import path from 'node:path';
import { printJson, t, writeErr, writeOut } from '../../context.js';
import type { WorkingCalendar } from '../../domain/calendar/types.js';
import { buildReport, GROUP_BY, type GroupBy } from '../../domain/report.js';
import { vnDate } from '../../domain/time.js';
import { usageError } from '../../errors.js';
import { writeFileAtomic } from '../../store/files.js';
import { openStore } from '../../store/index.js';
import { storeWarnings } from '../store-warnings.js';
import type { Handler } from '../types.js';
import { groupsText, reportCsv, reportText } from './output.js';
import { checkOrder, dateFlag, groupByFlag, readDossiers, yearRange } from './period.js';

export const REPORT_NOTE = {
  vi: 'Số liệu do xã tự tính từ dữ liệu của gov-desk; không phải điểm Bộ chỉ số QĐ 766 (do Cổng DVCQG tính). Công thức 766 của nhóm tiến độ và số hóa chưa được xác nhận.',
  en: "The commune's own figures from gov-desk data; not the QĐ 766 scores (computed by DVCQG). The 766 formulas of the progress and digitisation groups are unconfirmed.",
};

const groupFlag = (v: unknown): GroupBy | null => groupByFlag(v, GROUP_BY);

export const reportHandler: Handler = async (ctx, { opts }) => {
  const today = vnDate(ctx.now());
  const from = dateFlag(opts, 'from') ?? `${(dateFlag(opts, 'to') ?? today).slice(0, 7)}-01`;
  const to = dateFlag(opts, 'to') ?? today;
  checkOrder(from, to);
  const by = groupFlag(opts.by);
  if (opts.json && opts.csv !== undefined) {
    throw usageError('USAGE', { vi: 'Chọn --json hoặc --csv, không cả hai.', en: 'Choose --json or --csv, not both.' });
  }

  // A dossier resolved in the period may have been received the year before (archive by receipt year).
  const repo = await openStore(ctx);
  const dossiers = await readDossiers(ctx, yearRange(Number(from.slice(0, 4)) - 1, Number(to.slice(0, 4))), repo);
  const warnings = storeWarnings(ctx, repo);
  let calendar: WorkingCalendar | null = null;
  if (!opts.calendarDays) {
    const { loadCalendarFor } = await import('../../store/overrides.js');
    calendar = (await loadCalendarFor(ctx)).calendar;
    for (const w of calendar.warnings(yearRange(Number(from.slice(0, 4)), Number(to.slice(0, 4))), ctx.lang)) writeErr(ctx, w);
  }
  const report = buildReport(dossiers, { from, to, by, calendar });

  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, kind: 'report', note: REPORT_NOTE.en, ...report, warnings });
    return 0;
  }
  if (opts.csv !== undefined) {
    if (typeof opts.csv === 'string') {
      const file = path.resolve(ctx.cwd, opts.csv);
      await writeFileAtomic(file, reportCsv(ctx.lang, report, true));
      writeOut(ctx, file);
    } else {
      ctx.stdout.write(reportCsv(ctx.lang, report, false));
    }
    return 0;
  }
  writeOut(ctx, reportText(ctx.lang, report));
  if (by) writeOut(ctx, `\n${groupsText(ctx.lang, report)}`);
  writeErr(ctx, t(ctx, REPORT_NOTE));
  return 0;
};

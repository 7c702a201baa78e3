import type { CommandDefinition } from '../types.js';
import { configureGuidanceReport } from './guidance-definition.js';

export const definition: CommandDefinition = {
  name: 'report',
  summary: {
    vi: 'báo cáo số liệu của xã: tiếp nhận, giải quyết trước/đúng/quá hạn, thời gian trung bình, trực tuyến, số hóa',
    en: "the commune's figures: received, resolved early/on time/late, average time, online, digitised",
  },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .option('--from <date>', t({ vi: 'từ ngày (YYYY-MM-DD hoặc dd/mm/yyyy; mặc định: đầu tháng này)', en: 'from this date (YYYY-MM-DD or dd/mm/yyyy; default: first day of this month)' }))
      .option('--to <date>', t({ vi: 'đến ngày, tính cả ngày này (dd/mm/yyyy hoặc YYYY-MM-DD; mặc định: hôm nay)', en: 'to this date, inclusive (dd/mm/yyyy or YYYY-MM-DD; default: today)' }))
      .option('--by <group>', t({ vi: 'nhóm theo: procedure (thủ tục), month (tháng) hoặc channel (kênh nộp)', en: 'group by: procedure, month or channel' }))
      .option('--calendar-days', t({ vi: 'tính thời gian giải quyết theo ngày lịch (mặc định: ngày làm việc)', en: 'count processing time in calendar days (default: working days)' }))
      .option('--json', t({ vi: 'một tài liệu JSON {schemaVersion, totals, procedures, months, groups}', en: 'one JSON document {schemaVersion, totals, procedures, months, groups}' }))
      .option('--csv [file]', t({ vi: 'xuất CSV (tổng và các nhóm); có FILE thì ghi tệp UTF-8 có BOM, không thì in ra stdout', en: 'CSV output (total and groups); with FILE, write a UTF-8 file with BOM, else print to stdout' }));
    cmd.addHelpText('after', `\n${t({
      vi: 'Đây là số liệu của xã tự tính, không phải điểm Bộ chỉ số QĐ 766 (do Cổng DVCQG tính). Công thức: docs/report.md.',
      en: "These are the commune's own figures, not the QĐ 766 scores (computed by DVCQG). Formulas: docs/report.md.",
    })}\n`);
    kit.examples(cmd, [
      'gov-desk report',
      'gov-desk report --from 2026-01-01 --to 2026-06-30 --by month',
      'gov-desk report --from 01/03/2026 --to 31/03/2026 --by procedure --csv bao-cao-thang-3.csv',
      'gov-desk report --by channel --json',
    ]);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.reportHandler));
    configureGuidanceReport(cmd, kit);
  },
};

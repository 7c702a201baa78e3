import type { Command } from 'commander';
import type { CommandKit } from '../types.js';

/** `gov-desk report guidance` (issue 17), a subcommand of `report`; formulas in docs/report.md. */
export function configureGuidanceReport(report: Command, kit: CommandKit): void {
  const t = kit.t;
  const cmd = report
    .command('guidance')
    .description(t({ vi: 'bàn hướng dẫn: lượt hỗ trợ theo loại, VNeID, tự nộp và nộp thay trực tuyến, thời gian; tỷ lệ hồ sơ trực tuyến và số hóa của kỳ', en: 'the guidance desk: citizens helped by kind, VNeID, self-filed and assisted online filings, time; the online and digitised shares of the period' }))
    .helpOption('-h, --help', t({ vi: 'hiện trợ giúp', en: 'show help' }))
    .option('--from <date>', t({ vi: 'từ ngày (mặc định: đầu tháng này)', en: 'from this date (default: first day of this month)' }))
    .option('--to <date>', t({ vi: 'đến ngày, tính cả ngày này (mặc định: hôm nay)', en: 'to this date, inclusive (default: today)' }))
    .option('--by <group>', t({ vi: 'nhóm theo: month, member (thành viên tổ), procedure hoặc kind (loại hỗ trợ)', en: 'group by: month, member, procedure or kind' }))
    .option('--json', t({ vi: 'một tài liệu JSON', en: 'one JSON document' }))
    .option('--csv [file]', t({ vi: 'xuất CSV; có FILE thì ghi tệp UTF-8 có BOM', en: 'CSV output; with FILE, a UTF-8 file with BOM' }))
    .option('--pdf [file]', t({ vi: 'báo cáo A4 PDF (mặc định: <home>/documents/bao-cao/)', en: 'an A4 PDF report (default: <home>/documents/bao-cao/)' }));
  kit.examples(cmd, [
    'gov-desk report guidance',
    'gov-desk report guidance --from 2026-01-01 --to 2026-06-30 --by month',
    'gov-desk report guidance --by member --json',
    'gov-desk report guidance --pdf bao-cao-huong-dan.pdf',
  ]);
  kit.handle(cmd, () => import('./guidance.js').then((m) => m.guidanceReportHandler));
}

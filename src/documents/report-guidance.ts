/**
 * The guidance report as an A4 PDF (issue 17), for the commune's monthly administrative-reform
 * report: the figures, the online share by month, where the formulas are. Not an official form;
 * the handler builds the plain model (src/commands/report/guidance.ts).
 */
import { createA4Doc } from './layout-a4.js';
import { header, title } from './layout-header.js';
import { table } from './layout-table.js';
import { finish, gap, para, startSheet } from './layout.js';
import type { Agency } from './models.js';

export interface GuidanceReportModel {
  agency: Agency;
  issuedAt: Date;
  /** "Từ 01/02/2026 đến 28/02/2026". */
  period: string;
  /** Label and value; a label starting with a space is a sub-line. */
  figures: [string, string][];
  /** Month, received, online, share. */
  months: [string, string, string, string][];
}

export const GUIDANCE_REPORT_TITLE = 'BÁO CÁO KẾT QUẢ HỖ TRỢ NGƯỜI DÂN SỬ DỤNG DỊCH VỤ CÔNG TRỰC TUYẾN';

export async function renderGuidanceReport(m: GuidanceReportModel): Promise<Buffer> {
  const doc = createA4Doc({ title: `Báo cáo bàn hướng dẫn – ${m.period}`, author: m.agency.unitFullName ?? m.agency.name, creationDate: m.issuedAt }, { landscape: false });
  startSheet(doc, 'Báo cáo bàn hướng dẫn');
  header(doc, { agency: m.agency, formLabel: '', basis: null, date: m.issuedAt });
  title(doc, GUIDANCE_REPORT_TITLE, [{ text: m.period, style: 'italic' }]);
  para(doc, 'I. Số liệu', { style: 'bold', after: 3 });
  table(doc, [{ header: 'Chỉ tiêu', width: 70 }, { header: 'Số liệu', width: 30, align: 'right' }], m.figures.map(([k, v]) => [k.startsWith(' ') ? `    – ${k.trim()}` : k, v]), { size: 9 });
  gap(doc, 8);
  para(doc, 'II. Tỷ lệ hồ sơ nộp trực tuyến theo tháng', { style: 'bold', after: 3 });
  table(doc, [{ header: 'Tháng', width: 20 }, { header: 'Hồ sơ tiếp nhận', width: 25, align: 'right' }, { header: 'Nộp trực tuyến', width: 25, align: 'right' }, { header: 'Tỷ lệ', width: 30, align: 'right' }], m.months, { size: 9 });
  gap(doc, 8);
  para(doc, 'Ghi chú: số liệu do xã tự tính từ dữ liệu của gov-desk (công thức: docs/report.md, mục "Guidance desk"); không phải điểm Bộ chỉ số QĐ 766 do Cổng DVCQG tính. Chỉ tiêu của tỉnh lấy từ hồ sơ cấu hình (chưa xác nhận trong tài liệu tham chiếu). Mức độ toàn trình/một phần theo danh mục thủ tục.', { style: 'italic', size: 8 });
  return finish(doc);
}

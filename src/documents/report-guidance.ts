/**
 * The guidance report as an A4 PDF (issue 17), for the commune's monthly administrative-reform
 * report: the figures, the online share by month, the formulas' home. Not an official form.
 */
import { figureRows, guidanceTitle } from '../commands/report/guidance-output.js';
import { monthLabel, pctText } from '../commands/report/output.js';
import type { GuidanceReport } from '../domain/guidance/report.js';
import { createA4Doc } from './layout-a4.js';
import { header, title } from './layout-header.js';
import { table } from './layout-table.js';
import { finish, gap, para, startSheet } from './layout.js';
import type { Agency } from './models.js';

export async function renderGuidanceReport(r: GuidanceReport, agency: Agency, now: Date): Promise<Buffer> {
  const heading = 'BÁO CÁO KẾT QUẢ HỖ TRỢ NGƯỜI DÂN SỬ DỤNG DỊCH VỤ CÔNG TRỰC TUYẾN';
  const doc = createA4Doc({ title: guidanceTitle('vi', r), author: agency.unitFullName ?? agency.name, creationDate: now }, { landscape: false });
  startSheet(doc, 'Báo cáo bàn hướng dẫn');
  header(doc, { agency, formLabel: '', basis: null, date: now });
  title(doc, heading, [{ text: guidanceTitle('vi', r).replace(/^.*?, từ/, 'Từ'), style: 'italic' }]);
  para(doc, 'I. Số liệu', { style: 'bold', after: 3 });
  table(doc, [{ header: 'Chỉ tiêu', width: 70 }, { header: 'Số liệu', width: 30, align: 'right' }], figureRows('vi', r).map(([k, v]) => [k.startsWith(' ') ? `    – ${k.trim()}` : k, v]), { size: 9 });
  gap(doc, 8);
  para(doc, 'II. Tỷ lệ hồ sơ nộp trực tuyến theo tháng', { style: 'bold', after: 3 });
  table(doc, [{ header: 'Tháng', width: 20 }, { header: 'Hồ sơ tiếp nhận', width: 25, align: 'right' }, { header: 'Nộp trực tuyến', width: 25, align: 'right' }, { header: 'Tỷ lệ', width: 30, align: 'right' }],
    r.months.map((m) => [monthLabel(m.month), String(m.received), String(m.online), pctText('vi', m.onlinePct)]), { size: 9 });
  gap(doc, 8);
  para(doc, 'Ghi chú: số liệu do xã tự tính từ dữ liệu của gov-desk (công thức: docs/report.md, mục "Guidance desk"); không phải điểm Bộ chỉ số QĐ 766 do Cổng DVCQG tính. Chỉ tiêu của tỉnh lấy từ hồ sơ cấu hình (chưa xác nhận trong tài liệu tham chiếu). Mức độ toàn trình/một phần theo danh mục thủ tục.', { style: 'italic', size: 8 });
  return finish(doc);
}

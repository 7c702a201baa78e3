import { STATUSES } from '../../domain/dossier/status.js';
import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'list',
  summary: { vi: 'liệt kê hồ sơ theo trạng thái, thủ tục, quá hạn', en: 'list dossiers by status, procedure, overdue' },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .option('--open', t({ vi: 'chỉ hồ sơ đang mở (nhanh: không đọc kho lưu trữ)', en: 'open dossiers only (fast: the archive is not read)' }))
      .option('--status <status>', t({ vi: `lọc theo trạng thái (${STATUSES.join(', ')})`, en: `filter by status (${STATUSES.join(', ')})` }))
      .option('--search <text>', t({ vi: 'tìm theo họ tên (có dấu hay không), số định danh, số điện thoại, một phần mã hồ sơ hoặc số HD-/TC-; cả hồ sơ đang mở và đã lưu trữ', en: 'search by name (diacritics optional), ID number, phone number, part of a code or an HD-/TC- reference; open and archived dossiers' }))
      .option('--procedure <code>', t({ vi: 'lọc theo mã thủ tục', en: 'filter by procedure code' }))
      .option('--overdue', t({ vi: 'chỉ hồ sơ quá hạn', en: 'overdue dossiers only' }))
      .option('--year <year>', t({ vi: 'chỉ hồ sơ tiếp nhận trong năm', en: 'dossiers received in that year only' }))
      .option('--limit <n>', t({ vi: 'số dòng một trang (mặc định 50 khi in bảng; --json/--ndjson: tất cả)', en: 'rows per page (default 50 for the table; --json/--ndjson: all)' }))
      .option('--page <n>', t({ vi: 'trang thứ n (mới nhất trước)', en: 'page n (newest first)' }))
      .option('--all', t({ vi: 'mọi dòng, không chia trang', en: 'every row, no pages' }))
      .option('--json', t({ vi: 'một tài liệu JSON {schemaVersion, dossiers: [...]}', en: 'one JSON document {schemaVersion, dossiers: [...]}' }))
      .option('--ndjson', t({ vi: 'mỗi hồ sơ một dòng JSON', en: 'one JSON line per dossier' }));
    kit.examples(cmd, ['gov-desk list --open', 'gov-desk list --search "nguyen thi huong"', 'gov-desk list --page 2', 'gov-desk list --overdue', 'gov-desk list --status returned --year 2026 --ndjson', 'gov-desk list --procedure 1.001193 --json']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.listHandler));
  },
};

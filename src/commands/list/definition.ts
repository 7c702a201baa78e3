import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'list',
  summary: { vi: 'liệt kê hồ sơ theo trạng thái, thủ tục, quá hạn', en: 'list dossiers by status, procedure, overdue' },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .option('--open', t({ vi: 'chỉ hồ sơ đang mở (nhanh: không đọc kho lưu trữ)', en: 'open dossiers only (fast: the archive is not read)' }))
      .option('--status <status>', t({ vi: 'lọc theo trạng thái (received, processing, supplement-requested, done, returned, refused, withdrawn, stopped)', en: 'filter by status (received, processing, supplement-requested, done, returned, refused, withdrawn, stopped)' }))
      .option('--procedure <code>', t({ vi: 'lọc theo mã thủ tục', en: 'filter by procedure code' }))
      .option('--overdue', t({ vi: 'chỉ hồ sơ quá hạn', en: 'overdue dossiers only' }))
      .option('--year <year>', t({ vi: 'chỉ hồ sơ tiếp nhận trong năm', en: 'dossiers received in that year only' }))
      .option('--limit <n>', t({ vi: 'số dòng tối đa', en: 'at most n rows' }))
      .option('--json', t({ vi: 'một tài liệu JSON {schemaVersion, dossiers: [...]}', en: 'one JSON document {schemaVersion, dossiers: [...]}' }))
      .option('--ndjson', t({ vi: 'mỗi hồ sơ một dòng JSON', en: 'one JSON line per dossier' }));
    kit.examples(cmd, ['gov-desk list --open', 'gov-desk list --overdue', 'gov-desk list --status returned --year 2026 --ndjson', 'gov-desk list --procedure 1.001193 --json']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.listHandler));
  },
};

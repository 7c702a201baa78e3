import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'sync',
  summary: { vi: 'đồng bộ với cổng tỉnh (cho cron): gửi hàng đợi, lấy thay đổi trạng thái, rà soát hạn', en: 'sync with the provincial system (for cron): flush the outbox, pull status changes, sweep deadlines' },
  configure(cmd, kit) {
    const t = kit.t;
    cmd.option('--concurrency <n>', t({ vi: 'số tệp tải lên song song (mặc định 4)', en: 'parallel uploads (default 4)' })).option('--json', t({ vi: 'in một tài liệu JSON', en: 'print one JSON document' }));
    kit.examples(cmd, ['gov-desk sync', '*/5 * * * * GOV_DESK_HOME=/srv/gov-desk gov-desk sync --json >> /var/log/gov-desk-sync.log 2>&1']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.syncHandler));
  },
};

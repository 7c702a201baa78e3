import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'restore',
  summary: { vi: 'kiểm tra và khôi phục một bản sao lưu', en: 'verify and restore a backup' },
  configure(cmd, kit) {
    cmd
      .argument('<file>', kit.t({ vi: 'tệp sao lưu .tar.gz', en: 'backup file (.tar.gz)' }))
      .option('--verify-only', kit.t({ vi: 'chỉ kiểm tra, không khôi phục', en: 'verify only, do not restore' }))
      .option('--force', kit.t({ vi: 'khôi phục đè lên dữ liệu hiện có (dữ liệu cũ được giữ lại trong .pre-restore-*)', en: 'restore over existing data (the old data is kept in .pre-restore-*)' }))
      .option('--json', kit.t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(cmd, ['gov-desk restore /media/usb/gov-desk/gov-desk-backup-20260302-170000.tar.gz --verify-only', 'gov-desk restore backup.tar.gz --force']);
    kit.handle(cmd, () => import('../backup/handler.js').then((m) => m.restoreHandler));
  },
};

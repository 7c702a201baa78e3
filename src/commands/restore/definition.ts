import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'restore',
  summary: { vi: 'kiểm tra và khôi phục một bản sao lưu', en: 'verify and restore a backup' },
  configure(cmd, kit) {
    cmd
      .argument('<file>', kit.t({ vi: 'tệp sao lưu .tar.gz (hoặc .tar.gz.enc đã mã hóa)', en: 'backup file (.tar.gz, or .tar.gz.enc when encrypted)' }))
      .option('--verify-only', kit.t({ vi: 'chỉ kiểm tra, không khôi phục', en: 'verify only, do not restore' }))
      .option('--force', kit.t({ vi: 'khôi phục đè lên dữ liệu hiện có (dữ liệu cũ được giữ lại trong .pre-restore-*)', en: 'restore over existing data (the old data is kept in .pre-restore-*)' }))
      .option('--passphrase-file <file>', kit.t({ vi: 'cụm mật khẩu của bản sao lưu mã hóa (dòng đầu của tệp); hoặc biến GOV_DESK_BACKUP_PASSPHRASE, hoặc được hỏi', en: 'passphrase of an encrypted backup (first line of the file); or GOV_DESK_BACKUP_PASSPHRASE, or asked' }))
      .option('--json', kit.t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(cmd, ['gov-desk restore /media/usb/gov-desk/gov-desk-backup-20260302-170000.tar.gz --verify-only', 'gov-desk restore backup.tar.gz --force']);
    kit.handle(cmd, () => import('../backup/handler.js').then((m) => m.restoreHandler));
  },
};

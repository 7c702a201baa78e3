import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'backup',
  summary: { vi: 'sao lưu toàn bộ dữ liệu (ảnh chụp nhất quán)', en: 'back up the whole home (a consistent snapshot)' },
  configure(cmd, kit) {
    cmd
      .requiredOption('--to <dir>', kit.t({ vi: 'thư mục lưu bản sao (nên là ổ USB hoặc ổ mạng)', en: 'folder for the backup (a USB or network drive, not the same disk)' }))
      .option('--encrypt', kit.t({ vi: 'mã hóa bản sao lưu bằng cụm mật khẩu (AES-256-GCM); chỉ khi đó mới chứa cả thư mục secrets/', en: 'encrypt the backup with a passphrase (AES-256-GCM); only then are secrets/ included' }))
      .option('--passphrase-file <file>', kit.t({ vi: 'đọc cụm mật khẩu từ dòng đầu của tệp (ngầm định --encrypt); hoặc biến GOV_DESK_BACKUP_PASSPHRASE', en: 'read the passphrase from the first line of a file (implies --encrypt); or GOV_DESK_BACKUP_PASSPHRASE' }))
      .option('--json', kit.t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(cmd, ['gov-desk backup --to /media/usb/gov-desk', 'gov-desk backup --to /media/usb/gov-desk --encrypt']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.backupHandler));
  },
};

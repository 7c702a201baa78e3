import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'backup',
  summary: { vi: 'sao lưu toàn bộ dữ liệu (ảnh chụp nhất quán)', en: 'back up the whole home (a consistent snapshot)' },
  configure(cmd, kit) {
    cmd
      .requiredOption('--to <dir>', kit.t({ vi: 'thư mục lưu bản sao (nên là ổ USB hoặc ổ mạng)', en: 'folder for the backup (a USB or network drive, not the same disk)' }))
      .option('--json', kit.t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(cmd, ['gov-desk backup --to /media/usb/gov-desk']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.backupHandler));
  },
};

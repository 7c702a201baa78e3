import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'outbox',
  summary: { vi: 'xem và xử lý hàng đợi gửi lên cổng tỉnh', en: 'see and manage the portal outbox' },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .argument('[action]', t({ vi: 'list (mặc định), retry hoặc cancel', en: 'list (default), retry or cancel' }))
      .argument('[id]', t({ vi: 'mã mục trong hàng đợi (retry/cancel)', en: 'outbox entry id (retry/cancel)' }))
      .option('--all', t({ vi: 'cả các mục đã gửi xong', en: 'include entries already sent' }))
      .option('--json', t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(cmd, ['gov-desk outbox', 'gov-desk outbox list --json', 'gov-desk outbox retry dongbo:000.00.00.H99-260302-0001:lx2k3', 'gov-desk outbox cancel tiendo:000.00.00.H99-260302-0001:20260302100000:4']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.outboxHandler));
  },
};

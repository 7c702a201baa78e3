import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'demo',
  summary: { vi: 'chạy thử trọn một vòng trên dữ liệu hư cấu (máy chủ cổng tỉnh thử chạy cùng)', en: 'run a full round trip on fictitious data (with the portal sandbox in-process)' },
  configure(cmd, kit) {
    cmd.option('--json', kit.t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(cmd, ['gov-desk demo', 'gov-desk --home /tmp/gov-desk-demo demo']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.demoHandler));
  },
};

import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'show',
  summary: { vi: 'xem một hồ sơ: tóm tắt, danh mục giấy tờ, lịch sử', en: 'show one dossier: summary, checklist, history' },
  configure(cmd, kit) {
    cmd
      .argument('<code>', kit.t({ vi: 'mã hồ sơ', en: 'dossier code' }))
      .option('--json', kit.t({ vi: 'in dạng JSON (một tài liệu)', en: 'print JSON (one document)' }))
      .option('--reveal', kit.t({ vi: 'hiện đầy đủ số định danh và số điện thoại', en: 'show identification and phone numbers in full' }));
    kit.examples(cmd, ['gov-desk show 000.00.00.H99-260302-0001', 'gov-desk show 000.00.00.H99-260302-0001 --json']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.showHandler));
  },
};

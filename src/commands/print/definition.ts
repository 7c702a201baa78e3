import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'print',
  summary: { vi: 'in lại giấy tờ của hồ sơ (Mẫu 01, 02, 03)', en: "reprint a dossier's document (Mẫu 01, 02, 03)" },
  configure(cmd, kit) {
    cmd
      .argument('<code>', kit.t({ vi: 'mã hồ sơ hoặc mã tham chiếu', en: 'dossier code or reference' }))
      .argument('<document>', kit.t({ vi: 'receipt (Mẫu 01), supplement (Mẫu 02) hoặc refusal (Mẫu 03)', en: 'receipt (Mẫu 01), supplement (Mẫu 02) or refusal (Mẫu 03)' }))
      .option('--operator <name>', kit.t({ vi: 'người in', en: 'who prints' }))
      .option('--printer [name]', kit.t({ vi: 'gửi tới máy in (CUPS lp; Windows: máy in mặc định); không có tên: máy in mặc định', en: 'send to the printer (CUPS lp; Windows: the default printer); without a name: the default printer' }))
      .option('--open', kit.t({ vi: 'mở tệp PDF bằng trình xem mặc định', en: 'open the PDF in the default viewer' }))
      .option('--json', kit.t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(cmd, ['gov-desk print 000.00.00.H99-260302-0001 receipt', 'gov-desk print HD-260302-0001 supplement', 'gov-desk print 000.00.00.H99-260302-0001 receipt --printer', 'gov-desk print 000.00.00.H99-260302-0001 receipt --printer Quay-1 --open']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.printHandler));
  },
};

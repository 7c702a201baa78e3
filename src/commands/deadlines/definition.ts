import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'deadlines',
  summary: { vi: 'hồ sơ sắp đến hạn, quá hạn; lập Phiếu xin lỗi và hẹn lại (Mẫu 04)', en: 'dossiers due soon or overdue; issue the apology with a new date (Mẫu 04)' },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .option('--confirm <code>', t({ vi: 'xác nhận phiếu xin lỗi của hồ sơ này', en: 'confirm the apology of this dossier' }))
      .option('--reason <text>', t({ vi: 'lý do chậm trả kết quả', en: 'why the result is late' }))
      .option('--new-date <date>', t({ vi: 'ngày hẹn trả mới (dd/mm/yyyy hoặc YYYY-MM-DD; mặc định theo đề xuất)', en: 'new appointment date (dd/mm/yyyy or YYYY-MM-DD; default: the proposal)' }))
      .option('--signer <name>', t({ vi: 'người ký phiếu', en: 'who signs the apology' }))
      .option('--operator <name>', t({ vi: 'người thực hiện', en: 'who does it' }))
      .option('--json', t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(cmd, ['gov-desk deadlines', 'gov-desk deadlines --json', 'gov-desk deadlines --confirm 000.00.00.H99-260302-0001 --reason "Chờ xác minh của xã khác" --new-date 2026-03-10']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.deadlinesHandler));
  },
};

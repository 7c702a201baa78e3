import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'amend',
  summary: { vi: 'đính chính thông tin người nộp (họ tên, số định danh, điện thoại, …) có ghi lý do', en: "correct the applicant's details (name, ID number, phone, …) with a reason" },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .argument('<code>', t({ vi: 'mã hồ sơ (hoặc phần cuối duy nhất của mã)', en: 'dossier code (or a unique end of it)' }))
      .option('--name <text>', t({ vi: 'họ và tên đúng', en: 'the correct full name' }))
      .option('--id-number <id>', t({ vi: 'số định danh cá nhân đúng (12 số)', en: 'the correct personal ID number (12 digits)' }))
      .option('--birth-date <date>', t({ vi: 'ngày sinh đúng (dd/mm/yyyy)', en: 'the correct date of birth (dd/mm/yyyy)' }))
      .option('--phone <number>', t({ vi: 'số điện thoại đúng ("" để xóa)', en: 'the correct phone number ("" to remove)' }))
      .option('--email <address>', t({ vi: 'thư điện tử đúng ("" để xóa)', en: 'the correct e-mail ("" to remove)' }))
      .option('--address <text>', t({ vi: 'địa chỉ đúng ("" để xóa)', en: 'the correct address ("" to remove)' }))
      .option('--representative', t({ vi: 'đính chính người nộp thay thay vì người đứng tên hồ sơ', en: 'correct the representative instead of the applicant' }))
      .option('--reason <text>', t({ vi: 'lý do đính chính (bắt buộc, ghi vào lịch sử hồ sơ)', en: 'why (required, kept in the history)' }))
      .option('--reprint', t({ vi: 'in lại Giấy tiếp nhận (Mẫu 01) với thông tin đã đính chính', en: 'print the receipt (Mẫu 01) again with the corrected details' }))
      .option('--operator <name>', t({ vi: 'người đính chính', en: 'who corrects it' }))
      .option('--json', t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(cmd, [
      'gov-desk amend 000.00.00.H99-260302-0001 --phone 0987654321 --reason "Công dân báo số mới"',
      'gov-desk amend 0001 --name "Nguyễn Thị Hương" --reason "Gõ nhầm dấu" --reprint',
    ]);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.amendHandler));
  },
};

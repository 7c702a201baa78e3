import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'ledger',
  summary: {
    vi: 'in Sổ theo dõi hồ sơ (Mẫu 06; từ 15/9/2025 Mẫu 07) ra PDF A4 và CSV',
    en: 'print the register of dossiers (Mẫu 06; from 15/9/2025 Mẫu 07) as an A4 PDF and CSV',
  },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .option('--from <date>', t({ vi: 'hồ sơ tiếp nhận từ ngày (YYYY-MM-DD hoặc dd/mm/yyyy)', en: 'dossiers received from this date (YYYY-MM-DD or dd/mm/yyyy)' }))
      .option('--to <date>', t({ vi: 'hồ sơ tiếp nhận đến ngày, tính cả ngày này (dd/mm/yyyy hoặc YYYY-MM-DD)', en: 'dossiers received up to this date, inclusive (dd/mm/yyyy or YYYY-MM-DD)' }))
      .option('--book <book>', t({ vi: 'chỉ một quyển sổ ("Quyển số" trên Giấy tiếp nhận)', en: 'one register book only (the "Quyển số" on the receipt)' }))
      .option('--csv [file]', t({ vi: 'ghi CSV (UTF-8 có BOM, xuống dòng CRLF: Excel mở đúng dấu); mặc định trong <home>/documents/reports/', en: 'write CSV (UTF-8 with BOM, CRLF: Excel shows the diacritics); default under <home>/documents/reports/' }))
      .option('--pdf [file]', t({ vi: 'ghi PDF khổ A4 ngang; mặc định trong <home>/documents/reports/', en: 'write the A4 landscape PDF; default under <home>/documents/reports/' }))
      .option('--json', t({ vi: 'một tài liệu JSON {schemaVersion, rows, files}; chỉ ghi tệp khi có --csv/--pdf', en: 'one JSON document {schemaVersion, rows, files}; files only with --csv/--pdf' }));
    cmd.addHelpText('after', `\n${t({
      vi: 'Không có --csv, --pdf, --json: ghi cả PDF và CSV. Đường dẫn các tệp in ra stdout.',
      en: 'Without --csv, --pdf or --json: writes both the PDF and the CSV. The file paths go to stdout.',
    })}\n`);
    kit.examples(cmd, [
      'gov-desk ledger --from 2026-03-01 --to 2026-03-31',
      'gov-desk ledger --book 2026 --pdf so-2026.pdf',
      'gov-desk ledger --from 01/01/2026 --csv',
      'gov-desk ledger --json',
    ]);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.ledgerHandler));
  },
};

import type { CommandDefinition } from '../types.js';

const T = {
  help: { vi: 'hiện trợ giúp', en: 'show help' },
  helpCmd: { vi: 'hiện trợ giúp của một lệnh con', en: 'display help for a subcommand' },
  json: { vi: 'in một tài liệu JSON (schemaVersion 1) ra stdout', en: 'print one JSON document (schemaVersion 1) on stdout' },
  list: { vi: 'liệt kê các thủ tục trong danh mục', en: 'list the procedures in the catalogue' },
  field: { vi: 'chỉ các thủ tục thuộc lĩnh vực này (không phân biệt dấu, hoa thường)', en: 'only procedures of this field (ignores diacritics and case)' },
  show: { vi: 'xem đầy đủ một thủ tục: thời hạn, phí, thành phần hồ sơ, căn cứ pháp lý', en: 'show one procedure in full: time limits, fees, dossier components, legal basis' },
  code: { vi: 'mã thủ tục, vd. 1.001193', en: 'procedure code, e.g. 1.001193' },
  full: { vi: 'in cả lời văn đầy đủ trên Cổng của từng thành phần hồ sơ', en: "also print the portal's full wording of each component" },
  details: { vi: 'giải thích các dấu (?) chưa xác nhận: ghi chú về thời hạn, danh sách điểm chưa xác nhận, lời văn đầy đủ', en: 'explain the (?) unconfirmed marks: notes on time limits, the unconfirmed points, the full wording' },
  search: { vi: 'tìm thủ tục theo tên hoặc mã (không cần gõ dấu)', en: 'find procedures by name or code (diacritics optional)' },
  words: { vi: 'từ khóa', en: 'search words' },
  limit: { vi: 'số kết quả tối đa (mặc định 10)', en: 'maximum number of results (default 10)' },
};

/** `gov-desk catalog list|show|search|print` (docs/catalog.md). */
export const definition: CommandDefinition = {
  name: 'catalog',
  summary: { vi: 'danh mục thủ tục hành chính cấp xã: liệt kê, xem, tìm kiếm', en: 'catalogue of commune procedures: list, show, search' },
  configure(cmd, kit) {
    const t = kit.t;
    const handler = (name: 'listHandler' | 'showHandler' | 'searchHandler') => () => import('./handler.js').then((m) => m[name]);
    cmd.helpCommand('help [command]', t(T.helpCmd));

    const list = cmd
      .command('list')
      .description(t(T.list))
      .helpOption('-h, --help', t(T.help))
      .option('--field <text>', t(T.field))
      .option('--json', t(T.json));
    kit.handle(list, handler('listHandler'));

    const show = cmd
      .command('show')
      .description(t(T.show))
      .helpOption('-h, --help', t(T.help))
      .argument('<code>', t(T.code))
      .option('--full', t(T.full))
      .option('--details', t(T.details))
      .option('--json', t(T.json));
    kit.handle(show, handler('showHandler'));

    const search = cmd
      .command('search')
      .description(t(T.search))
      .helpOption('-h, --help', t(T.help))
      .argument('<words...>', t(T.words))
      .option('--limit <n>', t(T.limit))
      .option('--json', t(T.json));
    kit.handle(search, handler('searchHandler'));

    const print = cmd
      .command('print')
      .description(t({ vi: 'in tờ "Giấy tờ cần mang" (A5) của một thủ tục cho công dân phải quay lại: giấy tờ, điều kiện, thời hạn, phí, nơi nộp trực tuyến, mã QR tới trang thủ tục', en: 'print the A5 "what to bring" sheet of a procedure for a citizen who must come back: papers, conditions, time limit, fee, where to file online, a QR to its page' }))
      .helpOption('-h, --help', t(T.help))
      .argument('<code...>', t({ vi: 'mã thủ tục, phần cuối của mã hoặc vài chữ không dấu', en: 'procedure code, the end of a code or a few words without diacritics' }))
      .option('--out <file>', t({ vi: 'ghi PDF vào tệp này (mặc định: <home>/documents/huong-dan/)', en: 'write the PDF here (default: <home>/documents/huong-dan/)' }))
      .option('--printer [name]', t({ vi: 'gửi tới máy in (không có tên: máy in mặc định)', en: 'send to the printer (without a name: the default printer)' }))
      .option('--open', t({ vi: 'mở bằng trình xem PDF mặc định', en: 'open in the default PDF viewer' }))
      .option('--json', t(T.json));
    kit.handle(print, () => import('./print.js').then((m) => m.printHandler));

    const imp = cmd
      .command('import')
      .description(t({ vi: 'thêm hoặc thay tệp thủ tục riêng của xã (<mã>.json) vào kho dữ liệu: thư mục procedures/ của máy, hoặc cơ sở dữ liệu dùng chung cho mọi máy', en: "add or replace the commune's own procedure file (<code>.json) in the store: this PC's procedures/ folder, or the shared database for every desk" }))
      .helpOption('-h, --help', t(T.help))
      .argument('<file>', t({ vi: 'tệp JSON của thủ tục (định dạng: docs/catalog.md)', en: 'the procedure JSON file (format: docs/catalog.md)' }))
      .option('--json', t(T.json));
    kit.handle(imp, () => import('./import.js').then((m) => m.catalogImport));

    kit.examples(cmd, [
      'gov-desk catalog list',
      'gov-desk catalog list --field "ho tich"',
      'gov-desk catalog show 1.001193',
      'gov-desk catalog show 1.001193 --json',
      'gov-desk catalog search dang ky khai sinh',
      'gov-desk catalog search "chứng thực" --limit 3 --json',
      'gov-desk catalog print 1.001193',
    ]);
  },
};

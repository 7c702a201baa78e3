import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'scan-import',
  summary: { vi: 'số hóa hồ sơ giấy: gắn bản quét (PDF, JPEG, PNG, TIFF) vào thành phần hồ sơ', en: 'digitise the paper dossier: attach scans (PDF, JPEG, PNG, TIFF) to its components' },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .argument('<code>', t({ vi: 'mã hồ sơ', en: 'dossier code' }))
      .argument('[files...]', t({ vi: 'các tệp quét', en: 'scanned files' }))
      .option('--component <id>', t({ vi: 'thành phần hồ sơ của mọi tệp (xem `gov-desk show MÃ`); không có thì hỏi, hoặc đoán theo tên tệp', en: 'the component of every file (see `gov-desk show CODE`); otherwise asked, or matched by file name' }))
      .option('--from-dir <dir>', t({ vi: 'nhập mọi tệp trong thư mục', en: 'import every file in a folder' }))
      .option('--watch <dir>', t({ vi: 'theo dõi thư mục đầu ra của máy quét, nhập tệp mới khi đã ghi xong, đến khi bấm Ctrl-C', en: "watch a scanner's output folder, import new files once written, until Ctrl-C" }))
      .option('--settle-ms <n>', t({ vi: 'tệp được coi là ghi xong khi kích thước và thời điểm sửa không đổi trong n mili giây (mặc định 2000)', en: 'a file is complete when its size and time stay unchanged for n milliseconds (default 2000)' }))
      .option('--max-size-mb <n>', t({ vi: 'giới hạn dung lượng một tệp lưu trữ, MiB (mặc định 10; GOV_DESK_SCAN_MAX_MB)', en: 'size limit of one stored file, MiB (default 10; GOV_DESK_SCAN_MAX_MB)' }))
      .option('--max-pages <n>', t({ vi: 'giới hạn số trang một tệp (mặc định 100; GOV_DESK_SCAN_MAX_PAGES)', en: 'page limit of one file (default 100; GOV_DESK_SCAN_MAX_PAGES)' }))
      .option('--detach <component[:file]>', t({ vi: 'gỡ bản quét gắn nhầm (cả thành phần, hoặc một tệp theo tên); ghi vào lịch sử, tệp được giữ trong attachments/MÃ/detached/', en: 'take back a wrongly attached scan (the whole component, or one file by name); recorded in the history, the file is kept in attachments/CODE/detached/' }))
      .option('--reason <text>', t({ vi: 'lý do gỡ (với --detach)', en: 'why (with --detach)' }))
      .option('--max-megapixels <n>', t({ vi: 'giới hạn điểm ảnh một trang ảnh, megapixel (mặc định 50, đủ cho A4 600 dpi; GOV_DESK_SCAN_MAX_MEGAPIXELS)', en: 'pixel limit of one picture page, megapixels (default 50, enough for A4 at 600 dpi; GOV_DESK_SCAN_MAX_MEGAPIXELS)' }))
      .option('--operator <name>', t({ vi: 'người số hóa (mã hoặc họ tên; mặc định GOV_DESK_OPERATOR, rồi cán bộ mặc định của hồ sơ cấu hình)', en: 'who digitises (id or full name; default GOV_DESK_OPERATOR, then the default operator of the profile)' }))
      .option('--json', t({ vi: 'in kết quả JSON (--watch: mỗi lần nhập một dòng)', en: 'print JSON (--watch: one line per import)' }));
    kit.examples(cmd, [
      'gov-desk scan-import 000.00.00.H99-260302-0001 to-khai.jpg to-khai-2.jpg giay-chung-sinh.pdf',
      'gov-desk scan-import 000.00.00.H99-260302-0001 scan0001.pdf --component giay-chung-sinh',
      'gov-desk scan-import 000.00.00.H99-260302-0001 --from-dir D:\\Scans\\HS0001 --no-input --json',
      'gov-desk scan-import 000.00.00.H99-260302-0001 --watch D:\\Scans --component to-khai',
      'gov-desk scan-import 000.00.00.H99-260302-0001 --detach giay-chung-sinh --reason "Quét nhầm giấy tờ khác"',
    ]);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.scanImportHandler));
  },
};

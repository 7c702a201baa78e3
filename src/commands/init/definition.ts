import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'init',
  summary: { vi: 'tạo hồ sơ cấu hình của xã (tương tác hoặc bằng tham số)', en: "create the commune profile (interactively or from flags)" },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .option('--example', t({ vi: 'cài hồ sơ ví dụ (xã Suối Kiết, dữ liệu hư cấu) để dùng thử', en: 'install the example profile (fictitious Suối Kiết commune) to try the tool' }))
      .option('--commune-name <text>', t({ vi: 'tên UBND xã, ví dụ "Ủy ban nhân dân xã Suối Kiết"', en: 'commune People\'s Committee name' }))
      .option('--centre-name <text>', t({ vi: 'tên Trung tâm Phục vụ hành chính công', en: 'service centre name' }))
      .option('--province <text>', t({ vi: 'tỉnh/thành phố', en: 'province' }))
      .option('--place <text>', t({ vi: 'địa danh ghi trên văn bản ("Suối Kiết, ngày …")', en: 'place name printed on documents' }))
      .option('--agency-code <code>', t({ vi: 'mã định danh cơ quan (dùng trong mã hồ sơ)', en: 'agency identity code (used in dossier codes)' }))
      .option('--address <text>', t({ vi: 'địa chỉ trụ sở', en: 'address' }))
      .option('--phone <text>', t({ vi: 'số điện thoại của Trung tâm', en: 'centre phone number' }))
      .option('--email <text>', t({ vi: 'thư điện tử của Trung tâm', en: 'centre e-mail' }))
      .option('--hours <ranges>', t({ vi: 'giờ tiếp nhận, ví dụ "07:00-11:30,13:30-17:00"', en: 'counter hours, e.g. "07:00-11:30,13:30-17:00"' }))
      .option('--departments <list>', t({ vi: 'các phòng: "ma=Tên;ma=Tên"', en: 'departments: "id=Name;id=Name"' }))
      .option('--field-department <field=id...>', t({ vi: 'lĩnh vực → phòng xử lý (lặp lại được)', en: 'procedure field → department (repeatable)' }))
      .option('--portal-url <url>', t({ vi: 'địa chỉ hệ thống một cửa của tỉnh (portal.baseUrl)', en: 'provincial one-stop system address (portal.baseUrl)' }))
      .option('--portal-client-id <id>', t({ vi: 'mã ứng dụng kết nối cổng tỉnh (portal.clientId)', en: 'portal client id (portal.clientId)' }))
      .option('--operators <list>', t({ vi: 'cán bộ tiếp nhận: "Họ và tên|Chức danh;Họ và tên|Chức danh"', en: 'operators at the desk: "Full Name|Title;Full Name|Title"' }))
      .option('--default-operator <id>', t({ vi: 'cán bộ mặc định (mã hoặc họ tên; mặc định người đầu tiên)', en: 'default operator (id or name; default: the first)' }))
      .option('--tracking-url <template>', t({ vi: 'trang tra cứu hồ sơ in trong mã QR, có {code} (chưa xác nhận: tùy cấu hình)', en: 'dossier look-up page printed as the QR code, with {code} (UNCONFIRMED: configurable)' }))
      .option('--force', t({ vi: 'ghi đè hồ sơ cấu hình đã có', en: 'overwrite an existing profile' }))
      .option('--json', t({ vi: 'in kết quả dạng JSON', en: 'print the result as JSON' }));
    kit.examples(cmd, ['gov-desk init --example --no-input', 'gov-desk init', 'gov-desk init --no-input --commune-name "Ủy ban nhân dân xã A" --centre-name "Trung tâm PVHCC xã A" --province "Lâm Đồng" --place "A" --agency-code 000.00.00.H99 --address "Thôn 1" --phone 0263000000 --hours 07:00-11:30,13:30-17:00 --departments "van-phong=Văn phòng HĐND và UBND" --field-department "Hộ tịch=van-phong" --operators "Trần Văn Đức|Công chức Văn phòng - Thống kê"']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.initHandler));
  },
};

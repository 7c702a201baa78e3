import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'intake',
  summary: { vi: 'tiếp nhận hồ sơ tại quầy: kiểm tra giấy tờ, cấp mã, in Mẫu 01/02/03', en: 'receive a dossier at the counter: check papers, issue the code, print Mẫu 01/02/03' },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .option('--procedure <code>', t({ vi: 'mã thủ tục, ví dụ 1.001193', en: 'procedure code, e.g. 1.001193' }))
      .option('--channel <channel>', t({ vi: 'kênh nộp: in-person (trực tiếp), postal (bưu chính), online (trực tuyến có hỗ trợ; mặc định cho thủ tục chỉ nhận trực tuyến từ 01/10/2025)', en: 'channel: in-person, postal, online (assisted; the default for services online only from 1/10/2025)' }))
      .option('--case <id>', t({ vi: 'trường hợp của thủ tục (xem `catalog show`); bắt buộc khi thời hạn tùy trường hợp, ví dụ 1.013225 nha-o-rieng-le', en: 'the case of the procedure (see `catalog show`); required where the time limit depends on it, e.g. 1.013225 nha-o-rieng-le' }))
      .option('--vneid-level2 <yes|no>', t({ vi: 'công dân có tài khoản VNeID mức 2 (kênh online)', en: 'the citizen has a level-2 VNeID account (online channel)' }))
      .option('--id-qr <text>', t({ vi: 'dòng QR trên thẻ căn cước (điền số định danh, họ tên, ngày sinh, giới tính, địa chỉ)', en: 'the ID card QR line (fills number, name, birth date, sex, address)' }))
      .option('--name <text>', t({ vi: 'họ và tên người nộp', en: "applicant's full name" }))
      .option('--id-number <digits>', t({ vi: 'số định danh cá nhân (12 chữ số)', en: 'personal identification number (12 digits)' }))
      .option('--birth-date <date>', t({ vi: 'ngày sinh (dd/mm/yyyy hoặc yyyy-mm-dd)', en: 'date of birth (dd/mm/yyyy or yyyy-mm-dd)' }))
      .option('--phone <number>', t({ vi: 'số điện thoại di động', en: 'mobile number' }))
      .option('--email <address>', t({ vi: 'thư điện tử', en: 'e-mail' }))
      .option('--address <text>', t({ vi: 'địa chỉ', en: 'address' }))
      .option('--organisation <name>', t({ vi: 'người nộp là tổ chức: tên tổ chức (người nộp --name… là người đại diện cho tổ chức)', en: 'the applicant is an organisation: its name (the person --name… acts for it)' }))
      .option('--tax-code <digits>', t({ vi: 'mã số thuế của tổ chức (10 chữ số, hoặc 10-3)', en: "the organisation's tax code (10 digits, or 10-3)" }))
      .option('--organisation-address <text>', t({ vi: 'địa chỉ trụ sở của tổ chức', en: "the organisation's address" }))
      .option('--rep-name <text>', t({ vi: 'người đại diện/được ủy quyền: họ tên', en: 'representative: full name' }))
      .option('--rep-id-number <digits>', t({ vi: 'người đại diện: số định danh', en: 'representative: identification number' }))
      .option('--rep-birth-date <date>', t({ vi: 'người đại diện: ngày sinh', en: 'representative: date of birth' }))
      .option('--rep-phone <number>', t({ vi: 'người đại diện: số điện thoại', en: 'representative: phone' }))
      .option('--party <spec...>', t({ vi: 'một bên mà thủ tục nêu tên (kết hôn: ben-nam, ben-nu; xem `catalog show`): "role=ben-nu,name=…,id=…,birth=dd/mm/yyyy" hoặc "role=ben-nam,applicant" (lặp lại được)', en: 'a party the procedure names (marriage: ben-nam, ben-nu; see `catalog show`): "role=ben-nu,name=…,id=…,birth=dd/mm/yyyy" or "role=ben-nam,applicant" (repeatable)' }))
      .option('--party-qr <role=qr...>', t({ vi: 'dòng QR trên thẻ căn cước của một bên: "ben-nu=<dòng QR>" (lặp lại được)', en: 'a party\'s ID card QR line: "ben-nu=<QR line>" (repeatable)' }))
      .option('--components <ids>', t({ vi: 'các thành phần đã nộp/xuất trình, cách nhau bởi dấu phẩy (xem `catalog show`)', en: 'components handed in or shown, comma-separated (see `catalog show`)' }))
      .option('--all-components', t({ vi: 'đã có đủ mọi thành phần bắt buộc', en: 'every required component is there' }))
      .option('--invalid <id=reason...>', t({ vi: 'thành phần không hợp lệ và lý do (lặp lại được)', en: 'component not acceptable, with the reason (repeatable)' }))
      .option('--supplement-note <text>', t({ vi: 'ghi chú chung trên Mẫu 02', en: 'general note on Mẫu 02' }))
      .option('--refuse <reason>', t({ vi: 'từ chối tiếp nhận (Mẫu 03) với lý do', en: 'refuse the dossier (Mẫu 03) with the reason' }))
      .option('--delivery <method>', t({ vi: 'nhận kết quả: counter (tại quầy) hoặc post (bưu chính)', en: 'result delivery: counter or post' }))
      .option('--post-address <text>', t({ vi: 'địa chỉ nhận kết quả qua bưu chính', en: 'postal delivery address' }))
      .option('--post-zone <zone>', t({ vi: 'vùng giá cước TT 22/2017: same-district, other-district, inter-province-same-region, region-1-3-to-2, region-1-to-3', en: 'TT 22/2017 price zone: same-district, other-district, inter-province-same-region, region-1-3-to-2, region-1-to-3' }))
      .option('--post-weight <grams>', t({ vi: 'khối lượng ước tính (gam)', en: 'estimated weight (grams)' }))
      .option('--sets <n>', t({ vi: 'số bộ hồ sơ (mặc định 1)', en: 'number of sets (default 1)' }))
      .option('--no-notify', t({ vi: 'công dân từ chối nhận tin nhắn/thư điện tử', en: 'the citizen declines SMS/e-mail notifications' }))
      .option('--operator <name>', t({ vi: 'người tiếp nhận (mã hoặc họ tên; mặc định GOV_DESK_OPERATOR, rồi cán bộ mặc định của hồ sơ cấu hình)', en: 'receiving officer (id or full name; default GOV_DESK_OPERATOR, then the default operator of the profile)' }))
      .option('--received-at <iso>', t({ vi: 'thời điểm nhận hồ sơ giấy (nhập sau): dd/mm/yyyy [HH:MM] hoặc YYYY-MM-DD[THH:MM]; không được ở tương lai', en: 'when the paper dossier was received (typed up later): dd/mm/yyyy [HH:MM] or YYYY-MM-DD[THH:MM]; never in the future' }))
      .option('--allow-duplicate', t({ vi: 'vẫn tiếp nhận khi người này đang có hồ sơ mở cùng thủ tục', en: 'receive even if this person has an open dossier for the same procedure' }))
      .option('--resume <ref>', t({ vi: 'tiếp tục một lần tiếp nhận chưa đủ giấy tờ (mã tham chiếu trên Mẫu 02)', en: 'resume an incomplete intake (the reference on Mẫu 02)' }))
      .option('--from-file <file>', t({ vi: 'tiếp nhận hàng loạt từ tệp JSON, NDJSON hoặc CSV', en: 'batch intake from a JSON, NDJSON or CSV file' }))
      .option('--print [printer]', t({ vi: 'gửi giấy tờ vừa lập tới máy in (không có tên: máy in mặc định)', en: 'send the document issued to the printer (without a name: the default printer)' }))
      .option('--open', t({ vi: 'mở giấy tờ vừa lập bằng trình xem PDF mặc định', en: 'open the document issued in the default PDF viewer' }))
      .option('--json', t({ vi: 'in kết quả JSON (hàng loạt: mỗi hồ sơ một dòng)', en: 'print JSON (batch: one line per record)' }));
    kit.examples(cmd, [
      'gov-desk intake',
      'gov-desk intake --procedure 1.001193 --name "Nguyễn Thị Hường" --id-number 060190001234 --birth-date 12/05/1990 --phone 0912345678 --address "Thôn 1, xã Suối Kiết" --channel online --all-components --delivery counter --no-input --json',
      'gov-desk intake --procedure 1.001193 --id-qr "060190001234|261234567|Nguyễn Thị Hường|12051990|Nữ|Thôn 1, xã Gia Huynh, huyện Tánh Linh, tỉnh Bình Thuận|15042021" --phone 0912345678 --components mau-dien-tu,giay-chung-sinh --no-input',
      'gov-desk intake --procedure 1.013225 --case nha-o-rieng-le --channel in-person --name "Lê Văn An" --id-number 068085001122 --phone 0387654321 --all-components --no-input',
      'gov-desk intake --resume HD-260302-0001',
      'gov-desk intake --from-file fixtures/intake/sample.csv --json',
    ]);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.intakeHandler));
  },
};

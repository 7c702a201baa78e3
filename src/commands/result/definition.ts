import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'result',
  summary: { vi: 'ghi kết quả giải quyết và trả kết quả (tại quầy hoặc bưu chính)', en: 'record the decision and return the result (counter or post)' },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .argument('<code>', t({ vi: 'mã hồ sơ', en: 'dossier code' }))
      .option('--approved', t({ vi: 'hồ sơ được giải quyết (có kết quả)', en: 'the request is granted' }))
      .option('--refused <reason>', t({ vi: 'từ chối giải quyết, với lý do', en: 'the request is refused, with the reason' }))
      .option('--document <files...>', t({ vi: 'bản quét giấy tờ kết quả (PDF, JPEG, PNG)', en: 'scans of the result documents (PDF, JPEG, PNG)' }))
      .option('--decided-at-counter', t({ vi: 'kết quả giải quyết ngay tại quầy (cho phép ghi kết quả khi hồ sơ chưa số hóa, gửi hay chuyển; được ghi vào lịch sử)', en: 'decided at the counter on the spot (allows a result on a dossier never digitised, submitted or routed; recorded)' }))
      .option('--note <text>', t({ vi: 'ghi chú', en: 'note' }))
      .option('--return <how>', t({ vi: 'trả kết quả: counter (tại quầy) hoặc post (bưu chính)', en: 'return the result: counter or post' }))
      .option('--collector-id <number>', t({ vi: 'số định danh người đến nhận (tại quầy)', en: "collector's identification number (counter)" }))
      .option('--authorised', t({ vi: 'người nhận có văn bản ủy quyền hợp lệ (đã kiểm tra)', en: 'the collector holds a valid written authorisation (checked)' }))
      .option('--tracking <number>', t({ vi: 'số hiệu bưu gửi', en: 'postal tracking number' }))
      .option('--weight-grams <n>', t({ vi: 'khối lượng bưu gửi (gam, mặc định 100)', en: 'parcel weight in grams (default 100)' }))
      .option('--post-zone <zone>', t({ vi: 'vùng giá cước TT 22/2017 (mặc định như khi tiếp nhận, hoặc same-district)', en: 'TT 22/2017 price zone (default: as at reception, else same-district)' }))
      .option('--delivery-days <n>', t({ vi: 'số ngày làm việc chuyển phát dự kiến (mặc định 3; chưa có quy định chung)', en: 'expected delivery in working days (default 3; no general rule confirmed)' }))
      .option('--change-delivery', t({ vi: 'hồ sơ đăng ký nhận tại quầy, công dân đồng ý nhận qua bưu chính (ghi vào lịch sử)', en: 'registered for the counter, the citizen agrees to a postal return (recorded)' }))
      .option('--yes', t({ vi: 'không hỏi xác nhận cước phí', en: 'do not ask to confirm the postage' }))
      .option('--operator <name>', t({ vi: 'người thực hiện', en: 'who does it' }))
      .option('--json', t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(cmd, [
      'gov-desk result 000.00.00.H99-260302-0001 --approved --document ket-qua.pdf',
      'gov-desk result 000.00.00.H99-260302-0001 --refused "Không đủ điều kiện theo quy định"',
      'gov-desk result 000.00.00.H99-260302-0001 --return counter --collector-id 060190001234',
      'gov-desk result 000.00.00.H99-260302-0001 --return post --tracking EL123456789VN --weight-grams 150',
    ]);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.resultHandler));
  },
};

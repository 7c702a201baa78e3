import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'route',
  summary: { vi: 'chuyển hồ sơ đến phòng chuyên môn, nhận bàn giao, yêu cầu bổ sung', en: 'hand a dossier to a department, accept it, request a supplement' },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .argument('<code>', t({ vi: 'mã hồ sơ', en: 'dossier code' }))
      .option('--to <department>', t({ vi: 'phòng nhận (mặc định theo lĩnh vực trong hồ sơ cấu hình)', en: 'receiving department (default: by field, from the profile)' }))
      .option('--note <text>', t({ vi: 'ghi chú bàn giao', en: 'hand-over note' }))
      .option('--accept', t({ vi: 'công chức chuyên môn xác nhận đã nhận hồ sơ', en: 'the receiving officer confirms the hand-over' }))
      .option('--return', t({ vi: 'chuyển trả hồ sơ về bộ phận một cửa', en: 'send the dossier back to the counter' }))
      .option('--request-supplement <reason>', t({ vi: 'yêu cầu công dân bổ sung giấy tờ (tạm dừng tính hạn, in Mẫu 02)', en: 'ask the citizen for more papers (pauses the clock, prints Mẫu 02)' }))
      .option('--components <ids>', t({ vi: 'thành phần cần bổ sung, cách nhau bởi dấu phẩy', en: 'components to supply, comma-separated' }))
      .option('--supplement-received', t({ vi: 'đã nhận giấy tờ bổ sung: tính lại ngày hẹn trả', en: 'the papers arrived: resume the clock with a new appointment' }))
      .option('--control-slip', t({ vi: 'in Phiếu kiểm soát quá trình giải quyết hồ sơ', en: 'print the control slip' }))
      .option('--operator <name>', t({ vi: 'người thực hiện', en: 'who does it' }))
      .option('--json', t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(cmd, [
      'gov-desk route 000.00.00.H99-260302-0001',
      'gov-desk route 000.00.00.H99-260302-0001 --to van-phong --note "Hồ sơ khai sinh"',
      'gov-desk route 000.00.00.H99-260302-0001 --accept --operator "Lê Thị Mai"',
      'gov-desk route 000.00.00.H99-260302-0001 --request-supplement "Giấy chứng sinh bị mờ" --components giay-chung-sinh',
      'gov-desk route 000.00.00.H99-260302-0001 --supplement-received',
      'gov-desk route 000.00.00.H99-260302-0001 --return --note "Đã ký"',
    ]);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.routeHandler));
  },
};

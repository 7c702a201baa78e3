import type { CommandDefinition } from '../types.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `gov-desk guide` (issue 17): the community digital team's guidance desk; docs/guidance.md. */
export const definition: CommandDefinition = {
  name: 'guide',
  summary: { vi: 'bàn hướng dẫn của Tổ công nghệ số cộng đồng: ghi nhận mỗi lượt hỗ trợ công dân', en: "the community digital team's guidance desk: record each citizen helped" },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .option('--kind <kinds>', t({ vi: 'loại hỗ trợ, lặp lại được hoặc cách nhau bởi dấu phẩy: explain, checklist, vneid, self-filed, assisted, other', en: 'kind of help, repeatable or comma-separated: explain, checklist, vneid, self-filed, assisted, other' }), collect)
      .option('--name <text>', t({ vi: 'họ và tên công dân', en: "citizen's full name" }))
      .option('--phone <number>', t({ vi: 'số điện thoại di động', en: 'mobile number' }))
      .option('--id <digits>', t({ vi: 'số định danh cá nhân (12 chữ số)', en: 'personal identification number (12 digits)' }))
      .option('--id-qr <text>', t({ vi: 'dòng QR trên thẻ căn cước (điền họ tên và số định danh)', en: 'the ID card QR line (fills name and number)' }))
      .option('--procedure <code|words>', t({ vi: 'thủ tục: mã, phần cuối của mã, hoặc vài chữ không dấu', en: 'procedure: code, end of a code, or a few words without diacritics' }))
      .option('--dossier <code>', t({ vi: 'hồ sơ do bước tiếp nhận cấp (bắt buộc với assisted; phần cuối của mã là đủ)', en: 'the dossier intake created (required with assisted; its end is enough)' }))
      .option('--note <text>', t({ vi: 'ghi chú', en: 'note' }))
      .option('--member <name>', t({ vi: 'thành viên tổ đã hỗ trợ (mã hoặc họ tên; mặc định GOV_DESK_OPERATOR, rồi cán bộ mặc định)', en: 'team member who helped (id or full name; default GOV_DESK_OPERATOR, then the default operator)' }))
      .option('--minutes <n>', t({ vi: 'số phút đã hỗ trợ', en: 'minutes spent' }))
      .option('--at <time>', t({ vi: 'thời điểm hỗ trợ (ghi sau): dd/mm/yyyy HH:MM; không ở tương lai', en: 'when the help was given (typed up later): dd/mm/yyyy HH:MM; never in the future' }))
      .option('--from-file <file>', t({ vi: 'ghi hàng loạt từ tệp CSV/JSON/NDJSON; một dòng sai thì không ghi gì', en: 'batch from a CSV/JSON/NDJSON file; one bad row and nothing is written' }))
      .option('--json', t({ vi: 'in kết quả JSON', en: 'print JSON' }));
    const list = cmd
      .command('list')
      .description(t({ vi: 'các lượt hỗ trợ trong ngày (mặc định hôm nay) hoặc trong kỳ', en: "the day's records (default today) or a period's" }))
      .helpOption('-h, --help', t({ vi: 'hiện trợ giúp', en: 'show help' }))
      .option('--from <date>', t({ vi: 'từ ngày (dd/mm/yyyy hoặc YYYY-MM-DD)', en: 'from this date (dd/mm/yyyy or YYYY-MM-DD)' }))
      .option('--to <date>', t({ vi: 'đến ngày, tính cả ngày này', en: 'to this date, inclusive' }))
      .option('--member <name>', t({ vi: 'chỉ của thành viên này (không cần dấu)', en: 'only this member (diacritics optional)' }))
      .option('--json', t({ vi: 'một tài liệu JSON', en: 'one JSON document' }));
    kit.handle(list, () => import('./list.js').then((m) => m.guideListHandler));
    kit.examples(cmd, [
      'gov-desk guide',
      'gov-desk guide --kind explain,checklist --name "Nguyễn Thị Hường" --phone 0912345678 --procedure "dang ky khai sinh" --minutes 5 --no-input',
      'gov-desk guide --kind vneid --kind self-filed --id 060190001234 --procedure 1.001193 --no-input --json',
      'gov-desk guide --kind assisted --dossier 0001 --procedure 1.001193 --no-input',
      'gov-desk guide --from-file huong-dan.csv --json',
      'gov-desk guide list',
    ]);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.guideHandler));
  },
};

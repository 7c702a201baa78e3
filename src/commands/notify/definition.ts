import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'notify',
  summary: { vi: 'báo tin cho công dân qua SMS và thư điện tử; gửi các tin đang chờ', en: 'notify citizens by SMS and e-mail; send queued messages' },
  configure(cmd, kit) {
    const t = kit.t;
    const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];
    cmd
      .argument('[code]', t({ vi: 'mã hồ sơ', en: 'dossier code' }))
      .option('--event <event>', t({ vi: 'sự kiện: received, supplement-needed, result-ready, late, returned', en: 'event: received, supplement-needed, result-ready, late, returned' }))
      .option('--channel <channel>', t({ vi: 'chỉ một kênh: sms hoặc email (mặc định: mọi kênh đã cấu hình)', en: 'one channel only: sms or email (default: every configured channel)' }))
      .option('--var <key=value>', t({ vi: 'giá trị cho mẫu, lặp lại được (ví dụ tracking=EB123456789VN, reason=..., newDueDate=...)', en: 'template value, repeatable (e.g. tracking=EB123456789VN, reason=..., newDueDate=...)' }), collect)
      .option('--message-lang <lang>', t({ vi: 'ngôn ngữ của tin gửi công dân: vi (mặc định) hoặc en', en: 'language of the message to the citizen: vi (default) or en' }))
      .option('--resend', t({ vi: 'gửi lại (một lượt mới) dù sự kiện này đã được báo', en: 'send again (a new series) although this event was already notified' }))
      .option('--dry-run', t({ vi: 'chỉ xem nội dung, số phần tin và chi phí ước tính; không gửi, không ghi', en: 'show the messages, segments and estimated cost; send and write nothing' }))
      .option('--pending', t({ vi: 'gửi mọi tin đang chờ trong hàng đợi', en: 'send every queued message' }))
      .option('--retry-failed', t({ vi: 'cùng --pending: thử lại các tin lỗi kỹ thuật đã ngừng thử', en: 'with --pending: try again technical failures that were given up' }))
      .option('--include-uncertain', t({ vi: 'cùng --pending: gửi lại tin không rõ đã đi hay chưa (hỏi công dân trước)', en: 'with --pending: re-send messages whose outcome is unknown (ask the citizen first)' }))
      .option('--poll', t({ vi: 'hỏi cổng SMS trạng thái các tin đã gửi', en: 'ask the SMS gateway for the status of sent messages' }))
      .option('--list', t({ vi: 'xem hàng đợi tin nhắn và trạng thái', en: 'show the message outbox and statuses' }))
      .option('--config', t({ vi: 'xem cấu hình gửi tin đang dùng (không hiện mật khẩu, khóa)', en: 'show the settings in use (passwords and keys hidden)' }))
      .option('--operator <name>', t({ vi: 'người thực hiện (mã hoặc họ tên; mặc định GOV_DESK_OPERATOR, rồi cán bộ mặc định của hồ sơ cấu hình)', en: 'operator (id or full name; default GOV_DESK_OPERATOR, then the default operator of the profile)' }))
      .option('--json', t({ vi: 'in kết quả JSON (một tài liệu)', en: 'print JSON (one document)' }));
    kit.examples(cmd, [
      'gov-desk notify 000.00.00.H99-260302-0001 --event received --dry-run',
      'gov-desk notify 000.00.00.H99-260302-0001 --event result-ready --channel sms',
      'gov-desk notify 000.00.00.H99-260302-0001 --event result-ready --var tracking=EB123456789VN',
      'gov-desk notify --pending --json',
      'gov-desk notify --poll',
      'gov-desk notify templates --preview received --code 000.00.00.H99-260302-0001',
    ]);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.notifyHandler));

    const tpl = cmd
      .command('templates')
      .description(t({ vi: 'xem các mẫu tin nhắn; --preview để xem tin của một hồ sơ', en: 'list the message templates; --preview shows the message for a dossier' }))
      .helpOption('-h, --help', t({ vi: 'hiện trợ giúp', en: 'show help' }))
      .option('--preview <event>', t({ vi: 'sự kiện cần xem trước', en: 'event to preview' }))
      .option('--code <code>', t({ vi: 'mã hồ sơ dùng để xem trước', en: 'dossier code for the preview' }))
      .option('--message-lang <lang>', t({ vi: 'ngôn ngữ của tin: vi hoặc en', en: 'language of the message: vi or en' }))
      .option('--json', t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(tpl, ['gov-desk notify templates', 'gov-desk notify templates --preview received --code 000.00.00.H99-260302-0001']);
    kit.handle(tpl, () => import('./templates.js').then((m) => m.templatesHandler));
  },
};

import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'db',
  summary: { vi: 'cơ sở dữ liệu PostgreSQL dùng chung của trung tâm: trạng thái, cập nhật cấu trúc, chuyển dữ liệu một máy vào', en: 'the centre’s shared PostgreSQL database: status, schema migrations, moving a one-PC home in' },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .argument('<action>', t({ vi: 'status (phiên bản cấu trúc), migrate (áp dụng các bước còn thiếu) hoặc copy (chép thư mục dữ liệu một máy vào, cần --from)', en: 'status (schema version), migrate (apply the missing steps) or copy (move a one-PC home in, needs --from)' }))
      .option('--from <dir>', t({ vi: 'copy: thư mục dữ liệu của máy cũ (không bị thay đổi)', en: 'copy: the old PC’s data folder (left untouched)' }))
      .option('--json', t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(cmd, ['GOV_DESK_DATABASE_URL=postgres://govdesk_owner@db.local/govdesk?sslmode=verify-full gov-desk db migrate', 'gov-desk db status --json', 'gov-desk db copy --from /media/usb/gov-desk-old']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.dbHandler));
  },
};

import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'db',
  summary: { vi: 'cơ sở dữ liệu PostgreSQL dùng chung của trung tâm: trạng thái, cập nhật cấu trúc', en: 'the centre’s shared PostgreSQL database: status, schema migrations' },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .argument('<action>', t({ vi: 'status (phiên bản cấu trúc) hoặc migrate (áp dụng các bước còn thiếu)', en: 'status (schema version) or migrate (apply the missing steps)' }))
      .option('--json', t({ vi: 'in dạng JSON', en: 'print JSON' }));
    kit.examples(cmd, ['GOV_DESK_DATABASE_URL=postgres://govdesk_owner@db.local/govdesk?sslmode=verify-full gov-desk db migrate', 'gov-desk db status --json']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.dbHandler));
  },
};

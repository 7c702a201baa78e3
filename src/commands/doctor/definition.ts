import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'doctor',
  summary: {
    vi: 'kiểm tra toàn bộ dữ liệu: tệp dữ liệu, bản .bak, kho lưu trữ từng dòng, tệp đã lưu so với SHA-256',
    en: 'check all the data: the database file, its .bak, the archive line by line, stored files against their SHA-256',
  },
  configure(cmd, kit) {
    const t = kit.t;
    cmd.option('--json', t({ vi: 'một tài liệu JSON {schemaVersion, ok, problems, notes}', en: 'one JSON document {schemaVersion, ok, problems, notes}' }));
    cmd.addHelpText('after', `\n${t({
      vi: 'Chỉ đọc, không sửa gì. Mã thoát 0: không có vấn đề; 1: có vấn đề (liệt kê từng cái).',
      en: 'Read-only, changes nothing. Exit 0: no problems; 1: problems found (each one listed).',
    })}\n`);
    kit.examples(cmd, ['gov-desk doctor', 'gov-desk doctor --json']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.doctorHandler));
  },
};

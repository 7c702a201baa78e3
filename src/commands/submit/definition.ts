import type { CommandDefinition } from '../types.js';

export const definition: CommandDefinition = {
  name: 'submit',
  summary: { vi: 'gửi hồ sơ lên hệ thống một cửa của tỉnh (qua hàng đợi gửi)', en: 'submit dossiers to the provincial system (through the outbox)' },
  configure(cmd, kit) {
    const t = kit.t;
    cmd
      .argument('[codes...]', t({ vi: 'mã hồ sơ', en: 'dossier codes' }))
      .option('--all-ready', t({ vi: 'mọi hồ sơ đã số hóa đủ và chưa gửi', en: 'every dossier that is fully digitised and not yet submitted' }))
      .option('--concurrency <n>', t({ vi: 'số tệp tải lên song song (mặc định 4)', en: 'parallel uploads (default 4)' }))
      .option('--dry-run', t({ vi: 'chỉ in bản ghi sẽ gửi, không gửi', en: 'print the records that would be sent; send nothing' }))
      .option('--operator <name>', t({ vi: 'người gửi', en: 'who submits' }))
      .option('--json', t({ vi: 'mỗi hồ sơ một dòng JSON', en: 'one JSON line per dossier' }));
    kit.examples(cmd, ['gov-desk submit 000.00.00.H99-260302-0001', 'gov-desk submit --all-ready --json', 'gov-desk submit 000.00.00.H99-260302-0001 --dry-run']);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.submitHandler));
  },
};

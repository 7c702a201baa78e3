import { type Context, printJson, t, writeErr, writeOut } from '../../context.js';
import { failure, usageError } from '../../errors.js';
import type { Msg } from '../../i18n/index.js';
import { copyHome, type CopyResult, type ItemType, requireHome } from '../../store/copy.js';
import { openStore } from '../../store/index.js';
import { deskId } from '../../store/stamp.js';
import type { DatabaseConfig } from '../../store/pg/config.js';
import path from 'node:path';

const KINDS: Record<ItemType, Msg> = {
  dossier: { vi: 'hồ sơ (đang giải quyết và lưu trữ)', en: 'dossiers (open and archived)' },
  draft: { vi: 'bản nháp', en: 'drafts' },
  outbox: { vi: 'việc chờ gửi (cổng tỉnh, tin nhắn)', en: 'outbox entries (portal, notifications)' },
  counter: { vi: 'bộ đếm mã hồ sơ và số sổ', en: 'code and register counters' },
  meta: { vi: 'trạng thái đồng bộ', en: 'sync state' },
  guidance: { vi: 'lượt hướng dẫn', en: 'guidance records' },
  profile: { vi: 'hồ sơ cấu hình của xã', en: 'commune profile' },
  override: { vi: 'tệp thủ tục và lịch riêng của xã', en: 'procedure and calendar overrides' },
  file: { vi: 'tệp đính kèm và văn bản', en: 'attachments and documents' },
};

export const PROBLEMS: Record<CopyResult['differences'][number]['problem'], Msg> = {
  missing: { vi: 'không có trong cơ sở dữ liệu', en: 'not in the database' },
  'sha256-differs': { vi: 'SHA-256 khác với tệp trong thư mục', en: 'SHA-256 differs from the home’s file' },
  'fewer-events': { vi: 'ít sự kiện hơn trong thư mục', en: 'fewer events than in the home' },
  'counter-lower': { vi: 'bộ đếm thấp hơn trong thư mục', en: 'counter lower than in the home' },
  'different-item': { vi: 'cơ sở dữ liệu đã có một mục khác (công dân khác) cùng mã; mục này không được chép vào', en: 'the database holds another item (another citizen) under the same code; this one was not copied in' },
};

/** `gov-desk db copy --from DIR`: the core is src/store/copy.ts; this prints it. */
export async function dbCopy(ctx: Context, cfg: DatabaseConfig, opts: Record<string, unknown>): Promise<number> {
  if (typeof opts.from !== 'string' || !opts.from.trim()) {
    throw usageError('MISSING_VALUE', { vi: 'Thiếu giá trị bắt buộc: {flag}', en: 'Missing required value: {flag}' }, { vars: { flag: '--from' } });
  }
  const from = path.resolve(ctx.cwd, opts.from);
  await requireHome(from); // exit 2 before anything connects or is written
  const store = await openStore(ctx);
  const r = await copyHome(from, store, { desk: deskId(ctx.env, cfg.desk), now: ctx.now });
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, from: r.from, database: store.location, source: r.source, added: r.added, nothingAdded: r.nothingAdded, verified: r.differences.length === 0, differences: r.differences });
  } else {
    for (const type of Object.keys(KINDS) as ItemType[]) {
      if (r.source[type] === 0 && r.added[type] === 0) continue;
      if (type === 'counter') {
        writeOut(ctx, `${t(ctx, KINDS[type])}: ${t(ctx, { vi: '{n} trong thư mục, trong cơ sở dữ liệu không thấp hơn: {v}', en: '{n} in the home, none lower in the database: {v}' }, { n: r.source[type], v: r.verified[type] })}`);
        continue;
      }
      writeOut(ctx, `${t(ctx, KINDS[type])}: ${t(ctx, { vi: '{n} trong thư mục, thêm {a}, khớp {v}', en: '{n} in the home, {a} added, {v} verified' }, { n: r.source[type], a: r.added[type], v: r.verified[type] })}`);
    }
  }
  if (r.differences.length > 0) {
    for (const d of r.differences.slice(0, 50)) writeErr(ctx, `  ${d.type} ${d.key}: ${t(ctx, PROBLEMS[d.problem])}`);
    const e = failure('DB_COPY_MISMATCH', { vi: 'Kiểm tra sau khi sao chép thấy {n} mục khác giữa {dir} và cơ sở dữ liệu.', en: 'The check after the copy found {n} item(s) that differ between {dir} and the database.' }, {
      vars: { n: r.differences.length, dir: r.from },
      hint: { vi: 'Thư mục nguồn không bị thay đổi. Chạy lại lệnh; nếu vẫn khác, giữ nguyên máy cũ và báo cho người quản trị.', en: 'The source folder was not changed. Run the command again; if it still differs, keep using the old PC and tell the administrator.' },
      details: { differences: r.differences },
    });
    if (opts.json) {
      const m = e.render(ctx.lang);
      writeErr(ctx, `gov-desk: ${m.message}`);
      return 1;
    }
    throw e;
  }
  if (r.nothingAdded) writeErr(ctx, t(ctx, { vi: 'Không có gì để thêm: cơ sở dữ liệu đã có đủ dữ liệu của {dir} (đã kiểm tra).', en: 'Nothing to add: the database already holds everything of {dir} (checked).' }, { dir: r.from }));
  else writeErr(ctx, t(ctx, { vi: 'Đã sao chép {dir} vào {db}; số lượng và SHA-256 của mọi tệp đã được kiểm tra. Thư mục nguồn không bị thay đổi.', en: 'Copied {dir} into {db}; the counts and every file’s SHA-256 were checked. The source folder was not changed.' }, { dir: r.from, db: store.location }));
  return 0;
}

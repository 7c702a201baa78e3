import { type Context, printJson, t, writeErr } from '../../context.js';
import type { Profile } from '../../config/profile.js';
import { rememberProfileOperators } from '../../config/operators.js';
import { openStore } from '../../store/index.js';

/**
 * `init` on a desk of a centre (a database configured): the commune profile lives in the shared
 * database and is written there once. On a desk that joins later the database already holds it:
 * `init` says so and writes nothing (--force replaces it, for every desk). Nothing is written in the
 * home: a desk needs only the database URL and its operator.
 */
export async function initShared(ctx: Context, opts: Record<string, unknown>, build: () => Promise<Profile>): Promise<number> {
  const store = await openStore(ctx);
  const existing = await store.profile();
  if (existing && !opts.force) {
    if (opts.json) printJson(ctx, { schemaVersion: 1, database: store.location, written: false, commune: existing.commune });
    else {
      writeErr(ctx, t(ctx, { vi: 'Cơ sở dữ liệu dùng chung {db} đã có hồ sơ cấu hình của {name}; máy này dùng hồ sơ đó, không ghi gì.', en: 'The shared database {db} already holds the profile of {name}; this desk uses it and writes nothing.' }, { db: store.location, name: existing.commune.name }));
      writeErr(ctx, t(ctx, { vi: 'Mỗi máy chỉ cần GOV_DESK_DATABASE_URL và cán bộ của mình (--operator hoặc GOV_DESK_OPERATOR). Thêm --force để thay hồ sơ cho mọi máy.', en: 'Each desk needs only GOV_DESK_DATABASE_URL and its operator (--operator or GOV_DESK_OPERATOR). Add --force to replace the profile for every desk.' }));
    }
    return 0;
  }
  const profile = await build(); // prompts, if any, before anything is written
  await store.setProfile(profile);
  rememberProfileOperators(ctx.home, profile);
  if (opts.json) printJson(ctx, { schemaVersion: 1, database: store.location, written: true, replaced: Boolean(existing), commune: profile.commune });
  else {
    writeErr(ctx, t(ctx, { vi: 'Đã ghi hồ sơ cấu hình vào cơ sở dữ liệu dùng chung {db}.', en: 'Profile written into the shared database {db}.' }, { db: store.location }));
    writeErr(ctx, t(ctx, { vi: 'Các máy khác chỉ cần GOV_DESK_DATABASE_URL và cán bộ của mình; không cần chạy init.', en: 'Other desks need only GOV_DESK_DATABASE_URL and their operator; no init needed.' }));
  }
  return 0;
}

import os from 'node:os';
import { printJson, t, writeErr, writeOut } from '../../context.js';
import { isGovDeskError, usageError } from '../../errors.js';
import { connect, dbError } from '../../store/pg/client.js';
import { DATABASE_ENV, type DatabaseConfig, resolveDatabaseConfig } from '../../store/pg/config.js';
import { loadMigrations, migrate, schemaProblem, schemaStatus } from '../../store/pg/migrations.js';
import type { Context } from '../../context.js';
import type { Handler } from '../types.js';
import { warnPlainRemote } from '../../store/index.js';

const ACTIONS = ['status', 'migrate', 'copy'] as const;

/** The configured database, or a usage error saying how to configure one; warns about plain remote links. */
async function databaseConfig(ctx: Context): Promise<DatabaseConfig> {
  const cfg = await resolveDatabaseConfig(ctx.env, ctx.home, ctx.cwd);
  if (!cfg) {
    throw usageError('DB_NOT_CONFIGURED', { vi: 'Chưa cấu hình cơ sở dữ liệu dùng chung: đặt {env} hoặc database.url trong {home}/config.json.', en: 'No shared database configured: set {env} or database.url in {home}/config.json.' }, {
      vars: { env: DATABASE_ENV.url, home: ctx.home },
      hint: { vi: 'Máy một bàn không cần lệnh này (dữ liệu nằm trong thư mục dữ liệu). Xem docs/multi-desk.md.', en: 'A one-PC desk does not need this command (its data is in the home folder). See docs/multi-desk.md.' },
    });
  }
  warnPlainRemote(ctx, cfg);
  return cfg;
}

export const dbHandler: Handler = async (ctx, { args, opts }) => {
  const action = args[0] as (typeof ACTIONS)[number];
  if (!ACTIONS.includes(action)) {
    throw usageError('DB_UNKNOWN_ACTION', { vi: 'Không có thao tác "{action}"; chọn status, migrate hoặc copy.', en: 'No action "{action}"; choose status, migrate or copy.' }, { vars: { action: String(args[0] ?? '') } });
  }
  const cfg = await databaseConfig(ctx);
  if (action === 'copy') return (await import('./copy.js')).dbCopy(ctx, cfg, opts);
  const migrations = await loadMigrations();
  const client = await connect(cfg);
  try {
    if (action === 'status') {
      const s = await schemaStatus(client, migrations);
      const problem = schemaProblem(s);
      if (opts.json) {
        // exactly one document: the status, and the problem inside it (not a second error document)
        const r = problem?.render(ctx.lang);
        printJson(ctx, { schemaVersion: 1, database: cfg.display, ...s, ...(problem && r ? { error: { code: problem.code, message: r.message, hint: r.hint ?? null } } : {}) });
        if (problem && r) writeErr(ctx, `gov-desk: ${r.message}${r.hint ? `\n  ${t(ctx, { vi: 'Gợi ý', en: 'Hint' })}: ${r.hint}` : ''}`);
        return problem ? problem.exitCode : 0;
      }
      writeOut(ctx, `${t(ctx, { vi: 'Cơ sở dữ liệu', en: 'Database' })}: ${cfg.display}`);
      writeOut(ctx, `${t(ctx, { vi: 'Cấu trúc', en: 'Schema' })}: ${s.version}/${s.expected} (${s.state})`);
      if (problem) throw problem;
      return 0;
    }
    const r = await migrate(client, migrations, `${cfg.user}@${os.hostname()}`);
    if (opts.json) printJson(ctx, { schemaVersion: 1, database: cfg.display, applied: r.applied, version: r.status.version, state: r.status.state });
    else if (r.applied.length === 0) writeErr(ctx, t(ctx, { vi: 'Cấu trúc đã là phiên bản {v}; không có gì để làm.', en: 'The schema is already version {v}; nothing to do.' }, { v: r.status.version }));
    else writeErr(ctx, t(ctx, { vi: 'Đã áp dụng {n} bước; cấu trúc nay là phiên bản {v}.', en: 'Applied {n} step(s); the schema is now version {v}.' }, { n: r.applied.length, v: r.status.version }));
    return 0;
  } catch (e) {
    throw isGovDeskError(e) ? e : dbError(cfg, e);
  } finally {
    await client.end().catch(() => undefined);
  }
};

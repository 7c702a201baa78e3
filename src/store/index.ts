import type { Context } from '../context.js';
import { tr } from '../i18n/index.js';
import { findOperator, operatorMissing, operatorsFresh, rememberProfileOperators } from '../config/operators.js';
import { EmbeddedStore } from './embedded.js';
import type { Store } from './port.js';
import { deskId } from './stamp.js';
import { closeStores, trackStore } from './live.js';

export type { Store, StoreTx } from './port.js';

type StoreCtx = Pick<Context, 'home' | 'now' | 'env' | 'cwd'> & Partial<Pick<Context, 'stderr' | 'lang'>>;

/** Hosts already warned about in this process (a command may open the store and the db command check it). */
const warnedHosts = new Set<string>();

/** A plain (unencrypted) connection to another machine: said once per process on stderr. */
export function warnPlainRemote(ctx: Partial<Pick<Context, 'stderr' | 'lang'>>, cfg: { host: string; plainRemote: boolean }): void {
  if (!cfg.plainRemote || !ctx.stderr || warnedHosts.has(cfg.host)) return;
  warnedHosts.add(cfg.host);
  const text = tr(ctx.lang ?? 'vi', { vi: 'Cảnh báo: kết nối tới {host} không được mã hóa; trên mạng hãy dùng sslmode=verify-full.', en: 'Warning: the connection to {host} is not encrypted; over a network use sslmode=verify-full.' }, { host: cfg.host });
  ctx.stderr.write(`${text}\n`);
}

/** One store per context (one command run): a server store keeps one connection pool. */
const opened = new WeakMap<object, Promise<Store>>();

/**
 * The store this desk works on: the PostgreSQL database shared by the centre when one is configured
 * (GOV_DESK_DATABASE_URL or database.url in the home's config.json), else the embedded store under
 * GOV_DESK_HOME. Opened once per command run; `closeStores()` (bin) releases connections.
 */
export function openStore(ctx: StoreCtx): Promise<Store> {
  let p = opened.get(ctx);
  if (!p) {
    p = chooseStore(ctx).then((s) => {
      trackStore(ctx, s);
      return s;
    });
    p.catch(() => opened.delete(ctx));
    opened.set(ctx, p);
  }
  return p;
}

async function chooseStore(ctx: StoreCtx): Promise<Store> {
  const { resolveDatabaseConfig } = await import('./pg/config.js');
  const cfg = await resolveDatabaseConfig(ctx.env, ctx.home, ctx.cwd);
  if (!cfg) return new EmbeddedStore(ctx.home, deskId(ctx.env), ctx.now);
  warnPlainRemote(ctx, cfg);
  const { openPgStore } = await import('./pg/store.js');
  const store = await openPgStore(cfg, { home: ctx.home, desk: deskId(ctx.env, cfg.desk), now: ctx.now });
  // the operators of the database's profile are what --operator matches on this desk
  // (src/config/operators.ts): refreshed here when this desk's copy is missing or older than
  // OPERATORS_FRESH_MS, and by every command that reads the profile (storeProfile); a read-only
  // command (show, list) then costs no profile read and no schema library
  if (!operatorsFresh(ctx.home, ctx.now().getTime())) {
    const profile = await store.profile().catch(async (e: unknown) => {
      await store.close();
      throw e;
    });
    if (profile) rememberProfileOperators(ctx.home, profile);
  }
  return store;
}

export { closeStores };

/**
 * Who is at the desk, as a person's full name: --operator, GOV_DESK_OPERATOR, the session's choice,
 * the profile's default operator (src/config/operators.ts). Never the OS login: without a person
 * this is a usage error (exit 2), thrown before anything is written.
 */
export function operatorName(ctx: Pick<Context, 'env' | 'home'> & Partial<Pick<Context, 'now'>>, flag?: unknown): string {
  const found = findOperator(ctx, flag);
  if (!found) throw operatorMissing();
  return found.name;
}

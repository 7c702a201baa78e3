import os from 'node:os';
import type { Context } from '../context.js';
import { LowdbRepository } from './lowdb-store.js';
import type { Repository } from './repository.js';

/** The repository for this home (the embedded lowdb store). */
export function openRepository(ctx: Pick<Context, 'home' | 'now'>): Repository {
  return new LowdbRepository(ctx.home, ctx.now);
}

/** Who is at the desk: --operator, GOV_DESK_OPERATOR, else the OS user name. */
export function operatorName(ctx: Pick<Context, 'env'>, flag?: unknown): string {
  if (typeof flag === 'string' && flag.trim()) return flag.trim().normalize('NFC');
  if (ctx.env.GOV_DESK_OPERATOR?.trim()) return ctx.env.GOV_DESK_OPERATOR.trim().normalize('NFC');
  try {
    return os.userInfo().username;
  } catch {
    return 'operator';
  }
}

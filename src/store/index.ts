import type { Context } from '../context.js';
import { findOperator, operatorMissing } from '../config/operators.js';
import { LowdbRepository } from './lowdb-store.js';
import type { Repository } from './repository.js';

/** The repository for this home (the embedded lowdb store). */
export function openRepository(ctx: Pick<Context, 'home' | 'now'>): Repository {
  return new LowdbRepository(ctx.home, ctx.now);
}

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

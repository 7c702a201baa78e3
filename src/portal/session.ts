import type { Context } from '../context.js';
import type { Profile } from '../config/profile.js';
import { PortalClient, resolvePortalConfig } from './client.js';

/** A client for the configured provincial system (environment over profile; secret never printed). */
export function openPortal(ctx: Context, profile: Profile, onRetry?: ConstructorParameters<typeof PortalClient>[1] extends infer O ? (O extends { onRetry?: infer R } ? R : never) : never): PortalClient {
  const cfg = resolvePortalConfig(profile, ctx.env, ctx.home);
  // GOV_DESK_PORTAL_TIMEOUT_MS: the deadline of one attempt (default 15 s)
  const timeout = Number(ctx.env.GOV_DESK_PORTAL_TIMEOUT_MS);
  if (Number.isFinite(timeout) && timeout > 0) cfg.timeoutMs = timeout;
  // GOV_DESK_PORTAL_RETRY_MS shortens the in-call backoff (training rooms and tests); default 250 ms
  const base = Number(ctx.env.GOV_DESK_PORTAL_RETRY_MS);
  const tuning = Number.isFinite(base) && base > 0 ? { baseDelayMs: base, maxDelayMs: Math.max(base, base * 32) } : {};
  return new PortalClient(cfg, { now: ctx.now, ...tuning, ...(onRetry ? { onRetry } : {}) });
}

/** Whether a portal address is configured at all (sync skips the portal steps when it is not). */
export function portalConfigured(ctx: Context, profile: Profile): boolean {
  return Boolean(ctx.env.GOV_DESK_PORTAL_URL?.trim() || profile.portal.baseUrl);
}

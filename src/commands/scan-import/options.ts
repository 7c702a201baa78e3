import type { Context } from '../../context.js';
import { profilePath } from '../../config/profile.js';
import { usageError } from '../../errors.js';
import { DEFAULT_LIMITS, MIB, type ScanLimits } from '../../scan/check.js';
import { readTextIfExists } from '../../store/files.js';

/** `scan.maxFileMb` / `scan.maxPages` / `scan.maxMegapixels` of config.json, read from an untyped view (the profile schema does not know them). */
async function profileLimits(home: string): Promise<{ maxFileMb?: unknown; maxPages?: unknown; maxMegapixels?: unknown }> {
  const text = await readTextIfExists(profilePath(home)).catch(() => undefined);
  if (!text) return {};
  try {
    const raw = JSON.parse(text.replace(/^\uFEFF/, '')) as { scan?: { maxFileMb?: unknown; maxPages?: unknown; maxMegapixels?: unknown } };
    return typeof raw.scan === 'object' && raw.scan !== null ? raw.scan : {};
  } catch {
    return {}; // a broken profile is reported by the commands that need it
  }
}

function invalid(source: string, value: unknown) {
  return usageError('SCAN_INVALID_LIMIT', { vi: '{source}: "{value}" không phải số dương hợp lệ.', en: '{source}: "{value}" is not a valid positive number.' }, { vars: { source, value: String(value) } });
}

function positive(value: unknown, source: string, integer: boolean): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw invalid(source, value);
  return n;
}

/** Limits by precedence: defaults < config.json `scan` < environment < flags. */
export async function resolveLimits(ctx: Pick<Context, 'home' | 'env'>, opts: Record<string, unknown>): Promise<ScanLimits> {
  const prof = await profileLimits(ctx.home);
  const mb = positive(opts.maxSizeMb, '--max-size-mb', false) ?? positive(ctx.env.GOV_DESK_SCAN_MAX_MB, 'GOV_DESK_SCAN_MAX_MB', false) ?? positive(prof.maxFileMb, 'config.json scan.maxFileMb', false);
  const pages = positive(opts.maxPages, '--max-pages', true) ?? positive(ctx.env.GOV_DESK_SCAN_MAX_PAGES, 'GOV_DESK_SCAN_MAX_PAGES', true) ?? positive(prof.maxPages, 'config.json scan.maxPages', true);
  const mp = positive(opts.maxMegapixels, '--max-megapixels', false) ?? positive(ctx.env.GOV_DESK_SCAN_MAX_MEGAPIXELS, 'GOV_DESK_SCAN_MAX_MEGAPIXELS', false) ?? positive(prof.maxMegapixels, 'config.json scan.maxMegapixels', false);
  return {
    maxBytes: mb === undefined ? DEFAULT_LIMITS.maxBytes : Math.floor(mb * MIB),
    maxPages: pages ?? DEFAULT_LIMITS.maxPages,
    maxPixels: mp === undefined ? DEFAULT_LIMITS.maxPixels : Math.floor(mp * 1e6),
  };
}

export function settleMs(opts: Record<string, unknown>): number {
  const v = opts.settleMs;
  if (v === undefined) return 2000;
  if (typeof v !== 'string' || !/^\d+$/.test(v.trim())) {
    throw usageError('SCAN_INVALID_SETTLE', { vi: '--settle-ms: "{value}" phải là số mili giây (số nguyên không âm).', en: '--settle-ms: "{value}" must be a number of milliseconds (a whole number, 0 or more).' }, { vars: { value: String(v) } });
  }
  return Number(v.trim());
}

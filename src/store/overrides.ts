import type { Context } from '../context.js';
import type { LoadedCalendar } from '../calendar/loader.js';
import type { Catalog } from '../catalog/loader.js';
import { openStore } from './index.js';

type Ctx = Pick<Context, 'home' | 'now' | 'env' | 'cwd'>;
export interface OverrideFile {
  name: string;
  content: unknown;
}

/**
 * The commune's own procedure and calendar files. A one-PC desk keeps them in `<home>/procedures/`
 * and `<home>/calendar/` (undefined here: the loaders read those folders as before, with their
 * file names in messages); a desk of a centre gets them from the shared database (`store.overrides`).
 */
export async function storeOverrides(ctx: Ctx): Promise<{ procedure: OverrideFile[]; calendar: OverrideFile[] } | undefined> {
  const store = await openStore(ctx);
  if (store.kind === 'embedded') return undefined;
  return { procedure: await store.overrides('procedure'), calendar: await store.overrides('calendar') };
}

/** The procedure catalogue of this desk: built-in, then the commune's own (home folder or shared database). */
export async function loadCatalogFor(ctx: Ctx): Promise<Catalog> {
  const own = await storeOverrides(ctx);
  const { loadCatalog } = await import('../catalog/loader.js');
  return loadCatalog(own ? { overrides: own.procedure } : { home: ctx.home });
}

/** The working-day calendar of this desk: built-in years, then the commune's own files (home folder or shared database). */
export async function loadCalendarFor(ctx: Ctx): Promise<LoadedCalendar> {
  const own = await storeOverrides(ctx);
  const { loadCalendar } = await import('../calendar/loader.js');
  return loadCalendar(own ? { overrides: own.calendar } : { home: ctx.home });
}

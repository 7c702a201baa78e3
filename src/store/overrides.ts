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
 * and `<home>/calendar/` (undefined here: the loaders read those folders as before); a desk of a
 * centre gets them from the shared database, through the port's dump: both adapters yield the
 * profile and the overrides first, so the snapshot is left as soon as another kind comes (the
 * dossiers and files are never read here). test/handler/overrides.pg.test.ts holds the adapter to
 * that order. A port operation of its own (`overrides()`) would say it better: proposed for the
 * next round, the port being frozen for this one.
 */
export async function storeOverrides(ctx: Ctx): Promise<{ procedure: OverrideFile[]; calendar: OverrideFile[] } | undefined> {
  const store = await openStore(ctx);
  if (store.kind === 'embedded') return undefined;
  const out = { procedure: [] as OverrideFile[], calendar: [] as OverrideFile[] };
  for await (const item of store.dump()) {
    if (item.type === 'profile') continue;
    if (item.type !== 'override') break;
    out[item.kind].push({ name: item.name, content: item.content });
  }
  return out;
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

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/loader.js';
import { loadCatalog } from '../../src/catalog/loader.js';
import { loadCalendarFor, loadCatalogFor, storeOverrides } from '../../src/store/overrides.js';
import { fakeContext } from '../helpers/context.js';
import { fullHome } from '../helpers/full-home.js';

const fixture = (rel: string) => JSON.parse(readFileSync(new URL(`../../fixtures/${rel}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/**
 * The commune's own procedure and calendar files: the home's folders on a one-PC desk, the shared
 * database's on a desk of a centre (given to the loaders as `overrides`;
 * test/handler/overrides.pg.test.ts reads them from a real database).
 */
describe('procedure and calendar overrides given by the store', () => {
  it('the loaders take the database’s files instead of the home folders', async () => {
    const proc = fixture('procedures/1.000656.json');
    const catalog = await loadCatalog({ overrides: [{ name: '1.000656.json', content: { ...proc, name: `${String(proc.name)} (của xã)` } }] });
    const e = catalog.entries().find((x) => x.procedure.code === '1.000656')!;
    expect(e).toMatchObject({ origin: 'home', overrides: true, file: 'database:procedures/1.000656.json' });
    expect(e.procedure.name).toMatch(/\(của xã\)$/);
    const cal = await loadCalendar({ overrides: [{ name: '2026.json', content: fixture('calendar/2026.json') }] });
    expect(cal.years.find((y) => y.year === 2026)).toMatchObject({ origin: 'home', file: 'database:calendar/2026.json' });
  });

  it('a bad file from the database is refused naming it, like a bad file in the home', async () => {
    await expect(loadCatalog({ overrides: [{ name: 'x.json', content: { code: 'x' } }] })).rejects.toMatchObject({ code: 'CATALOG_INVALID' });
    await expect(loadCalendar({ overrides: [{ name: 'x.json', content: { kind: 'nope' } }] })).rejects.toThrow(/database:calendar\/x\.json/);
  });

  it('a one-PC desk reads its home folders as before', async () => {
    const src = await fullHome();
    const ctx = fakeContext({ home: src.home });
    expect(await storeOverrides(ctx)).toBeUndefined();
    expect((await loadCatalogFor(ctx)).entries().find((x) => x.procedure.code === '1.000656')).toMatchObject({ origin: 'home', overrides: true });
    expect((await loadCalendarFor(ctx)).years.find((y) => y.year === 2026)?.origin).toBe('home');
  });
});

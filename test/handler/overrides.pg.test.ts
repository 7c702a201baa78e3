import { describe, expect, inject, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { loadCalendarFor, loadCatalogFor } from '../../src/store/overrides.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';
import { fullHome } from '../helpers/full-home.js';
import { freshDatabase } from '../helpers/postgres.js';

const server = inject('pg');

describe('a desk of a centre takes the procedure and calendar overrides from the database', () => {
  it('after db copy, a joining desk (no folders of its own) loads the copied overrides', async () => {
    const src = await fullHome();
    const { url } = await freshDatabase(server);
    const env = { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_DATABASE_URL: url };
    expect((await runInProcess(['db', 'migrate'], { home: tempHome(), env })).code).toBe(0);
    expect((await runInProcess(['db', 'copy', '--from', src.home], { home: tempHome(), env })).code).toBe(0);
    const ctx = fakeContext({ home: tempHome('gov-desk-joined-'), env });
    try {
      const e = (await loadCatalogFor(ctx)).entries().find((x) => x.procedure.code === '1.000656');
      expect(e).toMatchObject({ origin: 'home', overrides: true, file: 'database:procedures/1.000656.json' });
      expect((await loadCalendarFor(ctx)).years.find((y) => y.year === 2026)).toMatchObject({ origin: 'home', file: 'database:calendar/2026.json' });
    } finally {
      await (await openStore(ctx)).close();
    }
  });
});

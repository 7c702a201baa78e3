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

describe('calendar import on a centre desk', () => {
  it('goes into the shared database: another desk uses next year\'s calendar at once; its own folder stays empty', async () => {
    const { readFileSync, writeFileSync, existsSync } = await import('node:fs');
    const path = await import('node:path');
    const { url } = await freshDatabase(server);
    const env = { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_DATABASE_URL: url };
    const a = tempHome('gov-desk-desk-a-');
    const b = tempHome('gov-desk-desk-b-');
    expect((await runInProcess(['db', 'migrate'], { home: a, env })).code).toBe(0);
    const text = readFileSync(new URL('../../fixtures/calendar/2026.json', import.meta.url), 'utf8').replaceAll('2026-', '2027-').replace('"year": 2026', '"year": 2027');
    const file = path.join(tempHome('gov-desk-src-'), '2027.json');
    writeFileSync(file, text);
    const r = await runInProcess(['calendar', 'import', file, '--json'], { home: a, env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ store: 'postgres', name: '2027.json', label: 'official 2027' });
    expect(existsSync(path.join(a, 'calendar'))).toBe(false);
    const shown = await runInProcess(['calendar', 'show', '2027', '--json'], { home: b, env });
    expect(JSON.parse(shown.stdout).official).toBe(true);
  });
});

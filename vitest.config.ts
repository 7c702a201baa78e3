import { defineConfig } from 'vitest/config';

/** Tests that need the real PostgreSQL server: their own project, so only they start it. */
const PG_TESTS = 'test/**/*.pg.test.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    env: { GOV_DESK_LANG: 'en', NO_COLOR: '1' },
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: [PG_TESTS, '**/node_modules/**'] } },
      { extends: true, test: { name: 'pg', include: [PG_TESTS], globalSetup: ['test/helpers/postgres-global.ts'] } },
    ],
  },
});

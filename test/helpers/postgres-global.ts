import type { TestProject } from 'vitest/node';
import { type PgServerInfo, startPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pg: PgServerInfo;
  }
}

/**
 * vitest globalSetup of the `pg` project only (vitest.config.ts): one PostgreSQL server for all
 * `*.pg.test.ts` files, each test then takes a fresh database (freshDatabase). The teardown runs
 * also when tests fail; the server and its data folder are removed.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('pg', { host: server.host, port: server.port, user: server.user, password: server.password });
  return () => server.stop();
}

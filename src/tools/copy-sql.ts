/**
 * Build step (npm run build): copy the SQL migrations of the PostgreSQL store next to the built
 * module (src/store/pg/migrations → dist/store/pg/migrations), where migrations.ts reads them.
 * Without them `gov-desk db migrate` cannot work, so a failure fails the build.
 */
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const from = path.join(root, 'src', 'store', 'pg', 'migrations');
const to = path.join(root, 'dist', 'store', 'pg', 'migrations');
rmSync(to, { recursive: true, force: true }); // no stale file of a removed migration
cpSync(from, to, { recursive: true, filter: (f) => !f.endsWith('.ts') });
if (readdirSync(to).filter((f) => f.endsWith('.sql')).length === 0) throw new Error(`no SQL migrations copied from ${from}`);

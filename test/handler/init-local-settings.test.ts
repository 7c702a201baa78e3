import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProfile, writeProfile } from '../../src/config/profile.js';
import { runInProcess, tempHome } from '../helpers/context.js';

const run = (home: string, argv: string[]) => runInProcess(argv, { home, env: { GOV_DESK_LANG: 'en', NO_COLOR: '1' } });
const raw = (home: string) => JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')) as Record<string, unknown>;

/**
 * config.json holds the commune profile and, beside it, this desk's own settings (`desk`, the
 * `database` block, read by src/store/pg/config.ts). The profile schema does not know them (zod
 * drops unknown keys), so writing the profile back must keep them (bug: `init --force` lost them).
 */
describe('the desk’s local settings in config.json survive a profile write', () => {
  it('init --force keeps `desk` (and anything else of the desk’s own) beside the new profile', async () => {
    const home = tempHome();
    expect((await run(home, ['init', '--example', '--no-input'])).code).toBe(0);
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ ...raw(home), desk: 'quay-2' }, null, 2));
    const r = await run(home, ['init', '--example', '--no-input', '--force']);
    expect(r.code).toBe(0);
    expect(raw(home).desk).toBe('quay-2');
    expect((await readProfile(home))?.commune.name).toMatch(/Suối Kiết/);
  });

  it('writeProfile keeps the `database` block and `desk`; the profile fields are replaced', async () => {
    const home = tempHome();
    expect((await run(home, ['init', '--example', '--no-input'])).code).toBe(0);
    const database = { url: 'postgres://govdesk_desk@10.0.0.5/govdesk?sslmode=verify-full', passwordFile: 'secrets/db-password' };
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ ...raw(home), database, desk: 'quay-1' }, null, 2));
    const p = (await readProfile(home))!;
    await writeProfile(home, { ...p, commune: { ...p.commune, phone: '0263999999' } });
    const after = raw(home);
    expect(after.database).toEqual(database);
    expect(after.desk).toBe('quay-1');
    expect((after.commune as { phone: string }).phone).toBe('0263999999');
  });

  it('a config.json with only the desk’s settings holds no profile: init writes one without --force and keeps them', async () => {
    const home = tempHome();
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ desk: 'quay-3' }));
    expect(await readProfile(home)).toBeUndefined();
    const r = await run(home, ['init', '--example', '--no-input']);
    expect(r.stderr).not.toMatch(/already exists/);
    expect(r.code).toBe(0);
    expect(raw(home).desk).toBe('quay-3');
    expect((await readProfile(home))?.commune.agencyCode).toBeTruthy();
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbError } from '../../src/store/pg/client.js';
import { redact, redactUrl, resolveDatabaseConfig } from '../../src/store/pg/config.js';
import { tempHome } from '../helpers/context.js';

const SECRET = 'S3cr3t/pa:ss@word';
const enc = encodeURIComponent(SECRET);
const resolve = (env: Record<string, string>, home = tempHome()) => resolveDatabaseConfig(env, home, home, 'linux');
const codeOf = async (p: Promise<unknown>): Promise<string> => p.then(() => 'resolved', (e: { code?: string; message: string }) => {
  expect(e.message).not.toContain(SECRET);
  expect(e.message).not.toContain(enc);
  return e.code ?? e.message;
});

describe('database configuration (src/store/pg/config.ts)', () => {
  it('no URL anywhere: undefined (the embedded store)', async () => {
    expect(await resolve({})).toBeUndefined();
  });

  it('the environment wins over config.json; the display form has no password and no query', async () => {
    const home = tempHome();
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ database: { url: 'postgres://file@filehost/fdb' } }));
    const c = (await resolve({ GOV_DESK_DATABASE_URL: `postgresql://desk:${enc}@db.example:6543/govdesk?sslmode=verify-full` }, home))!;
    expect(c).toMatchObject({ host: 'db.example', port: 6543, user: 'desk', database: 'govdesk', password: SECRET, sslMode: 'verify-full', plainRemote: false, source: 'GOV_DESK_DATABASE_URL' });
    expect(c.display).toBe('postgres://desk@db.example:6543/govdesk');
    const f = (await resolve({}, home))!;
    expect(f).toMatchObject({ host: 'filehost', user: 'file', database: 'fdb', source: 'config.json database.url', sslMode: 'disable', plainRemote: true });
  });

  it('a plain connection is flagged only for another machine', async () => {
    expect((await resolve({ GOV_DESK_DATABASE_URL: 'postgres://u@127.0.0.1/db' }))!.plainRemote).toBe(false);
    expect((await resolve({ GOV_DESK_DATABASE_URL: 'postgres://u@localhost/db' }))!.plainRemote).toBe(false);
    expect((await resolve({ GOV_DESK_DATABASE_URL: 'postgres://u@10.0.0.5/db' }))!.plainRemote).toBe(true);
    expect((await resolve({ GOV_DESK_DATABASE_URL: 'postgres://u@10.0.0.5/db?sslmode=require' }))!.plainRemote).toBe(false);
  });

  it('bad URLs and unsupported sslmodes are usage errors that never echo the value', async () => {
    expect(await codeOf(resolve({ GOV_DESK_DATABASE_URL: `mysql://u:${enc}@h/db` }))).toBe('DB_BAD_URL');
    expect(await codeOf(resolve({ GOV_DESK_DATABASE_URL: `not a url ${SECRET}` }))).toBe('DB_BAD_URL');
    expect(await codeOf(resolve({ GOV_DESK_DATABASE_URL: `postgres://:${enc}@h/db` }))).toBe('DB_BAD_URL');
    expect(await codeOf(resolve({ GOV_DESK_DATABASE_URL: `postgres://u:${enc}@h/db?sslmode=prefer` }))).toBe('DB_BAD_SSLMODE');
    // a password pasted without encoding its % (50%off): a usage error naming the fix, not an internal error
    expect(await codeOf(resolve({ GOV_DESK_DATABASE_URL: 'postgres://u:S3cr3t50%off@h/db' }))).toBe('DB_BAD_URL');
    expect(await codeOf(resolve({ GOV_DESK_DATABASE_URL: 'postgres://u%zz@h/db' }))).toBe('DB_BAD_URL');
    expect(await codeOf(resolve({ GOV_DESK_DATABASE_URL: 'postgres://u@h/d%zzb' }))).toBe('DB_BAD_URL');
  });

  it('password file: owner-only, first line; refused when group/world-readable; not both URL and file', async () => {
    const home = tempHome();
    mkdirSync(path.join(home, 'secrets'));
    const file = path.join(home, 'secrets', 'pw');
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ database: { url: 'postgres://desk@db/govdesk', passwordFile: 'secrets/pw' } }));
    writeFileSync(file, `${SECRET}\r\nignored\n`, { mode: 0o600 });
    expect((await resolve({}, home))!.password).toBe(SECRET);
    for (const mode of [0o640, 0o604]) {
      writeFileSync(file, `${SECRET}\n`, { mode });
      const { chmodSync } = await import('node:fs');
      chmodSync(file, mode);
      expect(await codeOf(resolve({}, home))).toBe('DB_PASSWORD_FILE_PERMISSIONS');
    }
    expect(await codeOf(resolve({ GOV_DESK_DATABASE_URL: `postgres://desk:${enc}@db/x`, GOV_DESK_DATABASE_PASSWORD_FILE: file }, home))).toBe('DB_PASSWORD_TWICE');
    expect(await codeOf(resolve({ GOV_DESK_DATABASE_URL: 'postgres://desk@db/x', GOV_DESK_DATABASE_PASSWORD_FILE: path.join(home, 'nope') }, home))).toBe('DB_PASSWORD_FILE_MISSING');
  });

  it('redaction: URLs and any secret, raw or URL-encoded, become ***', () => {
    expect(redactUrl(`postgres://desk:${enc}@db:5432/x?sslmode=require`)).toBe('postgres://desk:***@db:5432/x');
    expect(redactUrl('garbage')).toBe('(unreadable database URL)');
    const text = `failed for postgres://desk:${enc}@db/x and ${SECRET} and postgresql://a:b@c/d`;
    const out = redact(text, [SECRET]);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(enc);
    expect(out).not.toContain(':b@');
  });

  it('driver errors become typed errors without the password', async () => {
    const cfg = (await resolve({ GOV_DESK_DATABASE_URL: `postgres://desk:${enc}@db.example/x` }))!;
    const e1 = dbError(cfg, Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }));
    expect(e1.code).toBe('DB_UNREACHABLE');
    const e2 = dbError(cfg, Object.assign(new Error(`odd failure mentioning ${SECRET}`), { code: 'XX000' }));
    expect(e2.code).toBe('DB_ERROR');
    expect(e2.message).not.toContain(SECRET);
    expect((dbError(cfg, Object.assign(new Error('password authentication failed'), { code: '28P01' }))).code).toBe('DB_AUTH_FAILED');
  });
});

describe('every command on a centre desk, not only `db`', () => {
  it('warns once about a plain connection to another machine, then says the server cannot be reached (exit 1)', async () => {
    const { runInProcess } = await import('../helpers/context.js');
    const r = await runInProcess(['list', '--open'], { home: tempHome(), env: { GOV_DESK_LANG: 'en', GOV_DESK_DATABASE_URL: 'postgres://desk@192.0.2.1:1/govdesk?connect_timeout=1' } });
    expect(r.code).toBe(1);
    expect(r.stderr.match(/Warning: the connection to 192\.0\.2\.1 is not encrypted/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/Cannot reach the database server 192\.0\.2\.1:1/);
  });
});

import { describe, expect, inject, it } from 'vitest';
import { runInProcess, tempHome } from '../helpers/context.js';
import { fullHome } from '../helpers/full-home.js';
import { freshDatabase } from '../helpers/postgres.js';

const server = inject('pg');
const PASS = 'mật khẩu sao lưu dài';

const desk = (url: string, argv: string[], home = tempHome('gov-desk-centre-desk-')) =>
  runInProcess(argv, { home, env: { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_DATABASE_URL: url, GOV_DESK_OPERATOR: 'Trần Văn Đức', GOV_DESK_BACKUP_PASSPHRASE: PASS } });

describe('backup / restore on a database desk (real PostgreSQL server)', () => {
  it('backs up the database’s snapshot (encrypted) and restores it into an empty database; a non-empty one needs --force', async () => {
    const src = await fullHome();
    const a = await freshDatabase(server);
    expect((await desk(a.url, ['db', 'migrate'])).code).toBe(0);
    expect((await desk(a.url, ['db', 'copy', '--from', src.home])).code).toBe(0);
    const dest = tempHome('gov-desk-dumps-');
    const b = await desk(a.url, ['backup', '--to', dest, '--encrypt', '--json']);
    expect(b.code, b.stderr).toBe(0);
    const backup = JSON.parse(b.stdout) as { file: string; encrypted: boolean; damaged: unknown[] };
    expect(backup).toMatchObject({ encrypted: true, damaged: [] });
    expect(b.stdout + b.stderr).not.toContain(server.password);

    const c = await freshDatabase(server);
    expect((await desk(c.url, ['db', 'migrate'])).code).toBe(0);
    const r = await desk(c.url, ['restore', backup.file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).added).toMatchObject({ dossier: 2, draft: 1, outbox: 2, guidance: 1, profile: 1, override: 2 });
    // the restored database holds everything of the home: a copy from it adds nothing and verifies
    const check = await desk(c.url, ['db', 'copy', '--from', src.home, '--json']);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ nothingAdded: true, verified: true });

    const again = await desk(c.url, ['restore', backup.file, '--json']);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).error.code).toBe('RESTORE_NEEDS_FORCE');
  });
});

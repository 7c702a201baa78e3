import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { runInProcess, tempHome } from '../helpers/context.js';
import { freshDatabase } from '../helpers/postgres.js';
import { makePdf } from '../helpers/scan-files.js';

const server = inject('pg');

describe('gov-desk doctor on a centre desk (real PostgreSQL)', () => {
  it('checks the shared database, not the empty home: a scan whose bytes changed in the database is found', async () => {
    const { url } = await freshDatabase(server);
    const home = tempHome('gov-desk-doctor-desk-');
    const run = (argv: string[]) => runInProcess(argv, { home, env: { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_DATABASE_URL: url, GOV_DESK_OPERATOR: 'Trần Văn Đức' } });
    expect((await run(['db', 'migrate'])).code).toBe(0);
    expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
    const intake = await run(['intake', '--procedure', '1.004873', '--name', 'Phạm Minh Đức', '--id-number', '079185000001', '--phone', '0387654321', '--all-components', '--no-input', '--json']);
    expect(intake.code, intake.stderr).toBe(0);
    const code = JSON.parse(intake.stdout).dossier.code as string;
    const scan = path.join(home, 'to-khai.pdf');
    writeFileSync(scan, await makePdf(1));
    expect((await run(['scan-import', code, scan, '--component', 'to-khai'])).code).toBe(0);
    // the scan is in the database, not left in this desk's folder
    const { readdirSync } = await import('node:fs');
    const left = readdirSync(path.join(home, 'attachments'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(left).toEqual([]);

    const clean = await run(['doctor', '--json']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ ok: true, store: 'postgres', dossiers: { open: 1, archived: 0 }, storedFiles: { checked: 1 }, problems: [] });

    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query("UPDATE gov_desk.files SET content = set_byte(content, 20, 88) WHERE media_type = 'application/pdf' AND sha256 IN (SELECT sha256 FROM gov_desk.file_paths WHERE rel LIKE 'attachments/%')");
    } finally {
      await c.end();
    }
    const bad = await run(['doctor', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).problems).toEqual([expect.objectContaining({ code: 'FILE_CHANGED', dossierCode: code })]);
    const text = await run(['doctor']);
    expect(text.stdout).toContain('Checking the shared database');
    expect(text.stderr).toContain('1 problem(s) found');
  });
});

import { describe, expect, inject, it } from 'vitest';
import { runInProcess, tempHome } from '../helpers/context.js';
import { freshDatabase } from '../helpers/postgres.js';

const server = inject('pg');

describe('intake on two desks of one database at the same moment', () => {
  it('the same citizen for the same procedure: one dossier, the other desk is told of the duplicate', async () => {
    const { url } = await freshDatabase(server);
    const env = { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_DATABASE_URL: url, GOV_DESK_OPERATOR: 'Trần Văn Đức' };
    expect((await runInProcess(['db', 'migrate'], { home: tempHome(), env })).code).toBe(0);
    expect((await runInProcess(['init', '--example', '--no-input'], { home: tempHome(), env })).code).toBe(0);
    const argv = ['intake', '--procedure', '1.004873', '--name', 'Phạm Minh Đức', '--id-number', '079185000001', '--phone', '0387654321', '--all-components', '--no-input', '--json'];
    const runs = await Promise.all([0, 1, 2].map(() => runInProcess(argv, { home: tempHome('gov-desk-desk-'), env })));
    expect(runs.map((r) => r.code).sort()).toEqual([0, 1, 1]);
    for (const r of runs.filter((x) => x.code !== 0)) expect(r.stderr, r.stderr).toMatch(/already|đã có/i);
    const list = await runInProcess(['list', '--all', '--json'], { home: tempHome(), env });
    expect(JSON.parse(list.stdout).dossiers).toHaveLength(1);
  });
});

import { describe, expect, inject, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';
import { fullHome, treeHash } from '../helpers/full-home.js';
import { freshDatabase } from '../helpers/postgres.js';

const server = inject('pg');

/** A desk of the centre: only the database URL, no profile, no data folder of its own. */
const desk = (url: string, argv: string[], lang = 'en') => runInProcess(argv, { home: tempHome('gov-desk-centre-desk-'), lang: lang as 'en' | 'vi', env: { GOV_DESK_LANG: lang, NO_COLOR: '1', GOV_DESK_DATABASE_URL: url, GOV_DESK_OPERATOR: 'Trần Văn Đức' } });

describe('gov-desk db copy --from DIR into a real PostgreSQL database', () => {
  it('copies a one-PC home, verifies it, adds nothing the second time, leaves the source untouched', async () => {
    const src = await fullHome();
    const before = await treeHash(src.home);
    const { url } = await freshDatabase(server);
    expect((await desk(url, ['db', 'migrate'])).code).toBe(0);
    const first = await desk(url, ['db', 'copy', '--from', src.home, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const doc = JSON.parse(first.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, verified: true, differences: [], nothingAdded: false });
    expect(doc.source).toMatchObject({ dossier: 2, draft: 1, outbox: 2, guidance: 1, profile: 1, override: 2 });
    expect(doc.added).toMatchObject({ dossier: 2, draft: 1, outbox: 2, guidance: 1, profile: 1, override: 2, file: doc.source.file });
    expect(first.stdout + first.stderr).not.toContain(server.password);
    const second = await desk(url, ['db', 'copy', '--from', src.home], 'vi');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/Không có gì để thêm/);
    expect(await treeHash(src.home)).toBe(before);
    // a desk that joins with only the URL sees the copied dossiers, open and archived, and the files
    const ctx = fakeContext({ home: tempHome('gov-desk-joined-'), env: { GOV_DESK_LANG: 'en', GOV_DESK_DATABASE_URL: url } });
    const store = await openStore(ctx);
    try {
      expect(await store.getDossier(src.archivedCode)).toMatchObject({ archived: true });
      expect(await store.getDossier(src.code)).toMatchObject({ archived: false });
      expect(await store.files.get(src.scan)).toEqual(await src.store.files.get(src.scan));
    } finally {
      await store.close();
    }
  });
});

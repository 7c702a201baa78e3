import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyHome } from '../../src/store/copy.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import type { Draft } from '../../src/store/records.js';
import { NOW } from '../helpers/backup-desk.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { fullHome, treeHash } from '../helpers/full-home.js';

const target = () => {
  const home = tempHome('gov-desk-copy-target-');
  return { home, store: new EmbeddedStore(home, 'quay-2', () => NOW) };
};

/**
 * The core of `gov-desk db copy` (src/store/copy.ts) works through the port only, so it is proved
 * here into a second embedded store; test/handler/db-copy.pg.test.ts runs the command against a
 * real PostgreSQL server.
 */
describe('copyHome: an embedded home into another store through dump → load', () => {
  it('copies every kind, verifies counts and SHA-256, and leaves the source untouched', async () => {
    const src = await fullHome();
    const before = await treeHash(src.home);
    const t = target();
    const r = await copyHome(src.home, t.store, { desk: 'quay-2', now: () => NOW });
    expect(r.differences).toEqual([]);
    const files: string[] = [];
    for await (const f of src.store.files.list()) files.push(f.rel);
    expect(files).toEqual(expect.arrayContaining([src.scan, src.docRel]));
    expect(r.source).toMatchObject({ dossier: 2, draft: 1, outbox: 2, meta: 1, guidance: 1, profile: 1, override: 2, file: files.length });
    expect(r.source.counter).toBeGreaterThanOrEqual(3); // the day's sequence, February's, the register
    expect(r.added).toEqual(r.source);
    expect(r.verified).toEqual(r.source);
    expect(await treeHash(src.home)).toBe(before);
    // what the target holds, read back through the port
    expect((await t.store.getDossier(src.code))?.archived).toBe(false);
    expect((await t.store.getDossier(src.archivedCode))?.archived).toBe(true);
    expect((await t.store.profile())?.commune.agencyCode).toBe((await src.store.profile())?.commune.agencyCode);
    expect(await t.store.files.get(src.scan)).toEqual(await src.store.files.get(src.scan));
    expect(existsSync(path.join(t.home, 'procedures', '1.000656.json'))).toBe(true);
    expect((await t.store.drafts()).map((d) => d.ref)).toEqual(['BS-260302-0001']);
    expect((await t.store.outbox('notify')).length).toBe(1);
    expect((await t.store.guidance()).map((g) => g.id)).toEqual(['HD-260302-0001']);
  });

  it('is idempotent: a second run adds nothing, still verifies, and the next code continues after the copied ones', async () => {
    const src = await fullHome();
    const t = target();
    await copyHome(src.home, t.store, { desk: 'quay-2', now: () => NOW });
    const second = await copyHome(src.home, t.store, { desk: 'quay-2', now: () => NOW });
    // counters are raised to at least the home's value (a no-op now), never "added"
    expect({ ...second.added, counter: 0 }).toEqual(Object.fromEntries(Object.keys(second.added).map((k) => [k, 0])));
    expect(second.nothingAdded).toBe(true);
    expect(second.differences).toEqual([]);
    expect((await t.store.openDossiers()).length).toBe(1);
    const seq = src.code.split('-').pop()!;
    const day = src.code.split('-').at(-2)!;
    expect(await t.store.tx((x) => x.nextNumber('sequence', day))).toBe(Number(seq) + 1);
  });

  it('a file that differs in the target is reported (kind, path, problem), never overwritten', async () => {
    const src = await fullHome();
    const t = target();
    await copyHome(src.home, t.store, { desk: 'quay-2', now: () => NOW });
    const abs = path.join(t.home, ...src.scan.split('/'));
    chmodSync(abs, 0o600);
    writeFileSync(abs, 'changed');
    const r = await copyHome(src.home, t.store, { desk: 'quay-2', now: () => NOW });
    expect(r.differences).toEqual([{ type: 'file', key: src.scan, problem: 'sha256-differs' }]);
    expect(r.added.file).toBe(0);
  });

  it('another dossier, draft or guidance record under the same code in the target is reported, never taken as the copy nor overwritten', async () => {
    const src = await fullHome();
    const t = target();
    // the centre's database already used this morning's first code and guidance id for other citizens
    const mine = (await src.store.getDossier(src.code))!.dossier;
    const other = { ...mine, receivedAt: '2026-03-02T10:15:00+07:00', applicant: { ...mine.applicant, fullName: 'Vũ Thị Hạnh', personalId: '001190009999' }, events: mine.events.map((e) => ({ ...e, at: '2026-03-02T10:15:00+07:00', operator: 'Lê Thị Mai' })) };
    const ours = (await src.store.guidance())[0]!;
    await t.store.tx(async (x) => {
      await x.putDossier(other);
      await x.putGuidance({ ...ours, at: '2026-03-02T10:20:00+07:00', citizen: { fullName: 'Vũ Thị Hạnh', phone: null, personalId: null } });
      await x.putDraft({ ...(await src.store.draft('BS-260302-0001'))!, createdAt: '2026-03-02T10:25:00+07:00' } as Draft);
    });
    const r = await copyHome(src.home, t.store, { desk: 'quay-2', now: () => NOW });
    expect(r.differences).toEqual(expect.arrayContaining([
      { type: 'dossier', key: src.code, problem: 'different-item' },
      { type: 'guidance', key: ours.id, problem: 'different-item' },
      { type: 'draft', key: 'BS-260302-0001', problem: 'different-item' },
    ]));
    expect((await t.store.draft('BS-260302-0001'))?.createdAt).toBe('2026-03-02T10:25:00+07:00');
    expect((await t.store.getDossier(src.code))?.dossier.applicant.fullName).toBe('Vũ Thị Hạnh');
    expect((await t.store.guidance())[0]!.citizen.fullName).toBe('Vũ Thị Hạnh');
  });
});

describe('gov-desk db copy: refusals (exit 2, nothing written)', () => {
  const run = (argv: string[], env: Record<string, string> = {}, home = tempHome()) => runInProcess(argv, { home, env: { GOV_DESK_LANG: 'en', NO_COLOR: '1', ...env } });

  it('refuses without a configured database', async () => {
    const src = await fullHome();
    const before = await treeHash(src.home);
    const r = await run(['db', 'copy', '--from', src.home, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('DB_NOT_CONFIGURED');
    expect(await treeHash(src.home)).toBe(before);
  });

  it('refuses a folder that is not a gov-desk home, before connecting', async () => {
    const dir = tempHome('not-a-home-');
    mkdirSync(path.join(dir, 'photos'));
    // port 1 on loopback: nothing listens; the refusal must come before any connection
    const env = { GOV_DESK_DATABASE_URL: 'postgres://govdesk@127.0.0.1:1/govdesk' };
    const r = await run(['db', 'copy', '--from', dir, '--json'], env);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('DB_COPY_NOT_A_HOME');
    const missing = await run(['db', 'copy', '--from', path.join(dir, 'nowhere')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/not a gov-desk home/);
    const noFrom = await run(['db', 'copy', '--json'], env);
    expect(noFrom.code).toBe(2);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDumpBackup, restoreIntoStore } from '../../src/store/backup-dump.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { NOW } from '../helpers/backup-desk.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { fullHome, treeHash } from '../helpers/full-home.js';
import { sampleDossier } from '../helpers/dossier.js';
import { isGovDeskError } from '../../src/errors.js';

const PASS = 'mật khẩu sao lưu dài';
const pass = async () => PASS;

/**
 * The backup of a store through the port (src/store/backup-dump.ts), used on a database desk: proved
 * here with the embedded store behind the port (its dump is the same shape);
 * test/handler/backup-dump.pg.test.ts runs `backup` / `restore` on a real server.
 */
describe('backup of a store snapshot and restore into an empty store', () => {
  it('an encrypted snapshot restores every kind into an empty store; the archive passes --verify-only', async () => {
    const src = await fullHome();
    const dest = tempHome('gov-desk-dumps-');
    const b = await createDumpBackup(src.store, src.home, dest, NOW, { passphrase: PASS });
    expect(b.encrypted).toBe(true);
    expect(b.file).toMatch(/\.tar\.gz\.enc$/);
    expect(b.damaged).toEqual([]);
    const verify = await runInProcess(['restore', b.file, '--verify-only', '--json'], { home: tempHome(), env: { GOV_DESK_LANG: 'en', GOV_DESK_BACKUP_PASSPHRASE: PASS } });
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ valid: true, encrypted: true });
    const home = tempHome('gov-desk-restored-');
    const into = new EmbeddedStore(home, 'quay-2', () => NOW);
    const r = await restoreIntoStore(into, home, b.file, { passphrase: pass, force: false });
    expect(r.added).toMatchObject({ dossier: 2, draft: 1, outbox: 2, guidance: 1, profile: 1, override: 2, meta: 1 });
    expect(r.added.file).toBe(b.files - 1);
    expect(r.countersKept).toEqual([]);
    expect((await into.getDossier(src.archivedCode))?.archived).toBe(true);
    expect(await into.files.get(src.scan)).toEqual(await src.store.files.get(src.scan));
    expect((await into.profile())?.commune).toEqual((await src.store.profile())?.commune);
  });

  it('an unencrypted snapshot leaves the profile’s secrets out and says which', async () => {
    const src = await fullHome();
    const cfg = path.join(src.home, 'config.json');
    const raw = JSON.parse(readFileSync(cfg, 'utf8'));
    writeFileSync(cfg, JSON.stringify({ ...raw, notify: { auto: false, email: { pass: 'smtp-secret-value' } } }));
    const b = await createDumpBackup(src.store, src.home, tempHome('gov-desk-dumps-'), NOW);
    expect(b.encrypted).toBe(false);
    expect(b.removedFromConfig).toEqual(['notify.email.pass']);
    const home = tempHome();
    const into = new EmbeddedStore(home, 'quay-2', () => NOW);
    const r = await restoreIntoStore(into, home, b.file, { passphrase: pass, force: false });
    expect(r.secretsLeftOut).toEqual(['config.json: notify.email.pass']);
    expect(JSON.stringify(await into.profile())).not.toContain('smtp-secret-value');
  });

  it('a store that holds data is refused without --force (nothing changed); with --force it only gains what it lacks', async () => {
    const src = await fullHome();
    const b = await createDumpBackup(src.store, src.home, tempHome('gov-desk-dumps-'), NOW);
    const home = tempHome('gov-desk-busy-');
    const other = new EmbeddedStore(home, 'quay-3', () => NOW);
    const own = sampleDossier('000.00.00.H99-260303-0001', new Date('2026-03-03T02:00:00Z'));
    await other.tx(async (t) => {
      await t.putDossier(own);
      await t.raiseNumber('sequence', '260303', 1);
    });
    const before = await treeHash(home);
    const refused = await restoreIntoStore(other, home, b.file, { passphrase: pass, force: false }).catch((e: unknown) => e);
    expect(isGovDeskError(refused) && refused.code).toBe('RESTORE_NEEDS_FORCE');
    expect(await treeHash(home)).toBe(before);
    const r = await restoreIntoStore(other, home, b.file, { passphrase: pass, force: true });
    expect(r.added.dossier).toBe(2);
    expect((await other.getDossier(own.code))?.dossier.events).toEqual(own.events.map((e) => ({ ...e, desk: 'quay-3' })));
    expect(r.countersKept).toEqual([expect.objectContaining({ kind: 'sequence', key: '260303', issued: 1 })]);
    expect(await other.tx((t) => t.nextNumber('sequence', '260303'))).toBe(2);
    // a second --force restore of the same backup adds nothing more
    const again = await restoreIntoStore(other, home, b.file, { passphrase: pass, force: true });
    expect(again.added.dossier + again.added.file + again.added.draft + again.added.outbox).toBe(0);
  });

  it('--force into a store that used the same codes for other citizens: those items are listed as different, never taken as restored', async () => {
    const src = await fullHome();
    const b = await createDumpBackup(src.store, src.home, tempHome('gov-desk-dumps-'), NOW);
    const home = tempHome('gov-desk-busy-');
    const other = new EmbeddedStore(home, 'quay-3', () => NOW);
    const theirs = sampleDossier(src.code, new Date('2026-03-02T08:30:00Z'));
    await other.tx((t) => t.putDossier(theirs));
    const r = await restoreIntoStore(other, home, b.file, { passphrase: pass, force: true });
    expect(r.differences).toEqual([{ type: 'dossier', key: src.code, problem: 'different-item' }]);
    expect((await other.getDossier(src.code))?.dossier.receivedAt).toBe(theirs.receivedAt);
    expect((await other.getDossier(src.archivedCode))?.archived).toBe(true); // the rest is restored
  });

  it('a one-PC desk given a database backup refuses it (exit 2), its home untouched', async () => {
    const src = await fullHome();
    const b = await createDumpBackup(src.store, src.home, tempHome('gov-desk-dumps-'), NOW);
    const desk = await fullHome();
    const before = await treeHash(desk.home);
    const r = await desk.run(['restore', b.file, '--force', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('RESTORE_DATABASE_BACKUP');
    expect(await treeHash(desk.home)).toBe(before);
  });
});

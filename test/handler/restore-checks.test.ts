import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { restoreBackup, verifyBackup } from '../../src/store/restore.js';
import { type Desk, newDesk, NOW } from '../helpers/backup-desk.js';
import { listed, manifest, writeRawTar } from '../helpers/backup-files.js';
import { tempHome } from '../helpers/context.js';

let home: string;
let dest: string;
let run: Desk['run'];
let intake: Desk['intake'];
let backup: Desk['backup'];
const noPass = () => Promise.reject(new Error('no passphrase expected'));

beforeEach(async () => {
  ({ home, dest, run, intake, backup } = await newDesk());
});

describe('restore installs only what the manifest lists (issue 13 §10)', () => {
  const bad = (name: string) => path.join(dest, name);
  const expectInvalid = async (file: string) => {
    for (const args of [['restore', file, '--verify-only', '--json'], ['restore', file, '--force', '--json']]) {
      const r = await run(args);
      expect(r.code, r.stderr).toBe(2);
    }
    await expect(verifyBackup(file, home, noPass)).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    await expect(restoreBackup(home, file, NOW, noPass)).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    expect(readdirSync(home).filter((n) => /^\.(restore|verify|pre-restore)-/.test(n))).toEqual([]);
    expect(readdirSync(os.tmpdir()).filter((n) => n.startsWith(`.verify-${process.pid}-`) || n.startsWith('gov-desk-verify-'))).toEqual([]);
  };

  it('a file not in the manifest, a missing one, a changed one', async () => {
    const body = 'hello';
    writeRawTar(bad('extra.tar.gz'), [{ path: 'gov-desk-backup.json', body: manifest([listed('procedures/a.json', body)]) }, { path: 'procedures/a.json', body }, { path: 'procedures/b.json', body }]);
    await expectInvalid(bad('extra.tar.gz'));
    writeRawTar(bad('missing.tar.gz'), [{ path: 'gov-desk-backup.json', body: manifest([listed('procedures/a.json', body), listed('procedures/b.json', body)]) }, { path: 'procedures/a.json', body }]);
    await expectInvalid(bad('missing.tar.gz'));
    writeRawTar(bad('changed.tar.gz'), [{ path: 'gov-desk-backup.json', body: manifest([listed('procedures/a.json', body)]) }, { path: 'procedures/a.json', body: 'hellO' }]);
    await expectInvalid(bad('changed.tar.gz'));
    expect(existsSync(path.join(home, 'procedures', 'a.json'))).toBe(false);
  });

  it('symbolic and hard links are refused', async () => {
    writeRawTar(bad('symlink.tar.gz'), [{ path: 'gov-desk-backup.json', body: manifest([]) }, { path: 'procedures/x', type: 'SymbolicLink', linkpath: '/etc/passwd' }]);
    await expectInvalid(bad('symlink.tar.gz'));
    writeRawTar(bad('hardlink.tar.gz'), [{ path: 'gov-desk-backup.json', body: manifest([]) }, { path: 'procedures/x', type: 'Link', linkpath: 'config.json' }]);
    await expectInvalid(bad('hardlink.tar.gz'));
  });

  it('an entry that escapes (../, absolute) is an invalid backup, and nothing is written outside', async () => {
    const outside = path.join(path.dirname(home), `escaped-${path.basename(home)}`);
    const rel = path.relative(home, outside);
    writeRawTar(bad('dotdot.tar.gz'), [{ path: 'gov-desk-backup.json', body: manifest([]) }, { path: `../${path.basename(outside)}`, body: 'x' }]);
    await expectInvalid(bad('dotdot.tar.gz'));
    writeRawTar(bad('deep.tar.gz'), [{ path: 'gov-desk-backup.json', body: manifest([]) }, { path: `db/../../../${rel}`, body: 'x' }]);
    await expectInvalid(bad('deep.tar.gz'));
    writeRawTar(bad('abs.tar.gz'), [{ path: 'gov-desk-backup.json', body: manifest([]) }, { path: outside, body: 'x' }]);
    await expectInvalid(bad('abs.tar.gz'));
    writeRawTar(bad('manifest-escape.tar.gz'), [{ path: 'gov-desk-backup.json', body: manifest([listed('../x', 'x')]) }, { path: '../x', body: 'x' }]);
    await expectInvalid(bad('manifest-escape.tar.gz'));
    expect(existsSync(outside)).toBe(false);
  });

  it('a backup may not carry the high-water mark or secrets in clear', async () => {
    const hw = '{"sequences":{},"registers":{}}';
    writeRawTar(bad('hw.tar.gz'), [{ path: 'gov-desk-backup.json', body: manifest([listed('high-water.json', hw)]) }, { path: 'high-water.json', body: hw }]);
    await expectInvalid(bad('hw.tar.gz'));
    writeRawTar(bad('sec.tar.gz'), [{ path: 'gov-desk-backup.json', body: manifest([listed('secrets/portal-secret', 's')]) }, { path: 'secrets/portal-secret', body: 's' }]);
    await expectInvalid(bad('sec.tar.gz'));
  });

  it('two restores at once cannot mix homes', async () => {
    await intake();
    const a = (await backup()).file;
    const b = (await backup()).file;
    const results = await Promise.allSettled([restoreBackup(home, a, NOW, noPass), restoreBackup(home, b, NOW, noPass)]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'RESTORE_BUSY' });
    const kept = readdirSync(home).filter((n) => n.startsWith('.pre-restore-'));
    expect(new Set(kept).size).toBe(kept.length);
    expect(readdirSync(home).filter((n) => /^\.(restore|verify)-/.test(n))).toEqual([]);
    expect((await run(['list', '--json'])).code).toBe(0);
  });
});

describe('staging folders of a killed run (issue 13 §10)', () => {
  it('are removed by the next backup, those of a live process are left alone', async () => {
    await intake();
    const dead = path.join(home, '.restore-999999999-abc');
    const live = path.join(home, `.backup-${process.pid}-zzz`);
    mkdirSync(path.join(dead, 'tree', 'db'), { recursive: true });
    writeFileSync(path.join(dead, 'tree', 'db', 'active.json'), '{}');
    mkdirSync(live);
    await backup();
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });
});

describe('older backups', () => {
  it('a backup made before this format (manifest version 1) still verifies and restores', async () => {
    const body = '{"code":"9.999999"}';
    const file = path.join(dest, 'gov-desk-backup-20260301-170000.tar.gz');
    writeRawTar(file, [{ path: 'gov-desk-backup.json', body: JSON.stringify({ schemaVersion: 1, kind: 'gov-desk-backup', createdAt: '2026-03-01T17:00:00+07:00', files: [listed('procedures/9.999999.json', body)] }) }, { path: 'procedures/9.999999.json', body }]);
    expect((await run(['restore', file, '--verify-only'])).code).toBe(0);
    const fresh = tempHome();
    expect((await run(['restore', file], fresh)).code).toBe(0);
    expect(readFileSync(path.join(fresh, 'procedures', '9.999999.json'), 'utf8')).toBe(body);
  });

  it('a missing backup file is a usage error that creates nothing', async () => {
    const nowhere = path.join(tempHome(), 'not-here');
    const r = await run(['restore', path.join(dest, 'nope.tar.gz')], nowhere);
    expect(r.code).toBe(2);
    expect(existsSync(nowhere)).toBe(false);
  });
});

import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { restoreBackup, verifyBackup } from '../../src/store/restore.js';
import { tryLock } from '../../src/store/lock.js';
import { LowdbRepository } from '../../src/store/lowdb-store.js';
import { listed, manifest, sha256, writeRawTar } from '../helpers/backup-files.js';
import { runInProcess, tempHome } from '../helpers/context.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const ENV = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
let home: string;
let dest: string;
const run = (args: string[], h = home, env: Record<string, string> = {}) => runInProcess(args, { home: h, now: () => NOW, env: { ...ENV, ...env } });
const noPass = () => Promise.reject(new Error('no passphrase expected'));
const pass = (p: string) => () => Promise.resolve(p);

async function intake(): Promise<string> {
  const r = await run(['intake', '--procedure', '1.001193', '--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--all-components', '--no-input', '--json']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { dossier: { code: string } }).dossier.code;
}

/** A stored scan recorded on the dossier, as scan-import leaves it (read-only, SHA-256 in the event). */
async function attach(code: string, bytes: Buffer): Promise<string> {
  const sha = sha256(bytes);
  const rel = `attachments/${code}/to-khai/${sha.slice(0, 12)}-scan.pdf`;
  mkdirSync(path.dirname(path.join(home, rel)), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(home, rel), bytes, { mode: 0o400 });
  await new LowdbRepository(home).transact((db) => {
    const d = db.dossiers[code]!;
    db.dossiers[code] = applyAction(d, 'scanned', { at: NOW, operator: 'Trần Văn Đức', key: `scan:to-khai:${sha}`, data: { component: 'to-khai', file: { path: rel, sha256: sha, size: bytes.length, pages: 1, sourceName: 'scan.pdf', sourceType: 'pdf' } } }).dossier;
  });
  return rel;
}

async function backup(extra: string[] = [], env: Record<string, string> = {}): Promise<{ file: string; out: Record<string, unknown> }> {
  const r = await run(['backup', '--to', dest, '--json', ...extra], home, env);
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as Record<string, unknown> & { file: string };
  return { file: out.file, out };
}

async function entriesOf(file: string): Promise<string[]> {
  const tar = await import('tar');
  const names: string[] = [];
  await tar.list({ file, onReadEntry: (e) => void names.push(e.path) });
  return names;
}

beforeEach(async () => {
  home = tempHome();
  dest = tempHome('gov-desk-backups-');
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

describe('backup files (issue 13 §9, issue 18)', () => {
  it('is 0600 from its first byte, under a temporary name, and leaves no partial file', async () => {
    const code = await intake();
    await attach(code, randomBytes(12 * 1024 * 1024));
    const modes: number[] = [];
    const w = watch(dest, (_ev, name) => {
      if (!name) return;
      try {
        modes.push(lstatSync(path.join(dest, name)).mode & 0o777);
      } catch {
        // renamed away already
      }
    });
    try {
      await backup();
    } finally {
      w.close();
    }
    expect(modes.length).toBeGreaterThan(0);
    expect(modes.every((m) => m === 0o600), modes.map((m) => m.toString(8)).join(',')).toBe(true);
    const names = readdirSync(dest);
    expect(names).toHaveLength(1);
    expect(statSync(path.join(dest, names[0]!)).mode & 0o777).toBe(0o600);
  });

  it('a failing backup removes its temporary file', async () => {
    await intake();
    // the database is damaged after the snapshot would read it: make it unreadable JSON
    writeFileSync(path.join(home, 'db', 'active.json'), '{not json');
    const r = await run(['backup', '--to', dest]);
    expect(r.code).not.toBe(0);
    expect(readdirSync(dest)).toEqual([]);
    expect(readdirSync(home).filter((n) => n.startsWith('.backup-'))).toEqual([]);
  });

  it('two backups in the same second never overwrite each other', async () => {
    await intake();
    const [a, b] = await Promise.all([backup(), backup()]);
    expect(a.file).not.toBe(b.file);
    expect(readdirSync(dest).sort()).toEqual([path.basename(a.file), path.basename(b.file)].sort());
    for (const f of [a.file, b.file]) expect((await run(['restore', f, '--verify-only'])).code).toBe(0);
    const c = await backup();
    expect(new Set([a.file, b.file, c.file]).size).toBe(3);
  });

  it('holds every folder of the home with data (notify/ too), and no secret in clear', async () => {
    await intake();
    mkdirSync(path.join(home, 'notify', 'outgoing'), { recursive: true });
    writeFileSync(path.join(home, 'notify', 'outgoing', 'sms-2026-03-02.csv'), 'request_id,dossier\r\n');
    writeFileSync(path.join(home, 'notify-templates.json'), '{}');
    mkdirSync(path.join(home, 'secrets'), { mode: 0o700 });
    writeFileSync(path.join(home, 'secrets', 'portal-secret'), 'S3CRET-portal\n', { mode: 0o600 });
    writeFileSync(path.join(home, 'secrets', 'notify.json'), '{"esms":{"apiKey":"K3Y-esms"}}', { mode: 0o600 });
    const cfg = JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    cfg.notify = { ...cfg.notify, sms: { esms: { secretKey: 'S3CRET-esms' }, http: { headers: { Authorization: 'Bearer T0KEN' } } }, email: { smtpUrl: 'smtp://desk:PA55@mail.example.invalid:587' } };
    writeFileSync(path.join(home, 'config.json'), JSON.stringify(cfg));
    const { file, out } = await backup();
    const names = await entriesOf(file);
    expect(names).toContain('notify/outgoing/sms-2026-03-02.csv');
    expect(names).toContain('notify-templates.json');
    expect(names.some((n) => n.startsWith('secrets'))).toBe(false);
    expect(names).not.toContain('high-water.json');
    const { gunzipSync } = await import('node:zlib');
    const raw = gunzipSync(readFileSync(file)).toString('latin1');
    for (const s of ['S3CRET', 'K3Y-esms', 'T0KEN', 'PA55']) expect(raw).not.toContain(s);
    expect(out.secrets).toBe('excluded');
    expect(out.secretFilesLeftOut).toEqual(['secrets/notify.json', 'secrets/portal-secret']);
    // a restore says what to set again, and leaves this home's own secrets in place
    const r = await run(['restore', file, '--force', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { secretsLeftOut: string[] }).secretsLeftOut).toEqual(expect.arrayContaining(['secrets/portal-secret', 'config.json: notify.sms.esms.secretKey']));
    expect(readFileSync(path.join(home, 'secrets', 'portal-secret'), 'utf8')).toBe('S3CRET-portal\n');
    expect(out.removedFromConfig).toEqual(expect.arrayContaining(['notify.sms.esms.secretKey', 'notify.sms.http.headers.Authorization']));
  });

  it('an encrypted backup carries the secrets, reveals nothing without the passphrase, and restores with it', async () => {
    const code = await intake();
    mkdirSync(path.join(home, 'secrets'), { mode: 0o700 });
    writeFileSync(path.join(home, 'secrets', 'portal-secret'), 'S3CRET-portal\n', { mode: 0o600 });
    const passFile = path.join(dest, '..', `pass-${process.pid}-${Date.now()}.txt`);
    writeFileSync(passFile, 'mot cum mat khau dai\n', { mode: 0o600 });
    const { file, out } = await backup(['--passphrase-file', passFile]);
    expect(file.endsWith('.tar.gz.enc')).toBe(true);
    expect(out).toMatchObject({ encrypted: true, secrets: 'included' });
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from('S3CRET'))).toBe(false);
    expect(bytes.includes(Buffer.from('Hường'))).toBe(false);
    // no passphrase and nobody to ask: usage error
    const fresh = tempHome();
    expect((await run(['restore', file, '--json'], fresh)).code).toBe(2);
    const { passphrase } = await import('../../src/commands/backup/passphrase.js');
    const { fakeContext } = await import('../helpers/context.js');
    await expect(passphrase(fakeContext({ home: fresh }), {}, false)).rejects.toMatchObject({ code: 'BACKUP_PASSPHRASE_MISSING' });
    expect((await run(['restore', file, '--json'], fresh, { GOV_DESK_BACKUP_PASSPHRASE: 'not the right one' })).code).toBe(2);
    await expect(restoreBackup(fresh, file, NOW, pass('not the right one'))).rejects.toMatchObject({ code: 'BACKUP_PASSPHRASE_WRONG' });
    expect(existsSync(path.join(fresh, 'db'))).toBe(false);
    const ok = await run(['restore', file], fresh, { GOV_DESK_BACKUP_PASSPHRASE: 'mot cum mat khau dai' });
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(path.join(fresh, 'secrets', 'portal-secret'), 'utf8')).toBe('S3CRET-portal\n');
    expect((await run(['show', code, '--json'], fresh)).code).toBe(0);
  });
});

describe('a backup does not block the desk (issue 13 §7)', () => {
  it('the store lock is free while the archive is written', async () => {
    const code = await intake();
    await attach(code, randomBytes(24 * 1024 * 1024));
    let sawPartial = false;
    let lockFree = false;
    const done = backup();
    for (let i = 0; i < 4000 && !sawPartial; i++) {
      if (readdirSync(dest).some((n) => n.endsWith('.partial'))) {
        sawPartial = true;
        const release = await tryLock(home, '.store');
        lockFree = release !== undefined;
        await release?.();
      } else await new Promise((r) => setTimeout(r, 2));
    }
    const { file } = await done;
    expect(sawPartial).toBe(true);
    expect(lockFree).toBe(true);
    expect((await run(['restore', file, '--verify-only'])).code).toBe(0);
  });
});

describe('stored files checked against their recorded SHA-256 (issue 13 §6, §10)', () => {
  it('a changed scan is reported at backup (exit 1) and at restore', async () => {
    const code = await intake();
    const rel = await attach(code, Buffer.from('%PDF-1.4 original scan'));
    const abs = path.join(home, rel);
    const { chmodSync } = await import('node:fs');
    chmodSync(abs, 0o600);
    writeFileSync(abs, '%PDF-1.4 changed afterwards');
    const r = await run(['backup', '--to', dest, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { file: string; damaged: { path: string; problem: string }[] };
    expect(out.damaged).toEqual([{ code, path: rel, problem: 'sha256' }]);
    const v = await run(['restore', out.file, '--verify-only', '--json']);
    expect(v.code).toBe(1);
    expect((JSON.parse(v.stdout) as { damaged: unknown[] }).damaged).toHaveLength(1);
  });
});

describe('restore installs only what the manifest lists (issue 13 §10)', () => {
  const bad = (name: string) => path.join(dest, name);
  const expectInvalid = async (file: string) => {
    const before = readdirSync(os.tmpdir()).length;
    for (const args of [['restore', file, '--verify-only', '--json'], ['restore', file, '--force', '--json']]) {
      const r = await run(args);
      expect(r.code, r.stderr).toBe(2);
    }
    await expect(verifyBackup(file, home, noPass)).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    await expect(restoreBackup(home, file, NOW, noPass)).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    expect(readdirSync(home).filter((n) => /^\.(restore|verify|pre-restore)-/.test(n))).toEqual([]);
    expect(readdirSync(os.tmpdir()).length).toBeLessThanOrEqual(before + 1); // other tests run beside
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

import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { restoreBackup } from '../../src/store/restore.js';
import { tryLock } from '../../src/store/lock.js';
import { type Desk, newDesk, NOW } from '../helpers/backup-desk.js';
import { sha256 } from '../helpers/backup-files.js';
import { tempHome } from '../helpers/context.js';

let home: string;
let dest: string;
let run: Desk['run'];
let intake: Desk['intake'];
let attach: Desk['attach'];
let backup: Desk['backup'];
const pass = (p: string) => () => Promise.resolve(p);

beforeEach(async () => {
  ({ home, dest, run, intake, attach, backup } = await newDesk());
});

async function entriesOf(file: string): Promise<string[]> {
  const tar = await import('tar');
  const names: string[] = [];
  await tar.list({ file, onReadEntry: (e) => void names.push(e.path) });
  return names;
}

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

describe('a full drive (issue 13 §8, for backups)', () => {
  it('is a clear failure and leaves no partial file', async () => {
    await intake();
    const { promises: fsp } = await import('node:fs');
    const { vi } = await import('vitest');
    const realOpen = fsp.open.bind(fsp);
    const spy = vi.spyOn(fsp, 'open').mockImplementation((async (p: Parameters<typeof fsp.open>[0], ...rest: unknown[]) => {
      const fh = await (realOpen as (...a: unknown[]) => ReturnType<typeof fsp.open>)(p, ...rest);
      if (String(p).endsWith('.partial')) {
        fh.write = (async () => {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }) as typeof fh.write;
      }
      return fh;
    }) as typeof fsp.open);
    try {
      const { createBackup } = await import('../../src/store/backup.js');
      await expect(createBackup(home, dest, NOW)).rejects.toMatchObject({ code: 'BACKUP_NO_SPACE' });
    } finally {
      spy.mockRestore();
    }
    expect(readdirSync(dest)).toEqual([]);
    expect(readdirSync(home).filter((n) => n.startsWith('.backup-'))).toEqual([]);
  });
});

describe('the passphrase at the desk', () => {
  it('is asked twice (hidden) for a new encrypted backup; two different answers write nothing', async () => {
    await intake();
    const { fakeContext, scriptedPrompter } = await import('../helpers/context.js');
    const { run: runMain } = await import('../../src/main.js');
    const atDesk = (answers: string[]) => {
      const p = scriptedPrompter(answers);
      const ctx = fakeContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' }, noInput: false, prompter: async () => p });
      (ctx.stdin as { isTTY?: boolean }).isTTY = true;
      (ctx.stdout as { isTTY?: boolean }).isTTY = true;
      return { ctx, p };
    };
    const bad = atDesk(['mot cum mat khau', 'mot cum mat khau khac']);
    expect(await runMain(['backup', '--to', dest, '--encrypt'], bad.ctx)).toBe(2);
    expect(bad.p.asked).toHaveLength(2);
    expect(readdirSync(dest)).toEqual([]);
    const good = atDesk(['mot cum mat khau', 'mot cum mat khau']);
    expect(await runMain(['backup', '--to', dest, '--encrypt'], good.ctx)).toBe(0);
    expect(readdirSync(dest).filter((n) => n.endsWith('.tar.gz.enc'))).toHaveLength(1);
  }, 60_000);
});

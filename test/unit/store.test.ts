import { promises as fsp, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { allocate } from '../../src/domain/dossier/create.js';
import { LowdbRepository } from '../../src/store/lowdb-store.js';
import { archivePath } from '../../src/store/archive.js';
import { sampleDossier } from '../helpers/dossier.js';
import { tempHome } from '../helpers/context.js';

const at = new Date('2026-03-02T03:00:00Z');

async function errorOf(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected a rejection');
}

describe('lowdb repository', () => {
  it('creates owner-only files and folders and survives a round trip', async () => {
    const home = tempHome();
    const repo = new LowdbRepository(home);
    await repo.transact((db) => {
      db.dossiers['A-260302-0001'] = { ...sampleDossier('A-260302-0001') };
    });
    const file = path.join(home, 'db', 'active.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(home, 'db')).mode & 0o777).toBe(0o700);
    const again = new LowdbRepository(home);
    expect((await again.getDossier('A-260302-0001'))?.dossier.applicant.fullName).toBe('Nguyễn Thị Hường');
  });

  it('writes nothing when the transaction throws', async () => {
    const home = tempHome();
    const repo = new LowdbRepository(home);
    await repo.transact((db) => {
      db.meta.x = 1;
    });
    const before = await fsp.readFile(path.join(home, 'db', 'active.json'), 'utf8');
    await expect(
      repo.transact((db) => {
        db.meta.x = 2;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await fsp.readFile(path.join(home, 'db', 'active.json'), 'utf8')).toBe(before);
  });

  it('refuses a damaged file without overwriting it and names the path', async () => {
    const home = tempHome();
    await fsp.mkdir(path.join(home, 'db'), { recursive: true });
    const file = path.join(home, 'db', 'active.json');
    await fsp.writeFile(file, '{"schemaVersion": 1, "dossiers": ');
    const repo = new LowdbRepository(home);
    const e = await errorOf(repo.transact((db) => void (db.meta.x = 1)));
    expect(e.code).toBe('STORE_CORRUPT');
    expect(e.message).toContain(file);
    expect(await fsp.readFile(file, 'utf8')).toBe('{"schemaVersion": 1, "dossiers": ');
  });

  it('refuses a file that fails validation', async () => {
    const home = tempHome();
    await fsp.mkdir(path.join(home, 'db'), { recursive: true });
    const file = path.join(home, 'db', 'active.json');
    const bad = JSON.stringify({ schemaVersion: 1, createdAt: 'x', sequences: {}, registers: {}, dossiers: { X: { code: 'X' } }, drafts: {}, outbox: [], meta: {} });
    await fsp.writeFile(file, bad);
    const e = await errorOf(new LowdbRepository(home).transact(() => undefined));
    expect(e.code).toBe('STORE_CORRUPT');
    expect(e.message).toMatch(/dossiers\.X/);
    expect(readFileSync(file, 'utf8')).toBe(bad);
  });

  it('refuses a file from a newer version', async () => {
    const home = tempHome();
    await fsp.mkdir(path.join(home, 'db'), { recursive: true });
    await fsp.writeFile(path.join(home, 'db', 'active.json'), JSON.stringify({ schemaVersion: 99 }));
    expect((await errorOf(new LowdbRepository(home).read())).code).toBe('STORE_NEWER_VERSION');
  });

  it('keeps the previous version as .bak', async () => {
    const home = tempHome();
    const repo = new LowdbRepository(home);
    await repo.transact((db) => void (db.meta.n = 1));
    await repo.transact((db) => void (db.meta.n = 2));
    const bak = JSON.parse(await fsp.readFile(path.join(home, 'db', 'active.json.bak'), 'utf8')) as { meta: { n: number } };
    expect(bak.meta.n).toBe(1);
  });

  it('moves closed dossiers to the yearly archive and still finds them', async () => {
    const home = tempHome();
    const repo = new LowdbRepository(home);
    const code = '000.00.00.H99-250302-0001';
    await repo.transact((db) => {
      db.dossiers[code] = sampleDossier(code, new Date('2025-03-02T02:00:00Z'));
      db.dossiers['000.00.00.H99-260302-0002'] = sampleDossier('000.00.00.H99-260302-0002');
    });
    await repo.transact((db) => {
      let d = db.dossiers[code]!;
      for (const a of ['routed', 'result-recorded', 'result-returned'] as const) d = applyAction(d, a, { at, operator: 'op' }).dossier;
      db.dossiers[code] = d;
    });
    const db = await repo.read();
    expect(Object.keys(db.dossiers)).toEqual(['000.00.00.H99-260302-0002']);
    const found = await repo.getDossier(code);
    expect(found?.archived).toBe(true);
    expect(found?.dossier.events.at(-1)?.type).toBe('result-returned');
    expect(statSync(archivePath(path.join(home, 'db'), 2025, 3)).mode & 0o777).toBe(0o600);
    const all = [];
    for await (const d of repo.archived()) all.push(d.code);
    expect(all).toEqual([code]);
  });

  it('allocates distinct codes and register numbers under concurrent transactions', async () => {
    const home = tempHome();
    const repos = Array.from({ length: 10 }, () => new LowdbRepository(home));
    const codes = await Promise.all(
      repos.map((r) =>
        r.transact((db) => {
          const { code, register } = allocate(db, '000.00.00.H99', at, '{year}');
          db.dossiers[code] = { ...sampleDossier(code), register };
          return code;
        }),
      ),
    );
    expect(new Set(codes).size).toBe(10);
    const db = await new LowdbRepository(home).read();
    expect(Object.keys(db.dossiers)).toHaveLength(10);
    expect(new Set(Object.values(db.dossiers).map((d) => d.register.number)).size).toBe(10);
    expect(db.sequences['260302']).toBe(10);
  });
});

import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LowdbRepository } from '../../src/store/lowdb-store.js';
import { appendToArchive } from '../../src/store/archive.js';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { sampleDossier } from '../helpers/dossier.js';
import { tempHome } from '../helpers/context.js';

async function errorOf(p: Promise<unknown>): Promise<{ code?: string; message: string; hint?: { en: string } }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected a rejection');
}

const closed = (code: string) => {
  let d = sampleDossier(code, new Date('2025-03-02T02:00:00Z'));
  for (const a of ['routed', 'result-recorded', 'result-returned'] as const) d = applyAction(d, a, { at: new Date('2025-03-03T02:00:00Z'), operator: 'op' }).dossier;
  return d;
};

describe('a missing active file (issue 13 §4)', () => {
  it('a truly fresh home starts empty', async () => {
    const home = tempHome();
    const repo = new LowdbRepository(home);
    expect(Object.keys((await repo.read()).dossiers)).toEqual([]);
    await repo.transact((db) => void (db.sequences['260302'] = 1));
    expect(existsSync(path.join(home, 'db', 'active.json'))).toBe(true);
  });

  it('is refused, naming the .bak, when only the previous version is left; nothing is created', async () => {
    const home = tempHome();
    const repo = new LowdbRepository(home);
    await repo.transact((db) => void (db.sequences['260302'] = 7));
    await repo.transact((db) => void (db.sequences['260302'] = 8));
    const active = path.join(home, 'db', 'active.json');
    await fsp.rm(active);
    for (const p of [repo.read(), repo.transact((db) => void (db.sequences['260302'] = 1))]) {
      const e = await errorOf(p);
      expect(e.code).toBe('STORE_ACTIVE_MISSING');
      expect(e.message).toContain('active.json.bak');
    }
    expect(existsSync(active)).toBe(false);
  });

  it('is refused, naming the archive, when only archived dossiers are left', async () => {
    const home = tempHome();
    const dbDir = path.join(home, 'db');
    await appendToArchive(dbDir, [closed('000.00.00.H99-250302-0001')]);
    const e = await errorOf(new LowdbRepository(home).transact(() => undefined));
    expect(e.code).toBe('STORE_ACTIVE_MISSING');
    expect(e.message).toContain(path.join('archive', '2025', '2025-03.ndjson'));
    expect(existsSync(path.join(dbDir, 'active.json'))).toBe(false);
  });
});

describe('invalid UTF-8 in a database file (issue 13 §14)', () => {
  it('refuses the active file and leaves it byte for byte as it was', async () => {
    const home = tempHome();
    const repo = new LowdbRepository(home);
    await repo.transact((db) => {
      db.dossiers['A-260302-0001'] = sampleDossier('A-260302-0001');
    });
    const file = path.join(home, 'db', 'active.json');
    const text = await fsp.readFile(file);
    const at = text.indexOf(Buffer.from('Hường'));
    const bad = Buffer.concat([text.subarray(0, at), Buffer.from([0xc3, 0x28]), text.subarray(at + 2)]);
    await fsp.writeFile(file, bad);
    const e = await errorOf(repo.transact((db) => void (db.meta.x = 1)));
    expect(e.code).toBe('STORE_CORRUPT');
    expect(e.message).toMatch(/UTF-8/);
    expect((await errorOf(repo.read())).code).toBe('STORE_CORRUPT');
    expect(Buffer.compare(await fsp.readFile(file), bad)).toBe(0);
  });
});

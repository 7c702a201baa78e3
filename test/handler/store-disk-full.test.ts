import fs, { promises as fsp, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/store/files.js';
import { appendToArchive } from '../../src/store/archive.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { sampleDossier } from '../helpers/dossier.js';
import { runInProcess, tempHome } from '../helpers/context.js';

/**
 * A full disk (issue 13 §8) injected at the fs layer: the file handle's write fails half-way, as
 * ENOSPC does (some bytes made it to the file). No partial file may stay, the previous file is
 * intact, the message is a known error (no stack).
 */
function failWrites(code: string, match: (file: string) => boolean): void {
  const open = fsp.open.bind(fsp);
  vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
    const fh = await open(...args);
    if (!match(String(args[0]))) return fh;
    const fail = async (data: string | Uint8Array) => {
      const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
      await fh.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      throw Object.assign(new Error(`${code}: injected, write`), { code, errno: -28, syscall: 'write' });
    };
    return Object.assign(fh, { writeFile: fail, appendFile: fail });
  });
}

afterEach(() => vi.restoreAllMocks());

const errorOf = async (p: Promise<unknown>) => p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e as { code?: string; message: string; kind?: string });

describe('a full disk (issue 13 §8)', () => {
  for (const [errno, code] of [['ENOSPC', 'DISK_FULL'], ['EDQUOT', 'DISK_FULL'], ['EROFS', 'WRITE_REFUSED'], ['EACCES', 'WRITE_REFUSED']] as const) {
    it(`${errno} in writeFileAtomic: a clear error, no temporary file, the previous file intact`, async () => {
      const dir = tempHome();
      const file = path.join(dir, 'active.json');
      await writeFileAtomic(file, 'old content\n', { keepPrevious: true });
      failWrites(errno, (f) => f.endsWith('.tmp'));
      const e = await errorOf(writeFileAtomic(file, 'new content that does not fit\n', { keepPrevious: true }));
      expect(e.code).toBe(code);
      expect(e.kind).toBe('failed');
      expect(e.message).toContain(file);
      expect(readFileSync(file, 'utf8')).toBe('old content\n');
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    });
  }

  it('a lock that cannot be created on a full disk is DISK_FULL, not a stack', async () => {
    const home = tempHome();
    const mkdir = fs.mkdir;
    vi.spyOn(fs, 'mkdir').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
      const cb = rest.at(-1) as (e: NodeJS.ErrnoException | null) => void;
      if (String(p).endsWith('.store.lock')) return cb(Object.assign(new Error('ENOSPC: injected, mkdir'), { code: 'ENOSPC' }));
      return (mkdir as (...a: unknown[]) => void)(p, ...rest);
    }) as typeof fs.mkdir);
    const e = await errorOf(new EmbeddedStore(home, 'test').tx(() => undefined));
    expect(e.code).toBe('DISK_FULL');
  });

  it('an archive append that fails half-way is rolled back to the last complete line', async () => {
    const dbDir = path.join(tempHome(), 'db');
    const closed = (code: string) => {
      let d = sampleDossier(code, new Date('2025-03-02T02:00:00Z'));
      for (const a of ['routed', 'result-recorded', 'result-returned'] as const) d = applyAction(d, a, { at: new Date('2025-03-03T02:00:00Z'), operator: 'op' }).dossier;
      return d;
    };
    await appendToArchive(dbDir, [closed('000.00.00.H99-250302-0001')]);
    const shard = path.join(dbDir, 'archive', '2025', '2025-03.ndjson');
    const before = readFileSync(shard, 'utf8');
    failWrites('ENOSPC', (f) => f === shard);
    expect((await errorOf(appendToArchive(dbDir, [closed('000.00.00.H99-250302-0002')]))).code).toBe('DISK_FULL');
    expect(readFileSync(shard, 'utf8')).toBe(before);
  });

  it('intake on a full disk exits 1 with a Vietnamese message, no stack, nothing half-written', async () => {
    const home = tempHome();
    const env = { GOV_DESK_OPERATOR: 'Trần Văn Đức' };
    expect((await runInProcess(['init', '--example', '--no-input'], { home, env })).code).toBe(0);
    const active = path.join(home, 'db', 'active.json');
    const before = await fsp.readFile(active, 'utf8').catch(() => undefined);
    failWrites('ENOSPC', (f) => f.includes(`${path.sep}db${path.sep}`));
    const r = await runInProcess(['intake', '--procedure', '1.001193', '--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', 'Thôn 1, xã Suối Kiết', '--all-components', '--no-input'], { home, lang: 'vi', env: { ...env, GOV_DESK_LANG: 'vi' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/đầy|hết chỗ/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await fsp.readFile(active, 'utf8').catch(() => undefined)).toBe(before);
    expect(readdirSync(path.join(home, 'db')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

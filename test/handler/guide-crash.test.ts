import { promises as fsp } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';

/**
 * A guidance record is committed with the transaction that allocated its reference, or not at all
 * (issue 17: "survive the same crash tests"). A failure after the record's line was written but
 * before the active file (which holds the counter) was saved must not leave the record behind: the
 * command reported a failure, and the next record would be given the same reference.
 */
const NOW = () => new Date('2026-03-02T02:00:00Z');
const env = { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
let home: string;

function failActiveWrite(): void {
  const open = fsp.open.bind(fsp);
  vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
    const fh = await open(...args);
    if (!/\.active\.json\..*\.tmp$/.test(String(args[0]))) return fh;
    const fail = async () => {
      throw Object.assign(new Error('ENOSPC: injected, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    };
    return Object.assign(fh, { writeFile: fail, write: fail });
  });
}

beforeEach(async () => {
  home = tempHome();
  expect((await runInProcess(['init', '--example', '--no-input'], { home })).code).toBe(0);
});
afterEach(() => vi.restoreAllMocks());

describe('guidance records and a failed transaction', () => {
  it('a disk full while saving the active file: exit 1, no record; the next one is HT-…-0001 and kept', async () => {
    failActiveWrite();
    const failed = await runInProcess(['guide', '--kind', 'explain', '--name', 'Lê Văn An', '--no-input'], { home, now: NOW, env });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/disk|full/i);
    vi.restoreAllMocks();
    expect(await new EmbeddedStore(home, 't').guidance()).toEqual([]);
    const ok = await runInProcess(['guide', '--kind', 'vneid', '--name', 'Phạm Minh Đức', '--no-input', '--json'], { home, now: NOW, env });
    expect(ok.code, ok.stderr).toBe(0);
    const recs = await new EmbeddedStore(home, 't').guidance();
    expect(recs.map((r) => [r.id, r.citizen.fullName])).toEqual([['HT-260302-0001', 'Phạm Minh Đức']]);
  });

  it('a committed record stays readable before and after the next transaction moves it on', async () => {
    expect((await runInProcess(['guide', '--kind', 'explain', '--no-input'], { home, now: NOW, env })).code).toBe(0);
    expect((await new EmbeddedStore(home, 't').guidance()).map((r) => r.id)).toEqual(['HT-260302-0001']);
    expect((await runInProcess(['guide', '--kind', 'other', '--no-input'], { home, now: NOW, env })).code).toBe(0);
    expect((await new EmbeddedStore(home, 't').guidance()).map((r) => r.id)).toEqual(['HT-260302-0001', 'HT-260302-0002']);
    // a transaction that records no guidance keeps them too
    await new EmbeddedStore(home, 't').tx(async () => undefined);
    expect((await new EmbeddedStore(home, 't').guidance()).map((r) => r.id)).toEqual(['HT-260302-0001', 'HT-260302-0002']);
  });
});

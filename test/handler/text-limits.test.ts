import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEXT_LIMITS, tooLong } from '../../src/domain/limits.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';

/**
 * Field lengths (issue 13 §7): an address of 30,000 characters kept the store lock for 7.5 s
 * (pdfkit breaks a word that does not fit a line in quadratic time); 100,000 never finished.
 * Every free-text input is bounded at input: exit 2, nothing written, at once.
 */
const NOW = new Date('2026-03-02T02:00:00Z');
const env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
let home: string;
const run = (args: string[]) => runInProcess(args, { home, now: () => NOW, env, cwd: home });
const person = (address: string) => ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', address];
const snapshot = () => (existsSync(path.join(home, 'db', 'active.json')) ? readFileSync(path.join(home, 'db', 'active.json'), 'utf8') : '');
const documents = () => (existsSync(path.join(home, 'documents')) ? readdirSync(path.join(home, 'documents'), { recursive: true }).length : 0);

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

describe('free-text length limits (issue 13 §7)', () => {
  it('counts characters, not UTF-16 units', () => {
    expect(tooLong('x', 'ệ'.repeat(TEXT_LIMITS.address), TEXT_LIMITS.address)).toBeUndefined();
    expect(tooLong('x', '𠀀'.repeat(TEXT_LIMITS.address), TEXT_LIMITS.address)).toBeUndefined();
    expect(tooLong('x', 'a'.repeat(TEXT_LIMITS.address + 1), TEXT_LIMITS.address)?.en).toMatch(/301 characters, at most 300/);
  });

  for (const size of [30_000, 100_000]) {
    it(`an address of ${size} characters is exit 2 at once, nothing written`, async () => {
      const before = [snapshot(), documents()];
      const t0 = Date.now();
      const r = await run(['intake', '--procedure', '1.001193', ...person('a'.repeat(size)), '--all-components', '--no-input']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--address: too long \(\d+ characters, at most 300\)/);
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect([snapshot(), documents()]).toEqual(before);
    });
  }

  it('a reason or a note of any command is bounded too', async () => {
    const r = await run(['intake', '--procedure', '1.001193', ...person('Thôn 1'), '--refuse', 'x'.repeat(5_000), '--no-input']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--refuse: too long/);
    const d = await run(['deadlines', '--confirm', '000.00.00.H99-260302-0001', '--reason', 'y'.repeat(1_001)]);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--reason: too long/);
  });

  it('a batch file row with a huge address is refused on its own, the others are received', async () => {
    const file = path.join(home, 'batch.csv');
    writeFileSync(file, 'procedure,name,id_number,birth_date,phone,address,all_components\n' +
      `1.001193,Nguyễn Thị Hường,060190001234,12/05/1990,0912345678,${'b'.repeat(30_000)},1\n` +
      '1.004873,Phạm Minh Đức,068085001122,03/04/1985,0387654321,Thôn 2,1\n');
    const t0 = Date.now();
    const r = await run(['intake', '--from-file', file, '--json']);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; ok: boolean; error?: { code: string; message: string } });
    expect(lines.map((l) => [l.line, l.ok])).toEqual([[2, false], [3, true]]);
    expect(lines[0]!.error).toMatchObject({ code: 'TEXT_TOO_LONG' });
    expect(lines[0]!.error!.message).toMatch(/address: too long/);
    expect(await new EmbeddedStore(home, 'test').openDossiers()).toHaveLength(1);
  });
});

import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';

// Monday 2 March 2026, 09:00 in Vietnam
const NOW = new Date('2026-03-02T02:00:00Z');
const NAMES = ['', 'An', 'Bình', 'Cường', 'Dũng'];
const PERSON = (n: number) => ['--name', `Nguyễn Văn ${NAMES[n]}`, '--id-number', `06019000123${n}`, '--birth-date', '12/05/1990', '--phone', '0912345678'];

let home: string;
let dest: string;
const run = (args: string[], h = home) => runInProcess(args, { home: h, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });
async function intake(n: number, h = home): Promise<{ code: string; register: number }> {
  const r = await run(['intake', '--procedure', '1.001193', ...PERSON(n), '--all-components', '--no-input', '--json'], h);
  expect(r.code, r.stderr).toBe(0);
  const code = (JSON.parse(r.stdout) as { dossier: { code: string } }).dossier.code;
  const stored = await new EmbeddedStore(h, 'test').getDossier(code);
  return { code, register: stored!.dossier.register.number };
}
async function backup(h = home): Promise<string> {
  const r = await run(['backup', '--to', dest, '--json'], h);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { file: string }).file;
}

beforeEach(async () => {
  home = tempHome();
  dest = tempHome('gov-desk-backups-');
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

describe('codes are not reused after a restore (issue 13 §3)', () => {
  it('a restored older backup does not hand out again the codes and register numbers issued after it', async () => {
    const first = await intake(1);
    const file = await backup();
    const after = [await intake(2), await intake(3)];
    const r = await run(['restore', file, '--force', '--json']);
    expect(r.code, r.stderr).toBe(0);
    // the operator is told that the counters stay above the backup
    expect((JSON.parse(r.stdout) as { countersKept: unknown[] }).countersKept.length).toBeGreaterThan(0);
    const next = await intake(4);
    const issued = [first, ...after];
    expect(issued.map((x) => x.code)).not.toContain(next.code);
    expect(issued.map((x) => x.register)).not.toContain(next.register);
    expect(next.code.endsWith('-0004')).toBe(true);
    expect(next.register).toBe(4);
  });

  it('the mark lives outside the snapshot: a restore does not replace it, a backup does not carry it', async () => {
    await intake(1);
    await intake(2);
    const mark = JSON.parse(readFileSync(path.join(home, 'high-water.json'), 'utf8')) as { sequences: Record<string, number> };
    expect(Object.values(mark.sequences)).toContain(2);
    const file = await backup();
    const fresh = tempHome();
    expect((await run(['restore', file], fresh)).code).toBe(0);
    // a new PC gets the backup's own counters (in its database) and continues from them
    expect((await intake(3, fresh)).code.endsWith('-0003')).toBe(true);
  });

  it('a home from before the mark (no high-water.json) still does not reuse its codes after a restore', async () => {
    await intake(1);
    const file = await backup();
    await intake(2);
    rmSync(path.join(home, 'high-water.json'));
    expect((await run(['restore', file, '--force'])).code).toBe(0);
    expect((await intake(3)).code.endsWith('-0003')).toBe(true);
    expect(readdirSync(home)).toContain('high-water.json');
  });
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runCli } from '../helpers/cli.js';
import { tempHome } from '../helpers/context.js';

/**
 * Two desks (processes) recording guidance at the same moment, and a desk killed while recording:
 * every acknowledged record is kept, and references stay unique and gap-free (issue 17).
 */
describe('guidance records from several processes at once', () => {
  it('two batches and four single records in parallel: all 24 kept, references unique and contiguous', async () => {
    const home = tempHome();
    expect((await runCli(['init', '--example', '--no-input'], { home })).code).toBe(0);
    const rows = (who: string) => `kind,name,minutes\n${Array.from({ length: 10 }, (_, i) => `explain,${who} ${String.fromCharCode(65 + i)},${i + 1}`).join('\n')}\n`;
    writeFileSync(path.join(home, 'a.csv'), rows('Lê Văn'));
    writeFileSync(path.join(home, 'b.csv'), rows('Phạm Thị'));
    const env = { GOV_DESK_OPERATOR: 'Trần Văn Đức' };
    const runs = [
      runCli(['guide', '--from-file', path.join(home, 'a.csv'), '--no-input'], { home, env }),
      runCli(['guide', '--from-file', path.join(home, 'b.csv'), '--no-input'], { home, env }),
      ...[1, 2, 3, 4].map((n) => runCli(['guide', '--kind', 'vneid', '--name', `Nguyễn Văn ${'ABCD'[n - 1]}`, '--no-input'], { home, env: { ...env, GOV_DESK_DESK: `desk-${n}` } })),
    ];
    const results = await Promise.all(runs);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const recs = await new EmbeddedStore(home, 't').guidance();
    expect(recs).toHaveLength(24);
    const numbers = recs.map((r) => Number(r.id.slice(-4))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(recs.map((r) => r.citizen.fullName)).size).toBe(24);
  }, 60_000);

  it('a process killed while recording a batch: all of it or none, the others carry on, references unique', async () => {
    const home = tempHome();
    expect((await runCli(['init', '--example', '--no-input'], { home })).code).toBe(0);
    const env = { GOV_DESK_OPERATOR: 'Trần Văn Đức' };
    writeFileSync(path.join(home, 'k.csv'), `kind,name\n${Array.from({ length: 50 }, (_, i) => `explain,Lê Văn K${'ABCDEFGHIJ'[i % 10]}${'ABCDE'[Math.floor(i / 10)]}`).join('\n')}\n`);
    for (const [i, delay] of [300, 600, 900].entries()) {
      const killed = runCli(['guide', '--from-file', path.join(home, 'k.csv'), '--no-input'], { home, env, timeoutMs: delay });
      const others = ['A', 'B'].map((x) => runCli(['guide', '--kind', 'other', '--name', `Phạm Văn ${x}${'XYZ'[i]}`, '--no-input'], { home, env }));
      await killed;
      for (const r of await Promise.all(others)) expect(r.code, r.stderr).toBe(0);
    }
    const after = await runCli(['guide', '--kind', 'explain', '--name', 'Lê Văn Sau', '--no-input'], { home, env });
    expect(after.code, after.stderr).toBe(0);
    const recs = await new EmbeddedStore(home, 't').guidance();
    const batch = recs.filter((r) => r.citizen.fullName?.startsWith('Lê Văn K')).length;
    expect(batch % 50).toBe(0); // whole batches only
    expect(recs.filter((r) => r.citizen.fullName?.startsWith('Phạm Văn'))).toHaveLength(6);
    expect(recs.map((r) => r.citizen.fullName)).toContain('Lê Văn Sau');
    expect(new Set(recs.map((r) => r.id)).size).toBe(recs.length);
    process.stderr.write(`guidance kill test: ${batch / 50} of 3 killed batches committed\n`);
  }, 90_000);
});

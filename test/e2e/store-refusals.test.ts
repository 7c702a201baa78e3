import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempHome } from '../helpers/context.js';

/** The built CLI, as an operator meets it (issue 13 §4, §7): clear messages, the right exit code, no stack. */
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678'];
const env = { GOV_DESK_OPERATOR: 'Trần Văn Đức' };

describe('store refusals in the built CLI', () => {
  it('a deleted active.json beside its .bak: exit 1, the files named, no new database, doctor exits 1', async () => {
    const home = tempHome();
    expect((await runCli(['init', '--example', '--no-input'], { home, env })).code).toBe(0);
    for (const addr of ['Thôn 1', 'Thôn 2']) {
      expect((await runCli(['intake', '--procedure', '1.001193', ...APPLICANT, '--address', addr, '--all-components', '--allow-duplicate', '--no-input'], { home, env })).code).toBe(0);
    }
    const active = path.join(home, 'db', 'active.json');
    await fsp.rm(active);
    const r = await runCli(['intake', '--procedure', '1.001193', ...APPLICANT, '--address', 'Thôn 3', '--all-components', '--no-input'], { home, env, timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('active.json.bak');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(active)).toBe(false);
    const d = await runCli(['doctor'], { home, env });
    expect(d.code).toBe(1);
    expect(d.stdout).toContain('STORE_ACTIVE_MISSING');
  }, 60_000);

  it('a 100,000-character address: exit 2 at once', async () => {
    const home = tempHome();
    expect((await runCli(['init', '--example', '--no-input'], { home, env })).code).toBe(0);
    const r = await runCli(['intake', '--procedure', '1.001193', ...APPLICANT, '--address', 'a'.repeat(100_000), '--all-components', '--no-input'], { home, env, timeoutMs: 15_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--address: too long/);
  }, 30_000);
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempHome } from '../helpers/context.js';

describe('the built CLI, spawned as a user runs it', () => {
  it('prints help and version; Vietnamese by default, English on request', async () => {
    const vi = await runCli(['--help'], { env: { GOV_DESK_LANG: '' } });
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain('tiếp nhận hồ sơ');
    const en = await runCli(['--lang', 'en', '--help']);
    expect(en.stdout).toContain('receive a dossier');
    const v = await runCli(['--version']);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('an unknown command or option is a usage error (exit 2)', async () => {
    expect((await runCli(['nope'])).code).toBe(2);
    expect((await runCli(['list', '--bogus'])).code).toBe(2);
  });

  it('without a profile, intake says how to create one (exit 2)', async () => {
    const r = await runCli(['intake', '--procedure', '1.001193', '--no-input'], { home: tempHome() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gov-desk init');
  });

  it('ten intakes started at once produce ten dossiers with ten distinct codes', async () => {
    const home = tempHome();
    expect((await runCli(['init', '--example', '--no-input'], { home })).code).toBe(0);
    const ids = Array.from({ length: 10 }, (_, i) => `0680850011${String(i).padStart(2, '0')}`);
    const results = await Promise.all(
      ids.map((id) =>
        runCli(['intake', '--procedure', '1.004873', '--name', 'Phạm Minh Đức', '--id-number', id, '--phone', '0387654321', '--all-components', '--no-input', '--json'], { home, timeoutMs: 60_000 }),
      ),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const codes = results.map((r) => (JSON.parse(r.stdout) as { dossier: { code: string } }).dossier.code);
    expect(new Set(codes).size).toBe(10);
    const list = await runCli(['list', '--open', '--json'], { home });
    expect((JSON.parse(list.stdout) as { count: number }).count).toBe(10);
  });

  it('backup and restore round-trip the whole home', async () => {
    const home = tempHome();
    await runCli(['init', '--example', '--no-input'], { home });
    const r = await runCli(['intake', '--procedure', '1.004873', '--name', 'Phạm Minh Đức', '--id-number', '068085001122', '--phone', '0387654321', '--all-components', '--no-input', '--json'], { home });
    const code = (JSON.parse(r.stdout) as { dossier: { code: string } }).dossier.code;
    const dest = tempHome('gov-desk-backup-');
    const b = await runCli(['backup', '--to', dest, '--json'], { home });
    expect(b.code, b.stderr).toBe(0);
    const file = (JSON.parse(b.stdout) as { file: string }).file;
    expect((await runCli(['restore', file, '--verify-only'], { home })).code).toBe(0);
    const fresh = tempHome();
    const restored = await runCli(['restore', file], { home: fresh });
    expect(restored.code, restored.stderr).toBe(0);
    const { statSync } = await import('node:fs');
    expect(statSync(`${fresh}/db`).mode & 0o777).toBe(0o700);
    expect(statSync(`${fresh}/db/active.json`).mode & 0o777).toBe(0o600);
    const show = await runCli(['show', code, '--json'], { home: fresh });
    expect((JSON.parse(show.stdout) as { dossier: { code: string } }).dossier.code).toBe(code);
    // restoring over existing data needs --force
    const noForce = await runCli(['restore', file], { home });
    expect(noForce.code, noForce.stderr).toBe(2);
    // a damaged backup is refused and changes nothing
    const bad = `${file}.bad`;
    const bytes = readFileSync(file);
    bytes[bytes.length - 30] = (bytes[bytes.length - 30]! + 1) % 256;
    (await import('node:fs')).writeFileSync(bad, bytes);
    const refused = await runCli(['restore', bad, '--force'], { home });
    expect(refused.code, refused.stderr).toBe(2);
    expect((await runCli(['show', code], { home })).code).toBe(0);
  });
});

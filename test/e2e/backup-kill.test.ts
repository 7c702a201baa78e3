import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { tempHome } from '../helpers/context.js';

describe('a killed backup (issue 13 §9)', () => {
  it('leaves no world-readable file: the partial archive is 0600 from its first byte', async () => {
    const home = tempHome();
    expect((await runCli(['init', '--example', '--no-input'], { home })).code).toBe(0);
    mkdirSync(path.join(home, 'attachments', 'X', 'scan'), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(home, 'attachments', 'X', 'scan', 'big.pdf'), randomBytes(48 * 1024 * 1024), { mode: 0o400 });
    const dest = tempHome('gov-desk-backups-');
    const child = spawn(process.execPath, [BIN, 'backup', '--to', dest], { env: { ...process.env, GOV_DESK_HOME: home, GOV_DESK_LANG: 'en', CI: '1' }, stdio: 'ignore' });
    const exited = new Promise((r) => child.on('close', r));
    let seen: string | undefined;
    for (let i = 0; i < 3000 && !seen; i++) {
      seen = readdirSync(dest).find((n) => n.endsWith('.partial'));
      if (!seen) await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen).toBeDefined();
    child.kill('SIGKILL');
    await exited;
    for (const n of readdirSync(dest)) expect((statSync(path.join(dest, n)).mode & 0o077).toString(8)).toBe('0');
    // the next backup still works and is published under its own name
    const next = await runCli(['backup', '--to', dest, '--json'], { home, timeoutMs: 60_000 });
    expect(next.code, next.stderr).toBe(0);
    expect(statSync((JSON.parse(next.stdout) as { file: string }).file).mode & 0o777).toBe(0o600);
  }, 90_000);
});

import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { tempHome } from '../helpers/context.js';

/** Spawn the CLI with a reader that has already gone away (`gov-desk … | head -0`). */
function runIntoClosedPipe(args: string[], home: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...(process.env as Record<string, string>), GOV_DESK_LANG: 'en', NO_COLOR: '1', CI: '1', GOV_DESK_HOME: home };
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader closes before the first line is written
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the command line as scripts expect it', () => {
  it('stdout closed early ends quietly with exit 0, no stack trace (EPIPE)', async () => {
    const home = tempHome();
    expect((await runCli(['init', '--example', '--no-input'], { home })).code).toBe(0);
    const intake = ['intake', '--procedure', '1.004873', '--name', 'Phạm Minh Đức', '--id-number', '068085001122', '--phone', '0387654321', '--all-components', '--no-input'];
    expect((await runCli(intake, { home })).code).toBe(0);
    for (const args of [['catalog', 'list'], ['list'], ['catalog', 'list', '--json']]) {
      const r = await runIntoClosedPipe(args, home);
      expect(r.stderr, args.join(' ')).not.toMatch(/EPIPE|at .*\(|internal error/);
      expect(r.code, args.join(' ')).toBe(0);
    }
  });

  it('commander speaks Vietnamese: help headings, usage words, unknown command, missing argument', async () => {
    const vi = { GOV_DESK_LANG: 'vi' };
    const help = await runCli(['result', '--help'], { env: vi });
    expect(help.stdout).toMatch(/^Cách dùng: gov-desk result \[tùy chọn\] <code>/);
    expect(help.stdout).toContain('Tùy chọn:');
    expect(help.stdout).toContain('Tham số:');
    expect(help.stdout).not.toMatch(/Usage:|Options:|Arguments:/);
    expect((await runCli(['--help'], { env: vi })).stdout).toContain('Lệnh:');
    const unknown = await runCli(['nope'], { env: vi });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("lỗi: không có lệnh 'nope'");
    expect((await runCli(['show'], { env: vi })).stderr).toContain("lỗi: thiếu tham số bắt buộc 'code'");
    expect((await runCli(['nope'])).stderr).toContain("error: unknown command 'nope'");
  });
});

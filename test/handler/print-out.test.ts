import { existsSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { openCommand, printCommands, type Spawner } from '../../src/print/system.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', 'Thôn 1, xã Suối Kiết'];
let home: string;
let calls: { command: string; args: readonly string[] }[];
const ok: Spawner = async (command, args) => {
  calls.push({ command, args });
  return { code: 0, stderr: '' };
};
const run = (args: string[], o: { spawn?: Spawner; platform?: NodeJS.Platform } = {}) => runInProcess(args, { home, now: () => NOW, env: { GOV_DESK_LANG: 'en' }, spawn: o.spawn ?? ok, platform: o.platform ?? 'linux' });

async function receive(extra: string[] = []): Promise<{ code: string; path: string; r: Awaited<ReturnType<typeof run>> }> {
  const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--no-input', '--json', ...extra]);
  const d = (JSON.parse(r.stdout) as { dossier: { code: string; documents: { path: string }[] } }).dossier;
  return { code: d.code, path: d.documents[0]!.path, r };
}

beforeEach(async () => {
  home = tempHome();
  calls = [];
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

describe('print --printer / --open', () => {
  it('sends Mẫu 01 (both copies are in the file) to the default CUPS printer: lp -n 1 -- FILE, no shell', async () => {
    const { code } = await receive();
    const r = await run(['print', code, 'receipt', '--printer', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { path: string };
    expect(calls).toEqual([{ command: 'lp', args: ['-n', '1', '--', out.path] }]);
  });

  it('names the printer with -d, and --open runs xdg-open on the file', async () => {
    const { code } = await receive();
    const r = await run(['print', code, 'receipt', '--printer', 'Quay-1', '--open', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const file = (JSON.parse(r.stdout) as { path: string }).path;
    expect(calls).toEqual([
      { command: 'lp', args: ['-d', 'Quay-1', '-n', '1', '--', file] },
      { command: 'xdg-open', args: [file] },
    ]);
  });

  it('no lp on the machine: a clear error (exit 1), the PDF and its history entry stay', async () => {
    const { code } = await receive();
    const missing: Spawner = async () => ({ code: null, stderr: '', error: Object.assign(new Error('spawn lp ENOENT'), { code: 'ENOENT' }) });
    const r = await run(['print', code, 'receipt', '--printer'], { spawn: missing });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lp is not available/);
    expect(r.stderr).toMatch(/CUPS/);
    const file = r.stdout.trim();
    expect(existsSync(file)).toBe(true);
    const d = (await new EmbeddedStore(home, 'test').openDossiers()).find((x) => x.code === code)!;
    expect(d.events.filter((e) => e.type === 'printed')).toHaveLength(2);
  });

  it('a printer that refuses the job reports lp\'s own message', async () => {
    const { code } = await receive();
    const refused: Spawner = async () => ({ code: 1, stderr: 'lp: Error - No default destination.\n' });
    const r = await run(['print', code, 'receipt', '--printer'], { spawn: refused });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No default destination');
  });

  it('intake --print sends the receipt just issued', async () => {
    const { path, r } = await receive(['--print']);
    expect(r.code, r.stderr).toBe(0);
    expect(calls).toEqual([{ command: 'lp', args: ['-n', '1', '--', path] }]);
  });

  it('without --printer or --open nothing is spawned', async () => {
    const { code } = await receive();
    expect((await run(['print', code, 'receipt'])).code).toBe(0);
    expect(calls).toEqual([]);
  });
});

describe('the command lines per platform', () => {
  const file = "C:\\Users\\Mai\\gov-desk\\documents\\2026\\X\\mau-01 giay 'a'.pdf";
  it('Windows: PowerShell Start-Process -Verb Print on the default printer (PrintTo with a name), quoted', () => {
    expect(printCommands('win32', file, { copies: 1 })).toEqual([
      { command: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', "Start-Process -FilePath 'C:\\Users\\Mai\\gov-desk\\documents\\2026\\X\\mau-01 giay ''a''.pdf' -Verb Print -Wait"] },
    ]);
    expect(printCommands('win32', file, { copies: 1, printer: 'HP Quay 1' })[0]!.args[3]).toContain(`-Verb PrintTo -ArgumentList '"HP Quay 1"'`);
    expect(openCommand('win32', file).args[3]).toBe("Start-Process -FilePath 'C:\\Users\\Mai\\gov-desk\\documents\\2026\\X\\mau-01 giay ''a''.pdf'");
  });
  it('macOS: lp and open; a file name starting with "-" stays a file name', () => {
    expect(printCommands('darwin', '-x.pdf', { copies: 2 })).toEqual([{ command: 'lp', args: ['-n', '2', '--', '-x.pdf'] }]);
    expect(openCommand('darwin', '/a b.pdf')).toEqual({ command: 'open', args: ['/a b.pdf'] });
  });
});

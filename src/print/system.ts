/**
 * Sending a PDF to the system printer or the default viewer. The command lines are built by pure
 * functions (tested on every platform from any platform) and run through a `Spawner`, which tests
 * replace: child_process with an argument array, never a shell string.
 *
 * - Linux and macOS: CUPS `lp [-d NAME] -n COPIES -- FILE`; open with `xdg-open` / `open`.
 * - Windows: PowerShell `Start-Process -FilePath '<file>' -Verb Print` (the default printer; with a
 *   name, `-Verb PrintTo -ArgumentList '"<name>"'`), once per copy; open with `Start-Process`.
 *   This needs a PDF application that registers the Print/PrintTo verbs (Adobe Reader, Foxit,
 *   Edge does not): NOT RUN here (no Windows machine), written down in docs/huong-dan-van-hanh.md.
 */
import { failure } from '../errors.js';

export interface CommandLine {
  command: string;
  args: string[];
}

export interface SpawnResult {
  /** Exit code; null when the program could not be started (see `error`). */
  code: number | null;
  stderr: string;
  error?: NodeJS.ErrnoException;
}

export type Spawner = (command: string, args: readonly string[]) => Promise<SpawnResult>;

/** A PowerShell single-quoted string literal ('' inside). */
function psQuote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function powershell(script: string): CommandLine {
  return { command: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', script] };
}

/** The command lines that print `file` (`copies` copies, on `printer` or the default one). */
export function printCommands(platform: NodeJS.Platform, file: string, o: { printer?: string | null; copies: number }): CommandLine[] {
  if (platform === 'win32') {
    const verb = o.printer ? `-Verb PrintTo -ArgumentList ${psQuote(`"${o.printer}"`)}` : '-Verb Print';
    return Array.from({ length: o.copies }, () => powershell(`Start-Process -FilePath ${psQuote(file)} ${verb} -Wait`));
  }
  return [{ command: 'lp', args: [...(o.printer ? ['-d', o.printer] : []), '-n', String(o.copies), '--', file] }];
}

/** The command line that opens `file` in the default viewer. */
export function openCommand(platform: NodeJS.Platform, file: string): CommandLine {
  if (platform === 'win32') return powershell(`Start-Process -FilePath ${psQuote(file)}`);
  if (platform === 'darwin') return { command: 'open', args: [file] };
  return { command: 'xdg-open', args: [file] };
}

/** child_process.spawn with an argument array and no shell; output of stderr kept for the message. */
export const nodeSpawner: Spawner = async (command, args) => {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    let stderr = '';
    const child = spawn(command, [...args], { shell: false, stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: null, stderr, error }));
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
};

async function runAll(spawner: Spawner, lines: CommandLine[], what: 'print' | 'open'): Promise<void> {
  for (const l of lines) {
    const r = await spawner(l.command, l.args);
    if (r.code === null) {
      throw failure(what === 'print' ? 'PRINTER_UNAVAILABLE' : 'VIEWER_UNAVAILABLE', {
        vi: what === 'print' ? 'Không gửi được tới máy in: không có chương trình {cmd} trên máy này ({detail}).' : 'Không mở được tệp: không có chương trình {cmd} trên máy này ({detail}).',
        en: what === 'print' ? 'Cannot print: {cmd} is not available on this computer ({detail}).' : 'Cannot open the file: {cmd} is not available on this computer ({detail}).',
      }, {
        vars: { cmd: l.command, detail: r.error?.code ?? r.error?.message ?? '' },
        hint: what === 'print'
          ? { vi: 'Cài CUPS (gói cups-client, lệnh lp) và một máy in, hoặc mở tệp PDF đã ghi và in bằng tay.', en: 'Install CUPS (cups-client, the lp command) and a printer, or open the PDF written and print it by hand.' }
          : { vi: 'Mở tệp PDF đã ghi bằng trình xem PDF.', en: 'Open the PDF written with a PDF viewer.' },
      });
    }
    if (r.code !== 0) {
      throw failure(what === 'print' ? 'PRINT_FAILED' : 'OPEN_FAILED', {
        vi: what === 'print' ? 'Máy in từ chối lệnh in ({cmd}, mã {code}): {detail}' : 'Không mở được tệp ({cmd}, mã {code}): {detail}',
        en: what === 'print' ? 'The printer refused the job ({cmd}, exit {code}): {detail}' : 'Could not open the file ({cmd}, exit {code}): {detail}',
      }, {
        vars: { cmd: l.command, code: r.code, detail: r.stderr.trim().split('\n')[0] || '-' },
        hint: { vi: 'Kiểm tra máy in (lpstat -p -d) hoặc chọn máy in bằng --printer TÊN; tệp PDF đã được ghi.', en: 'Check the printer (lpstat -p -d) or choose one with --printer NAME; the PDF was written.' },
      });
    }
  }
}

/** Print `file`; throws PRINTER_UNAVAILABLE / PRINT_FAILED (exit 1). Returns the command lines run. */
export async function printFile(spawner: Spawner, platform: NodeJS.Platform, file: string, o: { printer?: string | null; copies: number }): Promise<CommandLine[]> {
  const lines = printCommands(platform, file, o);
  await runAll(spawner, lines, 'print');
  return lines;
}

export async function openFile(spawner: Spawner, platform: NodeJS.Platform, file: string): Promise<CommandLine> {
  const line = openCommand(platform, file);
  await runAll(spawner, [line], 'open');
  return line;
}

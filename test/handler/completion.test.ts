import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { completionHandler } from '../../src/commands/completion/handler.js';
import { bashScript } from '../../src/commands/completion/bash.js';
import { allCommands, classify, describeProgram } from '../../src/commands/completion/model.js';
import { zshScript } from '../../src/commands/completion/zsh.js';
import { loadRegistry } from '../../src/commands/registry.js';
import type { CommandDefinition } from '../../src/commands/types.js';
import { isGovDeskError } from '../../src/errors.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';

const hasZsh = spawnSync('zsh', ['-c', 'true']).status === 0;

function scratch(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'gov-desk-completion-'));
}

/**
 * A stand-in for the gov-desk program that the script calls for codes: it logs its arguments and
 * prints the real JSON of `catalog list --json` and `list --open --json` captured in-process.
 */
function stubProgram(dir: string, catalogJson: string, listJson: string, opts: { fail?: boolean } = {}): { prog: string; log: string } {
  writeFileSync(path.join(dir, 'catalog.json'), catalogJson);
  writeFileSync(path.join(dir, 'list.json'), listJson);
  const log = path.join(dir, 'calls.log');
  const prog = path.join(dir, 'gov-desk');
  const body = opts.fail
    ? `echo "gov-desk: broken" >&2; exit 1`
    : `case "$*" in
  *"catalog list --json"*) cat '${dir}/catalog.json' ;;
  *"list --open --json"*) cat '${dir}/list.json' ;;
  *) echo "unexpected: $*" >&2; exit 2 ;;
esac`;
  writeFileSync(prog, `#!/bin/sh\necho "$*" >> '${log}'\n${body}\n`);
  chmodSync(prog, 0o755);
  return { prog, log };
}

/** Source the script in bash, complete `words` (the last one is under the cursor), return COMPREPLY. */
function complete(script: string, words: string[], cwd?: string): { reply: string[]; stderr: string } {
  const file = path.join(scratch(), 'gov-desk.bash');
  writeFileSync(file, script);
  const arr = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const run = `source '${file}'; COMP_WORDS=(${arr}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _gov_desk; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', run], { encoding: 'utf8', cwd: cwd ?? os.tmpdir(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir() } });
  expect(r.status).toBe(0);
  return { reply: r.stdout.split('\n').filter((l) => l !== ''), stderr: r.stderr };
}

let bash = '';
let names: string[] = [];
let catalogJson = '';
let listJson = '';
let dossierCode = '';

beforeAll(async () => {
  names = (await loadRegistry()).map((d) => d.name);
  const r = await runInProcess(['completion', 'bash']);
  expect(r.code).toBe(0);
  bash = r.stdout;

  const home = tempHome();
  expect((await runInProcess(['init', '--example', '--no-input'], { home })).code).toBe(0);
  const intake = await runInProcess(
    ['intake', '--procedure', '1.001193', '--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', 'Thôn 1, xã Suối Kiết', '--channel', 'online', '--all-components', '--delivery', 'counter', '--no-input', '--json'],
    { home },
  );
  expect(intake.code).toBe(0);
  dossierCode = (JSON.parse(intake.stdout) as { dossier: { code: string } }).dossier.code;
  catalogJson = (await runInProcess(['catalog', 'list', '--json'], { home })).stdout;
  listJson = (await runInProcess(['list', '--open', '--json'], { home })).stdout;
});

describe('gov-desk completion bash', () => {
  it('prints a script that bash accepts, naming every command and option', () => {
    for (const n of names) expect(bash).toContain(n);
    for (const o of ['--procedure', '--id-qr', '--resume', '--all-ready', '--request-supplement', '--collector-id', '--no-input', '--home']) expect(bash).toContain(o);
    const file = path.join(scratch(), 'gov-desk.bash');
    writeFileSync(file, bash);
    const check = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(bash).toMatch(/^complete -F _gov_desk gov-desk/m);
  });

  it('completes commands, subcommands, options and choices', () => {
    expect(complete(bash, ['gov-desk', '']).reply).toEqual(expect.arrayContaining([...names, 'help']));
    expect(complete(bash, ['gov-desk', 'sc']).reply).toEqual(['scan-import']);
    expect(complete(bash, ['gov-desk', 'intake', '--proc']).reply).toEqual(['--procedure']);
    expect(complete(bash, ['gov-desk', 'catalog', '']).reply.sort()).toEqual(['help', 'import', 'list', 'print', 'search', 'show']);
    expect(complete(bash, ['gov-desk', 'catalog', 'help', '']).reply.sort()).toEqual(['help', 'import', 'list', 'print', 'search', 'show']);
    expect(complete(bash, ['gov-desk', 'completion', '']).reply).toEqual(['bash', 'zsh']);
    expect(complete(bash, ['gov-desk', '--lang', '']).reply).toEqual(['vi', 'en']);
    // a global option after the command, a flag, then the options of the same command
    expect(complete(bash, ['gov-desk', 'list', '--no-input', '--open', '--js']).reply).toEqual(['--json']);
    // the value of --to is skipped: "--json" is still offered for backup
    expect(complete(bash, ['gov-desk', 'backup', '--to', '/media/usb', '--j']).reply).toEqual(['--json']);
  });

  it('looks procedure codes up with `catalog list --json`, after --procedure and --procedure=', () => {
    const dir = scratch();
    const { prog, log } = stubProgram(dir, catalogJson, listJson);
    expect(complete(bash, [prog, 'intake', '--procedure', '1.00119']).reply).toEqual(['1.001193']);
    expect(complete(bash, [prog, 'intake', '--procedure', '=', '1.00119']).reply).toEqual(['1.001193']);
    expect(complete(bash, [prog, 'intake', '--procedure', '=']).reply).toContain('=1.001193');
    expect(complete(bash, [prog, 'list', '--procedure', '']).reply.length).toBeGreaterThanOrEqual(20);
    expect(complete(bash, [prog, 'catalog', 'show', '2.0008']).reply.sort()).toEqual(['2.000815', '2.000884']);
    expect(readFileSync(log, 'utf8')).toContain('--no-input --no-color catalog list --json');
  });

  it('looks open dossier codes up with `list --open --json` for commands taking a CODE', () => {
    const dir = scratch();
    const { prog, log } = stubProgram(dir, catalogJson, listJson);
    for (const words of [
      [prog, 'show', ''],
      [prog, 'route', '000'],
      [prog, 'result', ''],
      [prog, 'scan-import', ''],
      [prog, 'submit', 'X', ''],
      [prog, 'notify', 'templates', '--code', ''],
      [prog, 'deadlines', '--confirm', ''],
    ]) {
      expect(complete(bash, words).reply, words.join(' ')).toEqual([dossierCode]);
    }
    // notify takes a code or its subcommand
    expect(complete(bash, [prog, 'notify', '']).reply.sort()).toEqual([dossierCode, 'templates'].sort());
    // the --home of the line is passed on
    complete(bash, [prog, '--home', '/srv/gov-desk', 'show', '']);
    expect(readFileSync(log, 'utf8')).toContain('--home /srv/gov-desk --no-input --no-color list --open --json');
  });

  it('offers files after the file options and the files of scan-import', () => {
    const cwd = scratch();
    writeFileSync(path.join(cwd, 'ket-qua.pdf'), '%PDF-1.4');
    writeFileSync(path.join(cwd, 'to-khai.jpg'), 'x');
    expect(complete(bash, ['gov-desk', 'result', 'X', '--document', 'ket'], cwd).reply).toEqual(['ket-qua.pdf']);
    expect(complete(bash, ['gov-desk', 'result', 'X', '--document', 'a.pdf', 'to'], cwd).reply).toEqual(['to-khai.jpg']);
    expect(complete(bash, ['gov-desk', 'scan-import', 'X', 'to'], cwd).reply).toEqual(['to-khai.jpg']);
    expect(complete(bash, ['gov-desk', 'restore', 'k'], cwd).reply).toEqual(['ket-qua.pdf']);
  });

  it('stays quiet when gov-desk fails', () => {
    const { prog } = stubProgram(scratch(), '', '', { fail: true });
    const r = complete(bash, [prog, 'show', '']);
    expect(r.reply).toEqual([]);
    expect(r.stderr).toBe('');
  });
});

describe('gov-desk completion zsh', () => {
  it('prints a #compdef function with every command, its options and the dynamic look-ups', async () => {
    const r = await runInProcess(['completion', 'zsh']);
    expect(r.code).toBe(0);
    const zsh = r.stdout;
    expect(zsh.startsWith('#compdef gov-desk')).toBe(true);
    for (const n of names) {
      expect(zsh).toContain(`_gov_desk__${n.replace(/-/g, '_')}() {`);
      expect(zsh).toMatch(new RegExp(`^ {4}'${n}:`, 'm'));
    }
    expect(zsh).toContain("'--procedure=[procedure code, e.g. 1.001193]:procedure:_gov_desk_procedures'");
    expect(zsh).toContain("'1:code:_gov_desk_dossiers'");
    expect(zsh).toContain('_gov_desk_call list --open --json');
    expect(zsh).toContain('_gov_desk_call catalog list --json');
    // every function that opens also closes; quotes are balanced on each spec line
    expect((zsh.match(/\(\) \{$/gm) ?? []).length).toBe((zsh.match(/^\}$/gm) ?? []).length);
    for (const line of zsh.split('\n').filter((l) => /^\s+'.*\\$/.test(l))) {
      expect((line.replace(/'\\''/g, '').match(/'/g) ?? []).length % 2, line).toBe(0);
    }
    if (hasZsh) {
      const file = path.join(scratch(), '_gov-desk');
      writeFileSync(file, zsh);
      expect(spawnSync('zsh', ['-n', file], { encoding: 'utf8' }).status).toBe(0);
    }
  });

  it('describes commands in the language of --lang', async () => {
    const vi = await runInProcess(['--lang', 'vi', 'completion', 'zsh']);
    expect(vi.stdout).toContain("'intake:tiếp nhận hồ sơ tại quầy");
    const en = await runInProcess(['completion', 'zsh']);
    expect(en.stdout).toContain("'intake:receive a dossier at the counter");
  });
});

describe('the command tree', () => {
  it('picks up a new command and its options from the registry', async () => {
    const extra: CommandDefinition = {
      name: 'thu-nghiem',
      summary: { vi: 'lệnh thử', en: 'a test command' },
      configure(cmd, kit) {
        cmd.argument('<code>', kit.t({ vi: 'mã hồ sơ', en: 'dossier code' })).option('--procedure <code>', kit.t({ vi: 'mã thủ tục', en: 'procedure code' })).option('--moi-them', kit.t({ vi: 'mới', en: 'new' }));
        kit.handle(cmd, async () => async () => 0);
      },
    };
    const tree = await describeProgram([...(await loadRegistry()), extra], 'vi');
    const b = bashScript(tree);
    expect(b).toContain("'thu-nghiem|--procedure') _gd_kind='req procedure' ;;");
    expect(b).toMatch(/'thu-nghiem'\) _gd_subs=''; _gd_opts='--procedure --moi-them [^']*'; _gd_args='dossier'/);
    expect(complete(b, ['gov-desk', 'thu']).reply).toEqual(['thu-nghiem']);
    expect(zshScript(tree)).toContain("'thu-nghiem:lệnh thử'");
  });

  it('knows every global option of gov-desk --help', async () => {
    const help = await runInProcess(['--help']);
    const longs = [...help.stdout.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]);
    expect(longs.length).toBeGreaterThanOrEqual(5);
    const tree = await describeProgram(await loadRegistry(), 'en');
    const ours = tree.options.flatMap((o) => o.names);
    expect(ours.sort()).toEqual(expect.arrayContaining(longs));
    expect(allCommands(tree).map((c) => c.path.join(' '))).toEqual(expect.arrayContaining(['catalog show', 'notify templates', 'portal sandbox']));
  });

  it.each([
    ['code', 'dossier code', {}, 'dossier'],
    ['code', 'procedure code, e.g. 1.001193', {}, 'procedure'],
    ['code', 'agency identity code (used in dossier codes)', { long: '--agency-code' }, 'text'],
    ['code', 'dossier code for the preview', { long: '--code' }, 'dossier'],
    ['code', 'filter by procedure code', { long: '--procedure' }, 'procedure'],
    ['files', 'scans', {}, 'file'],
    ['dir', 'folder', {}, 'dir'],
    ['yes|no', 'level-2 VNeID', {}, 'choices'],
    ['name', 'full name', {}, 'text'],
  ] as const)('classify(%s, %s, %o) → %s', (name, desc, opts, kind) => {
    expect(classify(name, desc, opts).kind).toBe(kind);
  });

  it('refuses an unknown shell: exit 2 from the CLI, COMPLETION_SHELL from the handler', async () => {
    const r = await runInProcess(['completion', 'fish']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const err = await completionHandler(fakeContext(), { args: ['fish'], opts: {} }).catch((e: unknown) => e);
    expect(isGovDeskError(err) && err.code).toBe('COMPLETION_SHELL');
  });
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { type SandboxHandle, startSandbox } from '../../src/portal/sandbox/server.js';
import { ROOT } from '../helpers/cli.js';
import { fakeContext, tempHome } from '../helpers/context.js';
import { makeJpeg, makePdf } from '../helpers/scan-files.js';

/**
 * Every `gov-desk …` command written in the README is run here, in an order that builds the state
 * each needs (a pinned clock makes the dossier codes the README shows). Interactive-only lines are
 * covered by the named tests.
 */
const COVERED_ELSEWHERE: Record<string, string> = {
  'gov-desk intake': 'test/handler/intake-interactive.test.ts',
  'gov-desk guide': 'test/handler/guide-interactive.test.ts',
  'gov-desk db status --json': 'test/handler/db.pg.test.ts (needs the PostgreSQL test server)',
  'gov-desk db status': 'test/handler/db.pg.test.ts',
  'gov-desk db migrate': 'test/handler/db.pg.test.ts',
  'gov-desk db copy --from /media/usb/gov-desk-old': 'test/handler/db-copy.pg.test.ts (needs the PostgreSQL test server)',
};

/** Shell-like split: double quotes group words. */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let any = false;
  for (const ch of line) {
    if (ch === '"') {
      quoted = !quoted;
      any = true;
    } else if (/\s/.test(ch) && !quoted) {
      if (any) out.push(cur);
      cur = '';
      any = false;
    } else {
      cur += ch;
      any = true;
    }
  }
  if (any) out.push(cur);
  return out;
}

function readmeCommands(): string[] {
  const text = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const lines: string[] = [];
  let inSh = false;
  for (const raw of text.split('\n')) {
    if (raw.startsWith('```')) {
      inSh = raw.trim() === '```sh';
      continue;
    }
    if (inSh && raw.startsWith('gov-desk ')) lines.push(raw.replace(/\s+#.*$/, '').trim());
    if (raw.startsWith('| `')) {
      const m = /\| `(gov-desk [^`]+)` \|\s*$/.exec(raw);
      if (m) lines.push(m[1]!);
    }
  }
  return [...new Set(lines)];
}

function rank(argv: string[]): number {
  const [cmd] = argv;
  const has = (f: string) => argv.includes(f);
  if (cmd === 'init') return 0;
  if (['catalog', 'calendar', 'completion', 'portal'].includes(cmd!)) return 1;
  if (cmd === 'intake') return has('--resume') ? 3 : 2;
  if (['print', 'show', 'list', 'amend'].includes(cmd!)) return 4;
  if (cmd === 'scan-import') return 5;
  if (cmd === 'submit') return 6;
  if (cmd === 'route') return has('--control-slip') ? 10 : 7;
  if (cmd === 'result') return has('--return') ? 11 : 8;
  if (cmd === 'notify') return 9;
  if (['sync', 'deadlines', 'outbox', 'ledger', 'report'].includes(cmd!)) return 12;
  if (cmd === 'backup') return 13;
  if (cmd === 'restore') return 14;
  return 15;
}

let sandbox: SandboxHandle;
let home: string;
let work: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dataDir: tempHome('readme-sbx-') });
  home = tempHome('readme-home-');
  work = tempHome('readme-work-');
  writeFileSync(path.join(work, 'batch.csv'), 'procedure,name,id_number,birth_date,phone,all_components\n1.004873,Phạm Minh Đức,068085001122,03/04/1985,0387654321,1\n');
  writeFileSync(path.join(work, 'ket-qua.pdf'), await makePdf(1, 'Ket qua'));
  // the khai sinh of the README is filed online (Chỉ thị 24/CT-TTg): its scans are the papers, not a paper tờ khai
  writeFileSync(path.join(work, 'giay-chung-sinh.jpg'), makeJpeg(400, 560, { dpi: 200 }));
  mkdirSync(path.join(work, 'scans'));
  writeFileSync(path.join(work, 'scans', 'giay-chung-sinh-2.pdf'), await makePdf(1, 'Giay chung sinh'));
});

afterAll(async () => {
  await sandbox.close();
});

describe('README commands', () => {
  it('runs every command the README shows, each with exit 0', async () => {
    const commands = readmeCommands();
    expect(commands.length).toBeGreaterThan(30);
    const runnable = commands.filter((c) => !COVERED_ELSEWHERE[c]).map((c) => splitArgs(c).slice(1));
    const ordered = runnable.map((argv, i) => ({ argv, i })).sort((a, b) => rank(a.argv) - rank(b.argv) || a.i - b.i);
    const env = {
      GOV_DESK_LANG: 'en',
      GOV_DESK_PORTAL_URL: sandbox.url,
      GOV_DESK_PORTAL_CLIENT_ID: sandbox.clientId,
      GOV_DESK_PORTAL_SECRET: sandbox.clientSecret,
      GOV_DESK_SMS_PROVIDER: 'file',
      GOV_DESK_OPERATOR: 'Trần Văn Đức',
    };
    const failures: string[] = [];
    for (const { argv } of ordered) {
      if (argv[0] === 'portal' && argv[1] === 'sandbox') continue; // long-running: test/e2e/portal-command.test.ts
      const ctx = fakeContext({ home, cwd: work, env, now: () => new Date('2026-03-02T02:00:00Z') });
      const code = await run(argv[0] === 'init' ? argv : [...argv, ...(argv.includes('--no-input') ? [] : ['--no-input'])], ctx);
      if (code !== 0) failures.push(`gov-desk ${argv.join(' ')} → exit ${code}: ${ctx.err().slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('documents the crontab line and the set-up commands', () => {
    const text = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(text).toContain('npm install');
    expect(text).toContain('npm test');
    expect(text).toMatch(/\*\/5 \* \* \* \* .*gov-desk sync/);
    // the training set-up: the sandbox at the example profile's address, and an SMS provider so notify works
    expect(text).toMatch(/^gov-desk portal sandbox.*&/m);
    expect(text).toMatch(/^export GOV_DESK_PORTAL_SECRET=sandbox-secret/m);
    expect(text).toMatch(/^export GOV_DESK_SMS_PROVIDER=file/m);
  });
});

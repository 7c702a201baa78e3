/**
 * Every status the CLI can reach × every command that moves a dossier: either it is allowed (exit 0,
 * run on a copy of the home) or it is refused with the expected code and exit status, writing
 * nothing at all (db/active.json and the file tree unchanged).
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deadlinesHandler } from '../../src/commands/deadlines/handler.js';
import { resultHandler } from '../../src/commands/result/handler.js';
import { routeHandler } from '../../src/commands/route/handler.js';
import type { Handler } from '../../src/commands/types.js';
import { derive } from '../../src/domain/dossier/status.js';
import { fromVn } from '../../src/domain/time.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';

// Fictitious applicant; every state is built on Monday 2/3/2026 morning, the commands run at 11:00.
const APPLICANT_ID = '060190001234';
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', APPLICANT_ID, '--birth-date', '12/05/1990', '--phone', '0912345678'];
const env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
const AT = fromVn('2026-03-02', 11, 0);

const STATES = ['received', 'routed', 'accepted', 'paused', 'done', 'returned', 'unknown'] as const;
type State = (typeof STATES)[number];

const COMMANDS: Record<string, [Handler, (code: string) => Record<string, unknown>]> = {
  'route': [routeHandler, () => ({})],
  'route --to kinh-te': [routeHandler, () => ({ to: 'kinh-te' })],
  'route --accept': [routeHandler, () => ({ accept: true })],
  'route --return': [routeHandler, () => ({ return: true })],
  'route --request-supplement': [routeHandler, () => ({ requestSupplement: 'Giấy chứng sinh bị mờ', components: 'giay-chung-sinh' })],
  'route --supplement-received': [routeHandler, () => ({ supplementReceived: true })],
  'route --control-slip': [routeHandler, () => ({ controlSlip: true })],
  'result --approved': [resultHandler, () => ({ approved: true })],
  'result --approved --decided-at-counter': [resultHandler, () => ({ approved: true, decidedAtCounter: true })],
  'result --refused': [resultHandler, () => ({ refused: 'Không đủ điều kiện' })],
  'result --return counter': [resultHandler, () => ({ return: 'counter', collectorId: APPLICANT_ID })],
  'result --return post': [resultHandler, () => ({ return: 'post', tracking: 'EL123456789VN', yes: true, changeDelivery: true })],
  'deadlines --confirm': [deadlinesHandler, (code) => ({ confirm: code, reason: 'Chờ xác minh', newDate: '2026-03-10' })],
};

const TNA = ['TRANSITION_NOT_ALLOWED', 2] as const;
const GONE = ['DOSSIER_NOT_OPEN', 2] as const;
/** A decision on a dossier never digitised, submitted or routed (issue 18: workflow guards). */
const NOT_PROCESSED = ['RESULT_NOT_PROCESSED', 2] as const;
type Cell = 'ok' | readonly [string, number];

/** What each command does in each state (rows: commands; columns: STATES order). */
const TABLE: Record<string, Cell[]> = {
  //                               received              routed accepted paused done  returned unknown
  'route':                        ['ok',                  'ok', 'ok',    TNA,   'ok', GONE,    GONE],
  'route --to kinh-te':           ['ok',                  'ok', 'ok',    TNA,   TNA,  GONE,    GONE],
  'route --accept':               [['NOT_ROUTED', 1],     'ok', 'ok',    TNA,   TNA,  GONE,    GONE],
  'route --return':               ['ok',                  'ok', 'ok',    TNA,   'ok', GONE,    GONE],
  'route --request-supplement':   ['ok',                  'ok', 'ok',    TNA,   TNA,  GONE,    GONE],
  'route --supplement-received':  [TNA,                   TNA,  TNA,     'ok',  TNA,  GONE,    GONE],
  'route --control-slip':         ['ok',                  'ok', 'ok',    'ok',  'ok', 'ok',    ['DOSSIER_UNKNOWN', 2]],
  'result --approved':            [NOT_PROCESSED,         'ok', 'ok',    TNA,   'ok', 'ok',    GONE],
  'result --approved --decided-at-counter': ['ok',        'ok', 'ok',    TNA,   'ok', 'ok',    GONE],
  'result --refused':             [NOT_PROCESSED,         'ok', 'ok',    TNA,   'ok', 'ok',    GONE],
  'result --return counter':      [TNA,                   TNA,  TNA,     TNA,   'ok', 'ok',    GONE],
  'result --return post':         [TNA,                   TNA,  TNA,     TNA,   'ok', 'ok',    GONE],
  'deadlines --confirm':          ['ok',                  'ok', 'ok',    'ok',  'ok', GONE,    GONE],
};

let home: string;
const codes = {} as Record<State, string>;

function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
}

beforeAll(async () => {
  home = tempHome();
  const run = async (args: string[], h: number, m: number) => {
    const r = await runInProcess(args, { home, env, now: () => fromVn('2026-03-02', h, m) });
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r;
  };
  await run(['init', '--example', '--no-input'], 8, 0);
  for (const s of STATES.slice(0, -1)) {
    const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--allow-duplicate', '--no-input', '--json'], 9, 0);
    codes[s] = (JSON.parse(r.stdout) as { dossier: { code: string } }).dossier.code;
    if (s !== 'received') await run(['route', codes[s]], 9, 10);
    if (s === 'accepted') await run(['route', codes[s], '--accept'], 9, 20);
    if (s === 'paused') await run(['route', codes[s], '--request-supplement', 'Thiếu tờ khai', '--components', 'mau-dien-tu'], 9, 30);
    if (s === 'done' || s === 'returned') await run(['result', codes[s], '--approved'], 10, 0);
    if (s === 'returned') await run(['result', codes[s], '--return', 'counter', '--collector-id', APPLICANT_ID], 10, 30);
  }
  codes.unknown = '000.00.00.H99-260302-0099';
  const repo = new EmbeddedStore(home, 'test');
  const expected: Record<State, string | undefined> = { received: 'received', routed: 'processing', accepted: 'processing', paused: 'supplement-requested', done: 'done', returned: 'returned', unknown: undefined };
  for (const s of STATES) expect((await repo.getDossier(codes[s]))?.dossier && derive((await repo.getDossier(codes[s]))!.dossier).status, s).toBe(expected[s]);
  expect((await repo.getDossier(codes.returned))!.archived).toBe(true);
});

describe('status × command', () => {
  for (const [name, cells] of Object.entries(TABLE)) {
    for (const [i, cell] of cells.entries()) {
      const state = STATES[i]!;
      it(`${name} on a ${state} dossier: ${cell === 'ok' ? 'allowed' : `${cell[0]}, exit ${cell[1]}`}`, async () => {
        const [handler, opts] = COMMANDS[name]!;
        const code = codes[state];
        const args = name.startsWith('deadlines') ? [] : [code];
        if (cell === 'ok') {
          const copy = tempHome();
          cpSync(home, copy, { recursive: true });
          const ctx = fakeContext({ home: copy, now: () => AT, env });
          await expect(handler(ctx, { args, opts: opts(code) })).resolves.toBe(0);
          return;
        }
        const before = readFileSync(path.join(home, 'db', 'active.json'), 'utf8');
        const files = tree(home);
        const ctx = fakeContext({ home, now: () => AT, env });
        await expect(handler(ctx, { args, opts: opts(code) })).rejects.toMatchObject({ code: cell[0], exitCode: cell[1] });
        expect(readFileSync(path.join(home, 'db', 'active.json'), 'utf8')).toBe(before);
        expect(tree(home)).toEqual(files);
      });
    }
  }

  it('the CLI maps the refusals to the same exit codes', async () => {
    const run = (args: string[]) => runInProcess(args, { home, env, now: () => AT });
    expect((await run(['result', codes.received, '--return', 'counter', '--collector-id', APPLICANT_ID])).code).toBe(2);
    expect((await run(['route', codes.returned, '--to', 'kinh-te'])).code).toBe(2);
    expect((await run(['route', codes.received, '--accept'])).code).toBe(1);
    expect((await run(['route', codes.paused, '--to', 'kinh-te'])).code).toBe(2);
  });
});

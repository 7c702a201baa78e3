import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';

const NOW = () => new Date('2026-03-02T02:00:00Z'); // Monday 09:00 in Vietnam
const QR = '060190001234|261234567|Nguyễn Thị Hường|12051990|Nữ|Thôn 1, xã Gia Huynh, huyện Tánh Linh, tỉnh Bình Thuận|15042021';
let home: string;
const env = { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
const guide = (args: string[], over: Record<string, string> = {}) => runInProcess(['guide', ...args, '--no-input'], { home, now: NOW, env: { ...env, ...over } });
const stored = () => new EmbeddedStore(home, 'test').guidance();

beforeEach(async () => {
  home = tempHome();
  expect((await runInProcess(['init', '--example', '--no-input'], { home })).code).toBe(0);
});

describe('gov-desk guide by flags', () => {
  it('records one visit with several kinds, an accent-free procedure search and a normalised phone', async () => {
    const r = await guide(['--kind', 'explain', '--kind', 'checklist,vneid', '--name', 'nguyễn thị hường', '--phone', '091 234 5678', '--procedure', 'dang ky khai sinh', '--minutes', '7', '--note', 'Mang thiếu  giấy chứng sinh', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; record: Record<string, unknown> };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.record).toMatchObject({
      id: 'HT-260302-0001', at: '2026-03-02T09:00:00+07:00', kinds: ['explain', 'checklist', 'vneid'], member: 'Trần Văn Đức',
      citizen: { fullName: 'Nguyễn Thị Hường', phone: '0912345678', personalId: null }, procedure: '1.001193', dossier: null, minutes: 7, note: 'Mang thiếu giấy chứng sinh',
    });
    const all = await stored();
    expect(all).toHaveLength(1);
    expect(all[0]!.desk).toBeTruthy();
  });

  it('references run per day: HT-YYMMDD-0001, 0002, and a new day starts again at 0001', async () => {
    expect((await guide(['--kind', 'explain'])).code).toBe(0);
    expect((await guide(['--kind', 'other', '--procedure', '1193'])).code).toBe(0);
    expect((await guide(['--kind', 'explain', '--at', '27/02/2026 14:30'])).code).toBe(0);
    const ids = (await stored()).map((g) => g.id).sort();
    expect(ids).toEqual(['HT-260227-0001', 'HT-260302-0001', 'HT-260302-0002']);
    expect((await stored()).find((g) => g.id === 'HT-260302-0002')!.procedure).toBe('1.001193');
  });

  it('the ID card QR line fills name and number; --id is checked like intake', async () => {
    const r = await guide(['--kind', 'vneid', '--id-qr', QR, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { record: { citizen: unknown } }).record.citizen).toEqual({ fullName: 'Nguyễn Thị Hường', personalId: '060190001234', phone: null });
    const bad = await guide(['--kind', 'vneid', '--id', '06019000123', '--json']);
    expect(bad.code).toBe(2);
    expect((JSON.parse(bad.stdout) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
  });

  it.each([
    [['--procedure', '1.001193'], 'kind'],
    [['--kind', 'explian'], 'kind'],
    [['--kind', 'explain', '--phone', '12345'], 'phone'],
    [['--kind', 'assisted'], 'dossier'],
    [['--kind', 'assisted', '--dossier', '000.00.00.H99-260302-0009'], 'dossier'],
    [['--kind', 'explain', '--procedure', 'chung thuc'], 'procedure'],
    [['--kind', 'explain', '--minutes', '0'], 'minutes'],
    [['--kind', 'explain', '--at', '03/03/2026 09:00'], 'at'],
    [['--kind', 'explain', '--member', 'root'], 'member'],
  ])('%j is exit 2 naming %s, and nothing is written', async (args, field) => {
    const r = await guide([...args, '--json']);
    expect(r.code).toBe(2);
    const err = (JSON.parse(r.stdout) as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toContain(`--${field}`);
    expect(await stored()).toEqual([]);
  });

  it('without any member (no flag, env, session or default) it is exit 2', async () => {
    const cfg = path.join(home, 'config.json');
    const profile = JSON.parse(readFileSync(cfg, 'utf8')) as Record<string, unknown>;
    writeFileSync(cfg, JSON.stringify({ ...profile, defaultOperator: null }));
    const r = await runInProcess(['guide', '--kind', 'explain', '--no-input'], { home, now: NOW, env: { GOV_DESK_LANG: 'en' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--member');
  });

  it('--member takes a profile operator by id or a full name, never a login', async () => {
    const profile = JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')) as { operators: { id: string; fullName: string }[] };
    const op = profile.operators[0]!;
    expect((await guide(['--kind', 'explain', '--member', op.id])).code).toBe(0);
    expect((await guide(['--kind', 'explain', '--member', 'Lê Thị Mai'])).code).toBe(0);
    expect((await stored()).map((g) => g.member)).toEqual([op.fullName, 'Lê Thị Mai']);
  });

  it('assisted links the dossier intake created (a unique end of its code is enough)', async () => {
    const intake = await runInProcess(['intake', '--procedure', '1.001193', '--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--channel', 'online', '--vneid-level2', 'yes', '--all-components', '--delivery', 'counter', '--no-input'], { home, now: NOW, env });
    expect(intake.code, intake.stderr).toBe(0);
    const r = await guide(['--kind', 'assisted,vneid', '--dossier', '0001', '--procedure', '1.001193', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { record: { dossier: string } }).record.dossier).toBe('000.00.00.H99-260302-0001');
  });
});

describe('gov-desk guide --from-file', () => {
  it('saves every row of a CSV in one go, each with its own reference', async () => {
    const file = path.join(home, 'rows.csv');
    writeFileSync(file, '\uFEFFkind,name,phone,procedure,minutes,member\n"explain,checklist",Lê Văn An,0387654321,1.001193,5,\nvneid,Phạm Minh Đức,,,10,Lê Thị Mai\n');
    const r = await runInProcess(['guide', '--from-file', file, '--json', '--no-input'], { home, now: NOW, env });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { records: { id: string; member: string; kinds: string[] }[] };
    expect(doc.records.map((x) => [x.id, x.member, x.kinds])).toEqual([
      ['HT-260302-0001', 'Trần Văn Đức', ['explain', 'checklist']],
      ['HT-260302-0002', 'Lê Thị Mai', ['vneid']],
    ]);
    expect(await stored()).toHaveLength(2);
  });

  it('one bad row is exit 2 naming its line, and no row is written', async () => {
    const file = path.join(home, 'rows.json');
    writeFileSync(file, JSON.stringify([{ kinds: ['explain'], name: 'Lê Văn An' }, { kind: 'vneid', phone: '0123' }, { kind: 'assisted' }]));
    const r = await runInProcess(['guide', '--from-file', file, '--json', '--no-input'], { home, now: NOW, env });
    expect(r.code).toBe(2);
    const err = (JSON.parse(r.stdout) as { error: { message: string } }).error;
    expect(err.message).toContain('line 2: phone');
    expect(err.message).toContain('line 3: dossier');
    for (const l of err.message.split('\n').slice(1)) expect(l).toMatch(/^ {2}line \d: /); // one problem a line, newlines not escaped
    expect(r.stderr).not.toContain('\\x0a');
    expect(await stored()).toEqual([]);
  });
});

describe('gov-desk guide list', () => {
  it("shows today's records (JSON and lines), and another day with --from", async () => {
    await guide(['--kind', 'explain', '--name', 'Lê Văn An', '--minutes', '5']);
    await guide(['--kind', 'vneid', '--minutes', '10']);
    await guide(['--kind', 'other', '--at', '27/02/2026 10:00']);
    const list = await runInProcess(['guide', 'list', '--json'], { home, now: NOW, env });
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { records: { id: string }[] }).records.map((x) => x.id)).toEqual(['HT-260302-0001', 'HT-260302-0002']);
    const text = await runInProcess(['guide', 'list'], { home, now: NOW, env });
    expect(text.stdout).toContain('HT-260302-0001  02/03/2026 09:00 · explain · Lê Văn An');
    expect(text.stderr).toContain('2 record(s), 15 minutes.');
    const before = await runInProcess(['guide', 'list', '--from', '2026-02-27', '--to', '27/02/2026', '--json'], { home, now: NOW, env });
    expect((JSON.parse(before.stdout) as { records: { id: string }[] }).records.map((x) => x.id)).toEqual(['HT-260227-0001']);
  });
});

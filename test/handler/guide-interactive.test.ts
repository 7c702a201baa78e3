import { beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, scriptedPrompter, tempHome, fakeContext } from '../helpers/context.js';
import { KEY, play, terminalContext } from '../helpers/keys.js';

const NOW = () => new Date('2026-03-02T02:00:00Z');
const QR = '060190001234|261234567|Nguyễn Thị Hường|12051990|Nữ|Thôn 1, xã Gia Huynh, huyện Tánh Linh, tỉnh Bình Thuận|15042021';
const QR2 = '068085001122||Lê Văn An|03041985|Nam|Thôn 2, xã Suối Kiết, tỉnh Lâm Đồng|';
const env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
let home: string;

beforeEach(async () => {
  home = tempHome();
  expect((await runInProcess(['init', '--example', '--no-input'], { home })).code).toBe(0);
});

describe('interactive guidance desk', () => {
  it('a QR scan, then the same help as the last citizen: under 10 key presses', async () => {
    const first = terminalContext({ home, now: NOW, env });
    const done1 = run(['guide'], first);
    await play(first, [
      { waitFor: /Scan the ID card QR/, scan: QR },
      { waitFor: /What help was given/, type: [KEY.enter] },
      { waitFor: /Procedure/, type: ['dang ky khai sinh'] },
      { waitFor: /1\.001193/, type: [KEY.enter] },
      { waitFor: /Mobile number/, type: ['0912345678', KEY.enter] },
      { waitFor: /Record/, type: [KEY.enter] },
    ]);
    expect(await done1).toBe(0);
    const second = terminalContext({ home, now: NOW, env });
    const done2 = run(['guide'], second);
    const presses = await play(second, [
      { waitFor: /Scan the ID card QR/, scan: QR2 },
      { waitFor: /What help was given/, type: [KEY.enter] },
      { waitFor: /1\.001193/, type: [KEY.enter] }, // the last procedure is offered first
      { waitFor: /Mobile number/, type: [KEY.enter] },
      { waitFor: /Record/, type: [KEY.enter] },
    ]);
    expect(await done2).toBe(0);
    expect(presses).toBeLessThan(10);
    const recs = await new EmbeddedStore(home, 't').guidance();
    expect(recs.map((r) => [r.id, r.citizen.fullName, r.citizen.personalId, r.kinds, r.procedure])).toEqual([
      ['HT-260302-0001', 'Nguyễn Thị Hường', '060190001234', ['explain', 'checklist'], '1.001193'],
      ['HT-260302-0002', 'Lê Văn An', '068085001122', ['explain', 'checklist'], '1.001193'],
    ]);
    expect(recs[0]!.citizen.phone).toBe('0912345678');
    process.stderr.write(`guidance record after a QR scan: ${presses} key presses\n`);
  });

  it('assisted: the dossier of this person is offered; minutes and a note from the summary', async () => {
    const intake = await runInProcess(['intake', '--procedure', '1.001193', '--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--channel', 'online', '--vneid-level2', 'yes', '--all-components', '--delivery', 'counter', '--no-input'], { home, now: NOW, env });
    expect(intake.code, intake.stderr).toBe(0);
    const p = scriptedPrompter([QR, ['assisted', 'vneid'], '1.001193', '000.00.00.H99-260302-0001', '', 'minutes', '12', 'note', 'Tạo tài khoản VNeID mức 2', 'save']);
    const ctx = fakeContext({ home, now: NOW, env, noInput: false, prompter: async () => p });
    Object.assign(ctx.stdin, { isTTY: true });
    Object.assign(ctx.stdout, { isTTY: true });
    expect(await run(['guide'], ctx)).toBe(0);
    const [rec] = await new EmbeddedStore(home, 't').guidance();
    expect(rec).toMatchObject({ kinds: ['vneid', 'assisted'], dossier: '000.00.00.H99-260302-0001', minutes: 12, note: 'Tạo tài khoản VNeID mức 2', citizen: { personalId: '060190001234' } });
  });

  it('Ctrl-C at a question writes nothing (exit 130)', async () => {
    const ctx = terminalContext({ home, now: NOW, env });
    const done = run(['guide'], ctx);
    await play(ctx, [
      { waitFor: /Scan the ID card QR/, scan: QR },
      { waitFor: /What help was given/, type: [KEY.ctrlC] },
    ]);
    expect(await done).toBe(130);
    expect(await new EmbeddedStore(home, 't').guidance()).toEqual([]);
  });
});

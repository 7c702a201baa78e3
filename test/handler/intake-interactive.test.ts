import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { KEY, play, terminalContext } from '../helpers/keys.js';

const NOW = new Date('2026-03-02T02:00:00Z'); // Monday 09:00 in Vietnam
const QR = '060190001234|261234567|Nguyễn Thị Hường|12051990|Nữ|Thôn 1, xã Gia Huynh, huyện Tánh Linh, tỉnh Bình Thuận|15042021';
let home: string;

beforeEach(async () => {
  home = tempHome();
  expect((await runInProcess(['init', '--example', '--no-input'], { home })).code).toBe(0);
});

describe('interactive intake at a terminal', () => {
  it('receives a birth registration with a QR scan in under 30 key presses', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });
    const done = run(['intake'], ctx);
    const presses = await play(ctx, [
      { waitFor: /Procedure/, type: ['khai sinh'] },
      { waitFor: /1\.001193/, type: [KEY.enter] },
      { waitFor: /level-2 VNeID/, type: [KEY.enter] }, // online only from 1/10/2025: the assisted online channel
      { waitFor: /ID number \(12 digits\) or scan/, scan: QR },
      { waitFor: /mobile number/, type: ['0912345678', KEY.enter] },
      { waitFor: /e-mail/, type: [KEY.enter] },
      { waitFor: /filing on their behalf/, type: [KEY.enter] },
      { waitFor: /Which cases apply/, type: [KEY.enter] },
      { waitFor: /Papers present/, type: [KEY.enter] },
      { waitFor: /Result delivery/, type: [KEY.enter] },
      { waitFor: /Outcome/, type: [KEY.enter] },
    ]);
    expect(await done).toBe(0);
    expect(presses).toBeLessThan(30);
    expect(ctx.out()).toContain('000.00.00.H99-260302-0001');
    const d = (await new EmbeddedStore(home, 'test').getDossier('000.00.00.H99-260302-0001'))!.dossier;
    expect(d.applicant).toMatchObject({ fullName: 'Nguyễn Thị Hường', personalId: '060190001234', birthDate: '1990-05-12', sex: 'female', oldId: '261234567', phone: '0912345678' });
    // the old address is kept exactly as printed on the card
    expect(d.applicant.address).toBe('Thôn 1, xã Gia Huynh, huyện Tánh Linh, tỉnh Bình Thuận');
    process.stderr.write(`birth registration with QR: ${presses} key presses\n`);
  });

  it('the same birth registration typed by hand needs far more key presses', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en' } });
    const done = run(['intake'], ctx);
    const presses = await play(ctx, [
      { waitFor: /Procedure/, type: ['khai sinh'] },
      { waitFor: /1\.001193/, type: [KEY.enter] },
      { waitFor: /level-2 VNeID/, type: [KEY.enter] }, // online only from 1/10/2025: the assisted online channel
      { waitFor: /ID number \(12 digits\) or scan/, type: ['060190001234', KEY.enter] },
      { waitFor: /full name/, type: ['Nguyễn Thị Hường', KEY.enter] },
      { waitFor: /date of birth/, type: ['12/05/1990', KEY.enter] },
      { waitFor: /mobile number/, type: ['0912345678', KEY.enter] },
      { waitFor: /e-mail/, type: [KEY.enter] },
      { waitFor: /address/, type: ['Thôn 1, xã Gia Huynh, huyện Tánh Linh, tỉnh Bình Thuận', KEY.enter] },
      { waitFor: /filing on their behalf/, type: [KEY.enter] },
      { waitFor: /Which cases apply/, type: [KEY.enter] },
      { waitFor: /Papers present/, type: [KEY.enter] },
      { waitFor: /Result delivery/, type: [KEY.enter] },
      { waitFor: /Outcome/, type: [KEY.enter] },
    ]);
    expect(await done).toBe(0);
    expect(presses).toBeGreaterThan(100);
    process.stderr.write(`birth registration typed by hand: ${presses} key presses\n`);
  });

  it('asks to rescan a garbled QR line and saves nothing garbled', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en' } });
    const done = run(['intake', '--procedure', '1.001193'], ctx);
    await play(ctx, [
      { waitFor: /level-2 VNeID/, type: [KEY.enter] },
      { waitFor: /ID number \(12 digits\) or scan/, scan: '060190001234|261234567|Nguyá»…n Thá»‹ HÆ°á»ng|12051990|Ná»¯|ThÃ´n 1|15042021' },
      { waitFor: /garbled/, type: [KEY.ctrlC] },
    ]);
    expect(await done).toBe(130);
    const store = new EmbeddedStore(home, 'test');
    expect(await store.openDossiers()).toHaveLength(0);
    expect(await store.drafts()).toHaveLength(0);
  });

  it('Ctrl-C in the middle leaves nothing written (exit 130)', async () => {
    const before = readFileSync(path.join(home, 'db', 'active.json'), 'utf8');
    const ctx = terminalContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en' } });
    const done = run(['intake', '--procedure', '1.001193'], ctx);
    await play(ctx, [
      { waitFor: /level-2 VNeID/, type: [KEY.enter] },
      { waitFor: /ID number \(12 digits\) or scan/, scan: QR },
      { waitFor: /mobile number/, type: ['0912', KEY.ctrlC] },
    ]);
    expect(await done).toBe(130);
    expect(readFileSync(path.join(home, 'db', 'active.json'), 'utf8')).toBe(before);
  });

  it('typing the applicant by hand validates the number against the birth date', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en' } });
    const done = run(['intake', '--procedure', '1.004873', '--channel', 'in-person'], ctx);
    await play(ctx, [
      { waitFor: /ID number \(12 digits\) or scan/, type: ['068085001122', KEY.enter] },
      { waitFor: /full name/, type: ['phạm minh đức', KEY.enter] },
      { waitFor: /date of birth/, type: ['03/04/1990', KEY.enter] },
      { waitFor: /1985|1990/, type: [...Array(10).fill(KEY.backspace), '03/04/1985', KEY.enter] },
      { waitFor: /mobile number/, type: ['0387654321', KEY.enter] },
      { waitFor: /e-mail/, type: [KEY.enter] },
      { waitFor: /address/, type: ['Thôn 2, xã Suối Kiết', KEY.enter] },
      { waitFor: /filing on their behalf/, type: [KEY.enter] },
      { waitFor: /Which cases apply/, type: [KEY.enter] },
      { waitFor: /Papers present/, type: [KEY.enter] },
      { waitFor: /Result delivery/, type: [KEY.enter] },
      { waitFor: /Outcome/, type: [KEY.enter] },
    ]);
    expect(await done).toBe(0);
    const d = (await new EmbeddedStore(home, 'test').openDossiers())[0]!;
    expect(d.applicant).toMatchObject({ fullName: 'Phạm Minh Đức', birthDate: '1985-04-03', personalId: '068085001122' });
  });
});

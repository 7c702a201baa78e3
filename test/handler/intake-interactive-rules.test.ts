import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { KEY, play, terminalContext } from '../helpers/keys.js';

const NOW = new Date('2026-03-02T02:00:00Z'); // Monday 09:00 in Vietnam
let home: string;

beforeEach(async () => {
  home = tempHome();
  expect((await runInProcess(['init', '--example', '--no-input'], { home })).code).toBe(0);
});

describe('interactive intake: the channel step of an online-only service', () => {
  it('says so before the channel, offers no paper channel and asks no channel question', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en' } });
    const done = run(['intake', '--procedure', '1.001193'], ctx);
    await play(ctx, [{ waitFor: /level-2 VNeID/, type: [KEY.ctrlC] }]);
    expect(await done).toBe(130);
    const screen = ctx.err();
    const note = screen.indexOf('online only (Chỉ thị 24/CT-TTg)');
    expect(note).toBeGreaterThan(-1);
    expect(note).toBeLessThan(screen.indexOf('level-2 VNeID'));
    expect(screen).not.toMatch(/Channel(?!s:)/); // the details line 'Channels: …' is the record's; no channel question
    expect(screen).not.toContain('Meanwhile they can file in person');
  });

  it('a paper channel given as a flag is refused at once with exit 2, nothing written', async () => {
    const before = readFileSync(path.join(home, 'db', 'active.json'), 'utf8');
    const ctx = terminalContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en' } });
    expect(await run(['intake', '--procedure', '1.000894', '--channel', 'in-person'], ctx)).toBe(2);
    expect(ctx.err()).toContain('--channel online');
    expect(readFileSync(path.join(home, 'db', 'active.json'), 'utf8')).toBe(before);
  });

  it('a paper-allowed service still asks the channel', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en' } });
    const done = run(['intake', '--procedure', '1.004873'], ctx);
    await play(ctx, [{ waitFor: /Channel(?!s:)/, type: [KEY.ctrlC] }]);
    expect(await done).toBe(130);
  });

  it('where the time limit depends on the case, the case is a choice with its time limit', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en' } });
    const done = run(['intake', '--procedure', '1.013225', '--channel', 'in-person'], ctx);
    await play(ctx, [{ waitFor: /Case \(the time limit depends on it\)[\s\S]*Nhà ở riêng lẻ · 15 days/, type: [KEY.ctrlC] }]);
    expect(await done).toBe(130);
  });

  it('of a "one of" group only the usual paper is ticked by default (guardianship: appointed)', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });
    const done = run(['intake', '--procedure', '1.004837', '--channel', 'in-person'], ctx);
    await play(ctx, [
      { waitFor: /ID number \(12 digits\) or scan/, type: ['068085001122', KEY.enter] },
      { waitFor: /full name/, type: ['Phạm Minh Đức', KEY.enter] },
      { waitFor: /date of birth/, type: ['03/04/1985', KEY.enter] },
      { waitFor: /mobile number/, type: ['0387654321', KEY.enter] },
      { waitFor: /e-mail/, type: [KEY.enter] },
      { waitFor: /address/, type: ['Thôn 2, xã Suối Kiết', KEY.enter] },
      { waitFor: /filing on their behalf/, type: [KEY.enter] },
      // the two parties of a guardianship (issue 18): the applicant is the guardian, the ward is asked
      { waitFor: /Is Người giám hộ the applicant/, type: ['y', KEY.enter] },
      { waitFor: /Người được giám hộ: ID number/, type: ['060215004321', KEY.enter] },
      { waitFor: /Người được giám hộ: full name/, type: ['Phạm Minh Khôi', KEY.enter] },
      { waitFor: /Người được giám hộ: date of birth/, type: ['20/07/2015', KEY.enter] },
      { waitFor: /Người được giám hộ: mobile number/, type: [KEY.enter] },
      { waitFor: /Which cases apply/, type: [KEY.enter] },
      { waitFor: /Papers present/, type: [KEY.enter] },
      { waitFor: /Result delivery/, type: [KEY.enter] },
      { waitFor: /Outcome/, type: [KEY.enter] },
    ]);
    expect(await done).toBe(0);
    const d = (await new EmbeddedStore(home, 'test').openDossiers())[0]!;
    const provided = d.checklist.filter((l) => l.provided).map((l) => l.id);
    expect(provided).toContain('van-ban-cu-giam-ho');
    expect(provided).not.toContain('giam-ho-duong-nhien');
  });
});

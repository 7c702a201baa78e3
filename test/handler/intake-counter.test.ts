import { beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { KEY, play, terminalContext } from '../helpers/keys.js';

// Interactive intake at a fake terminal (issue 12 "Finding and fixing", issue 18 "At the desk").
const NOW = new Date('2026-03-02T02:00:00Z'); // Monday 09:00 in Vietnam
const QR = '060190001234|261234567|Nguyễn Thị Hường|12051990|Nữ|Thôn 1, xã Gia Huynh, huyện Tánh Linh, tỉnh Bình Thuận|15042021';
const ENV = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
const GUIDANCE_TEXT = 'Cơ sở dữ liệu quốc gia về dân cư'; // from a note of 1.001193, shown only on request
let home: string;
const dossier = async (code = '000.00.00.H99-260302-0001') => (await new EmbeddedStore(home, 'test').getDossier(code))?.dossier;
const down = (n: number) => Array<string>(n).fill(KEY.down);

beforeEach(async () => {
  home = tempHome();
  expect((await runInProcess(['init', '--example', '--no-input'], { home })).code).toBe(0);
});

describe('interactive intake: flags, QR, summary', () => {
  it('flags given fill their answers and skip their prompts; --id-qr ticks the identity paper', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: ENV });
    const done = run(['intake', '--procedure', '1.004859', '--channel', 'in-person', '--id-qr', QR, '--phone', '0912345678', '--components', 'to-khai,giay-to-can-cu'], ctx);
    await play(ctx, [
      { waitFor: /e-mail/, type: [KEY.enter] },
      { waitFor: /filing on their behalf/, type: [KEY.enter] },
      { waitFor: /Result delivery/, type: [KEY.enter] },
      { waitFor: /Outcome/, type: [KEY.enter] },
    ]);
    expect(await done).toBe(0);
    const err = ctx.err();
    for (const asked of ['ID number (12 digits)', 'full name', 'mobile number', 'Which cases apply', 'Papers present']) expect(err).not.toContain(asked);
    const d = (await dossier())!;
    expect(d.applicant).toMatchObject({ fullName: 'Nguyễn Thị Hường', personalId: '060190001234', phone: '0912345678' });
    expect(d.checklist.find((l) => l.id === 'giay-to-tuy-than')).toMatchObject({ provided: true });
  });

  it('a bad flag is exit 2 before the first question', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: ENV });
    expect(await run(['intake', '--procedure', '1.001193', '--phone', '12345'], ctx)).toBe(2);
    expect(ctx.err()).toContain('--phone');
    expect(ctx.err()).not.toContain('ID number (12 digits)');
  });

  it('the QR scan at the prompt ticks the identity paper when the papers come from --components', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: ENV });
    const done = run(['intake', '--procedure', '1.004859', '--channel', 'in-person', '--components', 'to-khai,giay-to-can-cu'], ctx);
    await play(ctx, [
      { waitFor: /ID number \(12 digits\) or scan/, scan: QR },
      { waitFor: /mobile number/, type: ['0912345678', KEY.enter] },
      { waitFor: /e-mail/, type: [KEY.enter] },
      { waitFor: /filing on their behalf/, type: [KEY.enter] },
      { waitFor: /Result delivery/, type: [KEY.enter] },
      { waitFor: /Papers: complete/, type: [] },
      { waitFor: /Outcome/, type: [KEY.enter] },
    ]);
    expect(await done).toBe(0);
    expect((await dossier())!.checklist.find((l) => l.id === 'giay-to-tuy-than')!.provided).toBe(true);
  });

  it('the summary shows the appointment before the receipt, folds the notes, and edits an answer', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: ENV });
    const done = run(['intake', '--procedure', '1.001193'], ctx); // online only from 1/10/2025 (Chỉ thị 24/CT-TTg)
    await play(ctx, [
      { waitFor: /VNeID account/, type: [KEY.enter] },
      { waitFor: /ID number \(12 digits\) or scan/, scan: QR },
      { waitFor: /mobile number/, type: ['0912345678', KEY.enter] },
      { waitFor: /e-mail/, type: [KEY.enter] },
      { waitFor: /filing on their behalf/, type: [KEY.enter] },
      { waitFor: /Which cases apply/, type: [KEY.enter] },
      { waitFor: /Papers present/, type: [KEY.enter] },
      { waitFor: /Result delivery/, type: [KEY.enter] },
      { waitFor: /Appointment: 03\/03\/2026 09:00[\s\S]*Outcome/, type: [] },
      // receive, invalid, refuse, notes, edit procedure, edit applicant, …
      { waitFor: /Show the guidance/, type: [...down(3), KEY.enter] },
      { waitFor: /Outcome/, type: [...down(5), KEY.enter] },
      { waitFor: /ID number \(12 digits\) or scan/, type: [KEY.enter] },
      { waitFor: /full name/, type: [KEY.enter] },
      { waitFor: /date of birth/, type: [KEY.enter] },
      { waitFor: /mobile number/, type: ['0987654321', KEY.enter] },
      { waitFor: /e-mail/, type: [KEY.enter] },
      { waitFor: /address/, type: [KEY.enter] },
      { waitFor: /Outcome/, type: [KEY.enter] },
    ]);
    expect(await done).toBe(0);
    const err = ctx.err();
    const firstOutcome = err.indexOf('Outcome');
    // folded: one line before the checklist, the full text only after "Show the guidance"
    expect(err.slice(0, firstOutcome)).toMatch(/Guidance: \d+ notes/);
    expect(err.slice(0, firstOutcome)).not.toContain(GUIDANCE_TEXT);
    expect(err.slice(firstOutcome)).toContain(GUIDANCE_TEXT);
    expect(err.slice(0, firstOutcome).match(/^ {2}• /gm)).toBeNull(); // no note printed in full before the summary
    expect(err.slice(firstOutcome).match(/^ {2}• /gm)!.length).toBeGreaterThan(10);
    expect((await dossier())!.applicant.phone).toBe('0987654321');
  });

  it('an incomplete dossier is not asked about result delivery', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: ENV });
    const done = run(['intake', '--procedure', '1.004859', '--channel', 'in-person', '--components', 'to-khai'], ctx);
    await play(ctx, [
      { waitFor: /ID number \(12 digits\) or scan/, scan: QR },
      { waitFor: /mobile number/, type: ['0912345678', KEY.enter] },
      { waitFor: /e-mail/, type: [KEY.enter] },
      { waitFor: /filing on their behalf/, type: [KEY.enter] },
      { waitFor: /Outcome/, type: [KEY.enter] },
    ]);
    expect(await done).toBe(0);
    expect(ctx.err()).not.toContain('Result delivery');
    expect(ctx.out()).toContain('HD-260302-0001');
  });
});

describe('receiving outside counter hours', () => {
  const NIGHT = new Date('2026-03-02T21:01:00Z'); // Tuesday 04:01 in Vietnam

  it('scripted: a warning in --json warnings, and on stderr before the receipt', async () => {
    const args = ['intake', '--procedure', '1.001193', '--id-qr', QR, '--phone', '0912345678', '--all-components', '--no-input'];
    const j = await runInProcess([...args, '--json'], { home, now: () => NIGHT, env: ENV });
    expect(j.code).toBe(0);
    const out = JSON.parse(j.stdout) as { warnings: string[] };
    expect(out.warnings.some((w) => w.includes('outside counter hours (04:01 03/03/2026)'))).toBe(true);
    const h = await runInProcess([...args, '--allow-duplicate'], { home, now: () => NIGHT, env: ENV });
    expect(h.stderr).toContain('outside counter hours');
  });

  it('interactive: the summary warns before the outcome is chosen', async () => {
    const ctx = terminalContext({ home, now: () => NIGHT, env: ENV });
    const done = run(['intake', '--procedure', '1.001193', '--id-qr', QR, '--phone', '0912345678', '--all-components'], ctx);
    await play(ctx, [
      { waitFor: /VNeID account/, type: [KEY.enter] },
      { waitFor: /e-mail/, type: [KEY.enter] },
      { waitFor: /filing on their behalf/, type: [KEY.enter] },
      { waitFor: /Result delivery/, type: [KEY.enter] },
      { waitFor: /outside counter hours[\s\S]*Outcome/, type: [KEY.ctrlC] },
    ]);
    expect(await done).toBe(130);
  });
});

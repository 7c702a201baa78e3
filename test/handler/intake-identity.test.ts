import { beforeEach, describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { run as runCli } from '../../src/main.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';
import { KEY, play, terminalContext } from '../helpers/keys.js';

// sampleDossier's applicant: Nguyễn Thị Hường, 060190001234, born 12/05/1990
const NOW = new Date('2026-03-02T02:00:00Z');
let home: string;
const run = (args: string[]) => runInProcess(args, { home, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });
const intake = (name: string, birth: string, extra: string[] = []) =>
  run(['intake', '--procedure', '1.001193', '--name', name, '--id-number', '060190001234', '--birth-date', birth, '--phone', '0912345678', '--all-components', '--allow-duplicate', '--no-input', ...extra]);

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

describe('the same ID number under another name or birth date', () => {
  it('is a warning in --json `warnings` when an open dossier has another name', async () => {
    await new EmbeddedStore(home, 'test').tx(async (t) => {
      await t.putDossier(sampleDossier('000.00.00.H99-260227-0001', new Date('2026-02-27T02:00:00Z')));
    });
    const r = await intake('Nguyễn Thị Hương', '12/05/1990', ['--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { warnings: string[]; dossier: { status: string } };
    expect(out.dossier.status).toBe('received');
    expect(out.warnings.filter((w) => w.includes('060190001234'))).toHaveLength(1);
    expect(out.warnings[0]).toContain('000.00.00.H99-260227-0001');
    expect(out.warnings[0]).toContain('Nguyễn Thị Hường');
  });

  it('is a warning for an archived dossier with another birth date, on stderr before the receipt line', async () => {
    const old = sampleDossier('000.00.00.H99-250610-0003', new Date('2025-06-10T02:00:00Z'));
    const at = new Date('2025-06-11T02:00:00Z');
    const done = applyAction(applyAction({ ...old, applicant: { ...old.applicant, birthDate: '1990-05-21' } }, 'result-recorded', { at, operator: 't' }).dossier, 'result-returned', { at, operator: 't' }).dossier;
    await new EmbeddedStore(home, 'test').tx(async (t) => {
      await t.putDossier(done);
    });
    expect((await new EmbeddedStore(home, 'test').getDossier(done.code))!.archived).toBe(true);
    const r = await intake('Nguyễn Thị Hường', '12/05/1990');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('000.00.00.H99-250610-0003');
    expect(r.stderr).toContain('21/05/1990');
    expect(r.stderr.match(/060190001234/g)).toHaveLength(1); // said once, not again at the end
  });

  it('the same name without diacritics, or the same person again, gives no warning', async () => {
    await new EmbeddedStore(home, 'test').tx(async (t) => {
      await t.putDossier(sampleDossier('000.00.00.H99-260227-0001', new Date('2026-02-27T02:00:00Z')));
    });
    const r = await intake('NGUYỄN THỊ HƯỜNG', '12/05/1990', ['--json']);
    expect((JSON.parse(r.stdout) as { warnings: string[] }).warnings.filter((w) => w.includes('060190001234'))).toEqual([]);
  });

  it('interactive: the warning comes before the outcome is asked', async () => {
    await new EmbeddedStore(home, 'test').tx(async (t) => {
      await t.putDossier(sampleDossier('000.00.00.H99-260227-0001', new Date('2026-02-27T02:00:00Z')));
    });
    const ctx = terminalContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });
    const done = runCli(['intake', '--procedure', '1.001193', '--allow-duplicate'], ctx); // online only from 1/10/2025 (Chỉ thị 24/CT-TTg)
    await play(ctx, [
      { waitFor: /VNeID account/, type: [KEY.enter] },
      { waitFor: /ID number \(12 digits\) or scan/, type: ['060190001234', KEY.enter] },
      { waitFor: /full name/, type: ['Nguyễn Văn Hường', KEY.enter] },
      { waitFor: /date of birth/, type: ['12/05/1990', KEY.enter] },
      { waitFor: /mobile number/, type: ['0912345678', KEY.enter] },
      { waitFor: /e-mail/, type: [KEY.enter] },
      { waitFor: /address/, type: [KEY.enter] },
      { waitFor: /filing on their behalf/, type: [KEY.enter] },
      { waitFor: /Which cases apply/, type: [KEY.enter] },
      { waitFor: /Papers present/, type: [KEY.enter] },
      { waitFor: /Result delivery/, type: [KEY.enter] },
      { waitFor: /Outcome/, type: [KEY.ctrlC] },
    ]);
    expect(await done).toBe(130);
    const err = ctx.err();
    expect(err).toContain('ID number 060190001234 is already in dossier 000.00.00.H99-260227-0001');
    expect(err.indexOf('060190001234 is already')).toBeLessThan(err.lastIndexOf('Outcome'));
  });
});

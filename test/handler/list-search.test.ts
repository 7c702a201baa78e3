import { beforeEach, describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';

const NOW = new Date('2026-03-02T02:00:00Z');
let home: string;
const run = (args: string[]) => runInProcess(args, { home, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });

function person(d: Dossier, over: Partial<Dossier['applicant']>): Dossier {
  return { ...d, applicant: { ...d.applicant, ...over } };
}

function closed(d: Dossier): Dossier {
  const at = new Date(Date.parse(d.receivedAt) + 3600_000);
  const done = applyAction(d, 'result-recorded', { at, operator: 't', data: { decision: 'approved' } }).dossier;
  return applyAction(done, 'result-returned', { at, operator: 't', data: { method: 'counter' } }).dossier;
}

async function seed(dossiers: Dossier[]): Promise<void> {
  await new EmbeddedStore(home, 'test').tx(async (t) => {
    for (const d of dossiers) await t.putDossier(d);
  });
}

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

describe('list --search', () => {
  beforeEach(async () => {
    await seed([
      sampleDossier('000.00.00.H99-260302-0001'),
      person(sampleDossier('000.00.00.H99-260302-0002'), { fullName: 'Trần Văn Bình', personalId: '079085001111', phone: '0987654321' }),
      // returned in February: in the archive
      closed(person(sampleDossier('000.00.00.H99-260210-0007', new Date('2026-02-10T02:00:00Z')), { fullName: 'Lê Thị Đào', personalId: '001190002222', phone: '0903111222' })),
    ]);
  });
  const codes = async (q: string) => {
    const r = await run(['list', '--search', q, '--json']);
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout) as { dossiers: { code: string }[] }).dossiers.map((d) => d.code);
  };

  it('finds a name without diacritics and in any case, open and archived', async () => {
    expect(await codes('nguyen thi huong')).toEqual(['000.00.00.H99-260302-0001']);
    expect(await codes('TRAN VAN')).toEqual(['000.00.00.H99-260302-0002']);
    expect(await codes('le thi dao')).toEqual(['000.00.00.H99-260210-0007']);
    expect(await codes('Đào')).toEqual(['000.00.00.H99-260210-0007']);
  });

  it('finds an ID number, a phone number (also as +84) and part of a code', async () => {
    expect(await codes('079085001111')).toEqual(['000.00.00.H99-260302-0002']);
    expect(await codes('001190002222')).toEqual(['000.00.00.H99-260210-0007']);
    expect(await codes('0903 111 222')).toEqual(['000.00.00.H99-260210-0007']);
    expect(await codes('+84987654321')).toEqual(['000.00.00.H99-260302-0002']);
    expect(await codes('260302')).toEqual(['000.00.00.H99-260302-0002', '000.00.00.H99-260302-0001']);
    expect(await codes('h99-260210')).toEqual(['000.00.00.H99-260210-0007']);
    expect(await codes('nobody')).toEqual([]);
  });

  it('finds a kept incomplete intake by its HD- reference and by name', async () => {
    const r = await run(['intake', '--procedure', '1.004859', '--name', 'Phạm Văn Cường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912000111', '--components', 'to-khai', '--no-input', '--json']);
    expect(r.code).toBe(0);
    const ref = (JSON.parse(r.stdout) as { dossier: { code: string } }).dossier.code;
    expect(ref).toMatch(/^HD-/);
    for (const q of [ref.toLowerCase(), 'pham van cuong']) {
      const out = JSON.parse((await run(['list', '--search', q, '--json'])).stdout) as { dossiers: unknown[]; intakes: { ref: string; kind: string }[] };
      expect(out.intakes.map((i) => i.ref)).toEqual([ref]);
      expect(out.intakes[0]!.kind).toBe('incomplete');
    }
    const text = await run(['list', '--search', 'pham van cuong']);
    expect(text.stdout).toContain(ref);
  });

  it('an empty search is a usage error', async () => {
    expect((await run(['list', '--search', '  ', '--json'])).code).toBe(2);
  });
});

describe('show by a code suffix', () => {
  beforeEach(async () => {
    await seed([sampleDossier('000.00.00.H99-260302-0001'), sampleDossier('000.00.00.H99-260302-0002'), closed(sampleDossier('000.00.00.H99-260210-0001', new Date('2026-02-10T02:00:00Z')))]);
  });

  it('accepts a unique end of the code and any case', async () => {
    const a = await run(['show', '0002']);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Dossier 000.00.00.H99-260302-0002');
    const b = await run(['show', '000.00.00.h99-260210-0001']);
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('000.00.00.H99-260210-0001 (archived)');
    expect((await run(['show', '260302-0001', '--json'])).code).toBe(0);
  });

  it('an ambiguous end lists the candidates (exit 2)', async () => {
    const r = await run(['show', '0001']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('000.00.00.H99-260302-0001');
    expect(r.stderr).toContain('000.00.00.H99-260210-0001');
    expect(r.stdout).toBe('');
  });

  it('a digit run inside a code part is not a suffix', async () => {
    expect((await run(['show', '02'])).code).toBe(2);
  });
});

describe('list on a large home', () => {
  beforeEach(async () => {
    const many: Dossier[] = [];
    for (let i = 1; i <= 120; i++) many.push(sampleDossier(`000.00.00.H99-260302-${String(i).padStart(4, '0')}`, new Date(NOW.getTime() - (120 - i) * 60_000)));
    await seed(many);
  });

  it('shows the newest 50 first with a hint to page on', async () => {
    const r = await run(['list']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(1);
    expect(rows).toHaveLength(50);
    expect(rows[0]).toContain('000.00.00.H99-260302-0120');
    expect(rows[49]).toContain('000.00.00.H99-260302-0071');
    expect(r.stderr).toContain('--page 2');
    expect(r.stderr).toContain('--all');
    const p3 = await run(['list', '--page', '3']);
    expect(p3.stdout.trim().split('\n').slice(1)).toHaveLength(20);
    expect(p3.stdout).toContain('000.00.00.H99-260302-0001');
    expect((await run(['list', '--all'])).stdout.trim().split('\n')).toHaveLength(121);
    expect((await run(['list', '--limit', '10'])).stdout.trim().split('\n')).toHaveLength(11);
    expect((await run(['list', '--all', '--limit', '5'])).code).toBe(2);
  });

  it('--json gives every dossier newest first unless a page is asked for', async () => {
    const all = JSON.parse((await run(['list', '--open', '--json'])).stdout) as { count: number; total: number; pageSize: number | null; dossiers: { code: string }[] };
    expect(all).toMatchObject({ count: 120, total: 120, pageSize: null });
    expect(all.dossiers[0]!.code).toBe('000.00.00.H99-260302-0120');
    const page = JSON.parse((await run(['list', '--json', '--limit', '25', '--page', '2'])).stdout) as { count: number; total: number; page: number; dossiers: { code: string }[] };
    expect(page).toMatchObject({ count: 25, total: 120, page: 2 });
    expect(page.dossiers[0]!.code).toBe('000.00.00.H99-260302-0095');
  });

  it('list --help names every status', async () => {
    const r = await run(['list', '--help']);
    for (const s of ['received', 'processing', 'supplement-requested', 'awaiting-payment', 'done', 'returned', 'refused', 'withdrawn', 'stopped']) expect(r.stdout + r.stderr).toContain(s);
  });
});

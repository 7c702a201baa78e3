import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { allText, pdfText } from '../helpers/pdf-text.js';

// Rules of issue 12 the counter got wrong. Fictitious people; Monday 2 March 2026, 09:00 in Vietnam.
const NOW = new Date('2026-03-02T02:00:00Z');
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', 'Thôn 1, xã Suối Kiết'];
const ENV = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
// procedures about two people declare their parties (issue 18): the applicant is one, a fictitious other the second
const CHILD = 'name=Nguyễn Minh Khôi,id=060215004321,birth=20/07/2015';
const MARRIAGE_PARTIES = ['--party', 'role=ben-nu,applicant', '--party', 'role=ben-nam,name=Lê Văn An,id=068085001122,birth=03/04/1985'];
const RECOGNITION_PARTIES = ['--party', 'role=nguoi-nhan,applicant', '--party', `role=nguoi-duoc-nhan,${CHILD}`];
const GUARDIANSHIP_PARTIES = ['--party', 'role=nguoi-giam-ho,applicant', '--party', `role=nguoi-duoc-giam-ho,${CHILD}`];

let home: string;
const run = (args: string[], now = NOW) => runInProcess(args, { home, now: () => now, env: ENV });
const dossierOf = async (stdout: string) => {
  const code = (JSON.parse(stdout) as { dossier: { code: string } }).dossier.code;
  return (await new EmbeddedStore(home, 'test').getDossier(code))!.dossier;
};
const dbText = () => readFileSync(path.join(home, 'db', 'active.json'), 'utf8');

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

describe('online-only services (Chỉ thị 24/CT-TTg): no paper dossier from 1/10/2025', () => {
  it('defaults to the assisted online channel', async () => {
    const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--no-input', '--json']);
    expect(r.code).toBe(0);
    const d = await dossierOf(r.stdout);
    expect(d.channel).toBe('online');
    expect(d.checklist.map((l) => l.id)).toContain('mau-dien-tu');
  });

  for (const channel of ['in-person', 'postal']) {
    it(`refuses the ${channel} channel with exit 2, a reason and what to do, writing nothing`, async () => {
      const before = dbText();
      const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--channel', channel, '--all-components', '--no-input']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Chỉ thị 24/CT-TTg');
      expect(r.stderr).toContain('--channel online');
      expect(dbText()).toBe(before);
      const docs = path.join(home, 'documents');
      expect(existsSync(docs) ? readdirSync(docs, { recursive: true }).filter((f) => String(f).endsWith('.pdf')) : []).toEqual([]);
    });
  }

  it('a paper dossier received before 1/10/2025 follows the old rule', async () => {
    const r = await run(['intake', '--procedure', '1.000656', ...APPLICANT, '--channel', 'in-person', '--all-components', '--received-at', '2025-09-30T09:00+07:00', '--no-input', '--json']);
    expect(r.code).toBe(0);
    expect((await dossierOf(r.stdout)).channel).toBe('in-person');
    const old = await run(['intake', '--procedure', '1.000894', ...APPLICANT, ...MARRIAGE_PARTIES, '--all-components', '--received-at', '2025-09-30T10:00+07:00', '--no-input', '--json']);
    expect((await dossierOf(old.stdout)).channel).toBe('in-person'); // no channel given: the old default
  });

  it('batch rows follow the same rule, one by one', async () => {
    const file = path.join(home, 'batch.csv');
    writeFileSync(file, 'procedure,channel,name,id_number,birth_date,phone,all_components\n1.001193,in-person,Nguyễn Thị Hường,060190001234,12/05/1990,0912345678,1\n1.001193,,Lê Văn An,068085001122,03/04/1985,0387654321,1\n');
    const r = await run(['intake', '--from-file', file, '--json']);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean; error?: { code: string } });
    expect(lines.map((l) => l.ok)).toEqual([false, true]);
    expect(lines[0]!.error!.code).toBe('PAPER_NOT_ACCEPTED');
  });

  it('a service whose only channel is online (3.000722) gets its own checklist, not an empty one', async () => {
    const r = await run(['intake', '--procedure', '3.000722', ...APPLICANT, '--all-components', '--no-input', '--json']);
    expect(r.code).toBe(0);
    const d = await dossierOf(r.stdout);
    expect(d.channel).toBe('online');
    expect(d.checklist.filter((l) => l.provided).map((l) => l.id)).toEqual(['to-khai-dien-tu', 'giay-chung-sinh']);
  });
});

describe('"one of" several papers', () => {
  it('proof of the parent–child relation: neither paper → incomplete (Mẫu 02) with one line naming both', async () => {
    const r = await run(['intake', '--procedure', '1.001022', ...APPLICANT, '--channel', 'in-person', '--components', 'to-khai,giay-to-tuy-than', '--no-input', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { dossier: { status: string; missing: { id: string; name: string }[]; documents: { path: string }[] } };
    expect(out.dossier.status).toBe('incomplete');
    expect(out.dossier.missing.map((m) => m.id)).toEqual(['quan-he-cha-me-con']);
    const text = allText(await pdfText(readFileSync(out.dossier.documents[0]!.path)));
    expect(text).toContain('Văn bản cam đoan');
    expect(text).toContain('cơ quan y tế');
  });

  it('either paper alone completes the group; the receipt lists only the paper handed in', async () => {
    const r = await run(['intake', '--procedure', '1.001022', ...APPLICANT, ...RECOGNITION_PARTIES, '--channel', 'in-person', '--components', 'to-khai,giay-to-tuy-than,van-ban-cam-doan', '--no-input', '--json']);
    const out = JSON.parse(r.stdout) as { dossier: { status: string; documents: { path: string }[] } };
    expect(out.dossier.status).toBe('received');
    const text = allText(await pdfText(readFileSync(out.dossier.documents[0]!.path)));
    expect(text).toContain('Văn bản cam đoan');
    expect(text).not.toContain('cơ quan giám định');
  });

  it('guardianship: appointed or by law; --all-components takes the first paper of a group, not all of them', async () => {
    const r = await run(['intake', '--procedure', '1.004837', ...APPLICANT, ...GUARDIANSHIP_PARTIES, '--channel', 'in-person', '--all-components', '--no-input', '--json']);
    const d = await dossierOf(r.stdout);
    expect(d.checklist.filter((l) => l.provided).map((l) => l.id)).toEqual(['to-khai', 'van-ban-cu-giam-ho', 'giay-to-tuy-than']);
    expect(d.procedure.groups).toEqual([{ id: 'can-cu-giam-ho', name: expect.stringContaining('giám hộ') }]);
  });

  it('a receipt without any paper to list prints no empty numbered line', async () => {
    // 1.014028: the page lists no components (UNCONFIRMED); the dossier is still received
    const r = await run(['intake', '--procedure', '1.014028', ...APPLICANT, '--no-input', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { dossier: { documents: { path: string }[] } };
    const text = allText(await pdfText(readFileSync(out.dossier.documents[0]!.path)));
    expect(text).toContain('Không có giấy tờ phải nộp theo danh mục thủ tục.');
    expect(text).not.toMatch(/^\s*1\)\s*\.*\s*$/m);
  });
});

describe('time limits that depend on the case, half days, units the record does not state', () => {
  it('1.013225 needs --case: 15 days for nhà ở riêng lẻ, 20 otherwise, on any channel; the case is on the dossier', async () => {
    const base = ['intake', '--procedure', '1.013225', ...APPLICANT, '--channel', 'in-person', '--all-components', '--allow-duplicate', '--no-input', '--json'];
    const none = await run(base);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--case');
    expect(none.stderr).toContain('nha-o-rieng-le');
    const house = await run([...base, '--case', 'nha-o-rieng-le']);
    expect(house.code).toBe(0);
    const d = await dossierOf(house.stdout);
    expect(d.procedure.variant).toEqual({ id: 'nha-o-rieng-le', name: 'Nhà ở riêng lẻ' });
    expect(d.procedure.processingTime).toEqual({ value: 15, unit: 'days' });
    expect(d.dueAt).toBe('2026-03-17T09:00:00+07:00');
    const shown = await run(['show', d.code]);
    expect(shown.stdout).toContain('case: Nhà ở riêng lẻ');
    const online = await dossierOf((await run([...base.filter((x) => x !== 'in-person' && x !== '--channel'), '--channel', 'online', '--case', 'nha-o-rieng-le'])).stdout);
    expect(online.procedure.processingTime).toEqual({ value: 15, unit: 'days' }); // not the channel column's 20
    const temple = await dossierOf((await run([...base, '--case', 'ton-giao'])).stdout);
    expect(temple.procedure.processingTime).toEqual({ value: 20, unit: 'days' });
    expect(temple.dueAt).toBe('2026-03-23T09:00:00+07:00'); // Sun 22/3 is not a working day
    // only the case's papers
    expect(temple.checklist.map((l) => l.id)).not.toContain('ban-ve-ho-gia-dinh');
    const unknown = await run([...base, '--case', 'nope']);
    expect(unknown.code).toBe(2);
  });

  it('a half-day limit set by the commune works instead of crashing', async () => {
    const cfg = path.join(home, 'config.json');
    const profile = JSON.parse(readFileSync(cfg, 'utf8')) as Record<string, unknown>;
    writeFileSync(cfg, JSON.stringify({ ...profile, procedureTimes: { '2.000884': { value: 0.5, unit: 'working-days' } } }));
    const r = await run(['intake', '--procedure', '2.000884', ...APPLICANT, '--all-components', '--no-input', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { dossier: { dueAt: string; documents: { path: string }[] } };
    expect(out.dossier.dueAt).toBe('2026-03-02T15:00:00+07:00'); // 4 of the 8 counter hours
    expect(allText(await pdfText(readFileSync(out.dossier.documents[0]!.path)))).toContain('0,5 ngày làm việc');
  });

  it('a bare number on the portal is printed as the record gives it, not as "ngày làm việc"', async () => {
    const r = await run(['intake', '--procedure', '1.004873', ...APPLICANT, '--channel', 'in-person', '--all-components', '--no-input', '--json']);
    const out = JSON.parse(r.stdout) as { dossier: { documents: { path: string }[] } };
    const text = allText(await pdfText(readFileSync(out.dossier.documents[0]!.path)));
    expect(text).toContain('3 (thủ tục không ghi đơn vị thời gian)');
    expect(text).not.toContain('03 ngày làm việc');
  });
});

describe('chứng thực: the time the commune sets', () => {
  it('unset: a clear refusal to issue a receipt, naming the setting', async () => {
    const before = dbText();
    const r = await run(['intake', '--procedure', '2.000815', ...APPLICANT, '--all-components', '--no-input']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('procedureTimes');
    expect(dbText()).toBe(before);
  });

  it('set in the profile: received, same day, or within the next working day after the commune’s 15:00 cut-off', async () => {
    const cfg = path.join(home, 'config.json');
    const profile = JSON.parse(readFileSync(cfg, 'utf8')) as Record<string, unknown>;
    writeFileSync(cfg, JSON.stringify({ ...profile, procedureTimes: { '2.000815': { value: 0, unit: 'working-days', cutoff: '15:00' } } }));
    const morning = await run(['intake', '--procedure', '2.000815', ...APPLICANT, '--all-components', '--no-input', '--json']);
    expect(morning.code).toBe(0);
    const d = await dossierOf(morning.stdout);
    expect(d.dueAt).toBe('2026-03-02T17:00:00+07:00');
    expect(d.procedure).toMatchObject({ processingTime: { value: 0, unit: 'working-days' }, timeSource: 'commune', cutoff: '15:00', cutoffRule: 'result-next-working-day' });
    const late = await run(['intake', '--procedure', '2.000815', ...APPLICANT, '--all-components', '--allow-duplicate', '--no-input', '--json'], new Date('2026-03-02T08:30:00Z'));
    expect((await dossierOf(late.stdout)).dueAt).toBe('2026-03-03T17:00:00+07:00');
  });
});

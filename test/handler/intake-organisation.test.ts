import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { requireProfile } from '../../src/config/profile.js';
import { buildHoSo } from '../../src/portal/hoso.js';
import { checkHoSo } from '../../src/portal/sandbox/validate.js';
import { run as runCli } from '../../src/main.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { KEY, play, terminalContext } from '../helpers/keys.js';
import { allText, pdfText } from '../helpers/pdf-text.js';

// Monday 2 March 2026, 09:00 in Vietnam
const NOW = new Date('2026-03-02T02:00:00Z');
const PERSON = ['--name', 'Lê Văn An', '--id-number', '068085001122', '--birth-date', '03/04/1985', '--phone', '0387654321', '--address', 'Thôn 2, xã Suối Kiết'];
const ORG = ['--organisation', 'Hội Nông dân xã Suối Kiết', '--tax-code', '3401234567', '--organisation-address', 'Thôn 1, xã Suối Kiết'];
// 1.001612 lists "Tổ chức (không bao gồm doanh nghiệp, HTX)" and "Công dân Việt Nam"
const BASE = ['intake', '--procedure', '1.001612', '--channel', 'in-person', ...PERSON, '--all-components', '--no-input'];

let home: string;
const run = (args: string[]) => runInProcess(args, { home, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });
const active = () => readFileSync(path.join(home, 'db', 'active.json'), 'utf8');

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

describe('an organisation as the applicant (issue 12)', () => {
  it('is recorded on the dossier, in the JSON, on Mẫu 01, in show, list and report', async () => {
    const r = await run([...BASE, ...ORG, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { dossier: { code: string; applicantKind: string; organisation: unknown; documents: { path: string }[] } };
    const org = { name: 'Hội Nông dân xã Suối Kiết', taxCode: '3401234567', address: 'Thôn 1, xã Suối Kiết' };
    expect(out.dossier).toMatchObject({ applicantKind: 'organisation', organisation: org });
    const d = (await new EmbeddedStore(home, 'test').openDossiers()).find((x) => x.code === out.dossier.code)!;
    expect(d).toMatchObject({ applicantKind: 'organisation', organisation: org, applicant: { fullName: 'Lê Văn An', personalId: '068085001122' } });

    const text = allText(await pdfText(readFileSync(out.dossier.documents[0]!.path)));
    expect(text).toContain('Tiếp nhận hồ sơ của: Lê Văn An');
    expect(text).toContain('Đại diện cho tổ chức: Hội Nông dân xã Suối Kiết');
    expect(text).toContain('Mã số thuế: 3401234567');
    expect(text).toContain('Địa chỉ: Thôn 1, xã Suối Kiết');

    const show = await run(['show', out.dossier.code]);
    expect(show.stdout).toMatch(/Organisation:\s+Hội Nông dân xã Suối Kiết · tax code 3401234567/);
    expect(show.stdout).toMatch(/Acting for it:\s+Lê Văn An/);
    const showJson = JSON.parse((await run(['show', out.dossier.code, '--json'])).stdout) as { dossier: { applicantKind: string; organisation: unknown } };
    expect(showJson.dossier).toMatchObject({ applicantKind: 'organisation', organisation: org });

    const list = await run(['list']);
    expect(list.stdout).toContain('Hội Nông dân xã Suối Kiết (Lê Văn An)');
    const listJson = JSON.parse((await run(['list', '--json'])).stdout) as { dossiers: { organisationName: string | null }[] };
    expect(listJson.dossiers[0]!.organisationName).toBe('Hội Nông dân xã Suối Kiết');
    expect((await run(['list', '--search', 'hoi nong dan'])).stdout).toContain(out.dossier.code);

    // a citizen besides, so the report has one of each
    expect((await run([...BASE.map((x) => (x === '068085001122' ? '060190001234' : x === '03/04/1985' ? '12/05/1990' : x)), '--allow-duplicate'])).code).toBe(0);
    const rep = JSON.parse((await run(['report', '--from', '2026-03-01', '--to', '2026-03-31', '--json'])).stdout) as { totals: { received: number; citizens: number; organisations: number } };
    expect(rep.totals).toMatchObject({ received: 2, citizens: 1, organisations: 1 });
    const table = await run(['report', '--from', '2026-03-01', '--to', '2026-03-31']);
    expect(table.stdout).toMatch(/from organisations\s+1/);
    expect(table.stdout).toMatch(/from citizens\s+1/);
  });

  it('goes to the portal as LoaiDoiTuong 2, the organisation as ChuHoSo, the tax code in GhiChu; the sandbox accepts it', async () => {
    const r = await run([...BASE, ...ORG, '--json']);
    const code = (JSON.parse(r.stdout) as { dossier: { code: string } }).dossier.code;
    const d = (await new EmbeddedStore(home, 'test').openDossiers()).find((x) => x.code === code)!;
    const rec = buildHoSo(d, await requireProfile(home), []);
    expect(rec).toMatchObject({ LoaiDoiTuong: 2, ChuHoSo: 'Hội Nông dân xã Suối Kiết', MaDoiTuong: '068085001122' });
    expect(rec.GhiChu).toContain('mã số thuế 3401234567');
    expect(rec.GhiChu).toContain('người đại diện: Lê Văn An');
    expect(checkHoSo(rec, () => undefined).ok).toBe(true);
    // a citizen stays LoaiDoiTuong 1
    const c = await run([...BASE, '--allow-duplicate', '--json']);
    const dc = (await new EmbeddedStore(home, 'test').openDossiers()).find((x) => x.code === (JSON.parse(c.stdout) as { dossier: { code: string } }).dossier.code)!;
    expect(buildHoSo(dc, await requireProfile(home), [])).toMatchObject({ LoaiDoiTuong: 1, ChuHoSo: 'Lê Văn An' });
  });

  it('is refused (exit 2, nothing written) for a procedure whose kinds are individuals only', async () => {
    const before = active();
    const r = await run(['intake', '--procedure', '1.001193', ...PERSON, ...ORG, '--all-components', '--no-input', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('ORGANISATION_NOT_ALLOWED');
    expect(active()).toBe(before);
  });

  it('where the record names no applicant kind: a warning, and Mẫu 02 names the organisation', async () => {
    // 1.001699 lists no applicant kind; nothing handed in: incomplete (Mẫu 02)
    const r = await run(['intake', '--procedure', '1.001699', ...PERSON, ...ORG, '--components', 'giay-to-y-te', '--no-input', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { dossier: { status: string; documents: { form: string; path: string }[] }; warnings: string[] };
    expect(out.dossier.documents[0]!.form).toBe('02');
    expect(out.warnings.join('\n')).toMatch(/names no applicant kind for 1\.001699/);
    const text = allText(await pdfText(readFileSync(out.dossier.documents[0]!.path)));
    expect(text).toContain('Đại diện cho tổ chức: Hội Nông dân xã Suối Kiết');
  });

  it('Mẫu 03 names the representative, the person and the organisation', async () => {
    const r = await run([...BASE, ...ORG, '--rep-name', 'Phạm Minh Đức', '--rep-id-number', '068085009988', '--refuse', 'Không thuộc thẩm quyền của xã', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { dossier: { documents: { form: string; path: string }[] } };
    expect(out.dossier.documents[0]!.form).toBe('03');
    const text = allText(await pdfText(readFileSync(out.dossier.documents[0]!.path)));
    expect(text).toContain('Tiếp nhận hồ sơ của: Phạm Minh Đức');
    expect(text).toContain('Nộp thay cho: Ông/Bà Lê Văn An');
    expect(text).toContain('Đại diện cho tổ chức: Hội Nông dân xã Suối Kiết');
  });

  it('a tax code of the wrong shape, or a tax code without an organisation, is exit 2', async () => {
    const before = active();
    const bad = await run([...BASE, '--organisation', 'Hội Nông dân', '--tax-code', '12345', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('--tax-code');
    const alone = await run([...BASE, '--tax-code', '3401234567']);
    expect(alone.code).toBe(2);
    expect(active()).toBe(before);
  });

  it('a batch file has the columns organisation, tax_code, organisation_address', async () => {
    const file = path.join(home, 'batch.csv');
    writeFileSync(file, [
      'procedure,channel,name,id_number,birth_date,phone,all_components,organisation,tax_code,organisation_address',
      '1.001612,in-person,Lê Văn An,068085001122,03/04/1985,0387654321,yes,Hội Nông dân xã Suối Kiết,3401234567-001,Thôn 1',
    ].join('\n'));
    const r = await run(['intake', '--from-file', file, '--json']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const d = (await new EmbeddedStore(home, 'test').openDossiers())[0]!;
    expect(d.organisation).toEqual({ name: 'Hội Nông dân xã Suối Kiết', taxCode: '3401234567-001', address: 'Thôn 1' });
  });

  it('the interactive intake asks "person or organisation" only where the procedure lets an organisation apply', async () => {
    const ctx = terminalContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });
    const done = runCli(['intake', '--procedure', '1.001612', '--channel', 'in-person', ...PERSON, '--all-components'], ctx);
    await play(ctx, [
      { waitFor: /Is the applicant a person or an organisation\?/, type: [KEY.down, KEY.enter] },
      { waitFor: /Organisation's name/, type: ['Hội Cựu chiến binh xã', KEY.enter] },
      { waitFor: /Tax code \(Enter to skip\)/, type: [KEY.enter] },
      { waitFor: /Organisation's address/, type: [KEY.enter] },
      { waitFor: /e-mail/, type: [KEY.enter] },
      { waitFor: /filing on their behalf/, type: [KEY.enter] },
      { waitFor: /Result delivery/, type: [KEY.enter] },
      { waitFor: /Organisation: Hội Cựu chiến binh xã[\s\S]*Outcome/, type: [KEY.enter] },
    ]);
    expect(await done).toBe(0);
    const d = (await new EmbeddedStore(home, 'test').openDossiers())[0]!;
    expect(d).toMatchObject({ applicantKind: 'organisation', organisation: { name: 'Hội Cựu chiến binh xã', taxCode: null, address: null } });
    // a procedure for individuals only never asks
    const ctx2 = terminalContext({ home, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });
    const done2 = runCli(['intake', '--procedure', '1.004873', '--channel', 'in-person'], ctx2);
    await play(ctx2, [{ waitFor: /ID number \(12 digits\) or scan/, type: [KEY.ctrlC] }]);
    expect(await done2).toBe(130);
    expect(ctx2.err()).not.toContain('person or an organisation');
  });
});

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { askParties } from '../../src/commands/intake/applicant-prompts.js';
import { requireProfile } from '../../src/config/profile.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { fromVn } from '../../src/domain/time.js';
import { buildHoSo } from '../../src/portal/hoso.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { fakeContext, runInProcess, scriptedPrompter, tempHome } from '../helpers/context.js';
import { allText, pdfText } from '../helpers/pdf-text.js';

// Fictitious couple: Lê Văn An (the applicant, bên nam) and Nguyễn Thị Hường (bên nữ, by her ID card QR).
const GROOM = ['--name', 'Lê Văn An', '--id-number', '068095001122', '--birth-date', '03/04/1995', '--phone', '0387654321'];
const BRIDE_QR = '060190001234|261234567|Nguyễn Thị Hường|12051990|Nữ|Thôn 1, xã Gia Huynh, tỉnh Lâm Đồng|15042021';
const MARRIAGE = ['intake', '--procedure', '1.000894', '--channel', 'online', '--vneid-level2', 'yes', ...GROOM, '--all-components', '--no-input'];
const env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
const AT = fromVn('2026-03-02', 9, 0);
let home: string;
const run = (args: string[]) => runInProcess(args, { home, env, cwd: home, now: () => AT });
const active = () => readFileSync(path.join(home, 'db', 'active.json'), 'utf8');
const only = async (): Promise<Dossier> => (await new EmbeddedStore(home, 'test').openDossiers())[0]!;

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

describe('marriage registration (1.000894) has two parties', () => {
  it('both spouses are on the dossier, in show, on Mẫu 01 and in the portal record', async () => {
    const r = await run([...MARRIAGE, '--party', 'role=ben-nam,applicant', '--party-qr', `ben-nu=${BRIDE_QR}`, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const d = await only();
    expect((JSON.parse(r.stdout) as { dossier: { parties: { role: string; personalId: string }[] } }).dossier.parties.map((x) => [x.role, x.personalId])).toEqual([['ben-nam', '068095001122'], ['ben-nu', '060190001234']]);
    expect(d.parties).toEqual([
      { role: 'ben-nam', label: 'Bên nam', person: expect.objectContaining({ fullName: 'Lê Văn An', personalId: '068095001122', birthDate: '1995-04-03' }) },
      { role: 'ben-nu', label: 'Bên nữ', person: expect.objectContaining({ fullName: 'Nguyễn Thị Hường', personalId: '060190001234', birthDate: '1990-05-12', sex: 'female' }) },
    ]);
    const show = await run(['show', d.code]);
    expect(show.stdout).toMatch(/Bên nữ: +Nguyễn Thị Hường · ID 060\*+234 · born 12\/05\/1990/);
    expect(JSON.parse((await run(['show', d.code, '--json'])).stdout).dossier.parties).toHaveLength(2);
    const receipt = (JSON.parse(r.stdout) as { dossier: { documents: { path: string }[] } }).dossier.documents[0]!.path;
    const text = allText(await pdfText(readFileSync(receipt)));
    expect(text).toContain('Bên nam: Lê Văn An; số định danh cá nhân: 068095001122; ngày sinh: 03/04/1995');
    expect(text).toContain('Bên nữ: Nguyễn Thị Hường; số định danh cá nhân: 060190001234');
    const rec = buildHoSo(d, await requireProfile(home), []);
    expect(rec.GhiChu).toBe('Bên nam: Lê Văn An, số định danh 068095001122, sinh 03/04/1995; Bên nữ: Nguyễn Thị Hường, số định danh 060190001234, sinh 12/05/1990');
    expect(rec.TrichYeuHoSo).toBe('Thủ tục đăng ký kết hôn - Lê Văn An, Nguyễn Thị Hường');
  });

  it('a missing spouse, an unknown role or a bad ID number is exit 2 with nothing written', async () => {
    const before = active();
    const cases: [string[], string][] = [
      [['--party', 'role=ben-nam,applicant'], 'Bên nữ'],
      [['--party', 'role=ben-nam,applicant', '--party', 'role=vo,name=Nguyễn Thị Hường,id=060190001234'], 'no party "vo"'],
      [['--party', 'role=ben-nam,applicant', '--party', 'role=ben-nu,name=Nguyễn Thị Hường,id=123'], 'ben-nu:'],
      [['--party', 'role=ben-nam,applicant', '--party', 'role=ben-nu,name=Nguyễn Thị Hường'], 'identification number is missing'],
    ];
    for (const [extra, message] of cases) {
      const r = await run([...MARRIAGE, ...extra]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(active()).toBe(before);
    expect(existsSync(path.join(home, 'documents', '2026'))).toBe(false);
  });

  it('a CSV batch takes the parties in the parties and party_qr columns', async () => {
    const csv = ['procedure,channel,vneid_level2,name,id_number,birth_date,phone,all_components,parties,party_qr', `1.000894,online,yes,Lê Văn An,068095001122,03/04/1995,0387654321,true,"role=ben-nam,applicant","ben-nu=${BRIDE_QR}"`].join('\n');
    writeFileSync(path.join(home, 'batch.csv'), csv);
    const r = await run(['intake', '--from-file', 'batch.csv', '--no-input', '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect((await only()).parties?.map((p) => p.person.fullName)).toEqual(['Lê Văn An', 'Nguyễn Thị Hường']);
  });

  it('interactively each party is asked: the applicant may be one, the other by QR scan', async () => {
    const ctx = fakeContext({ home, now: () => AT });
    const applicant = { fullName: 'Lê Văn An', personalId: '068095001122', birthDate: '1995-04-03', phone: '0387654321', email: null, address: null };
    const p = scriptedPrompter([true, BRIDE_QR, '']);
    const parties = await askParties(ctx, p, [{ role: 'ben-nam', name: 'Bên nam' }, { role: 'ben-nu', name: 'Bên nữ' }], applicant);
    expect(parties.map((x) => [x.role, x.person.fullName, x.person.personalId])).toEqual([['ben-nam', 'Lê Văn An', '068095001122'], ['ben-nu', 'Nguyễn Thị Hường', '060190001234']]);
    expect(p.asked[0]).toContain('Bên nam');
    expect(p.asked[1]).toContain('Bên nữ');
    // a party given by flag (--party/--party-qr with the interactive intake) is not asked again
    const bride = parties[1]!;
    const q = scriptedPrompter([true]);
    const again = await askParties(ctx, q, [{ role: 'ben-nam', name: 'Bên nam' }, { role: 'ben-nu', name: 'Bên nữ' }], applicant, [bride]);
    expect(again[1]).toEqual(bride);
    expect(q.asked).toHaveLength(1);
  });

  it('other procedures about more than one person declare their parties in the catalogue', async () => {
    const r = JSON.parse((await run(['catalog', 'show', '1.004837', '--json'])).stdout) as { procedure: { parties: { role: string }[] } };
    expect(r.procedure.parties.map((x) => x.role)).toEqual(['nguoi-giam-ho', 'nguoi-duoc-giam-ho']);
  });
});

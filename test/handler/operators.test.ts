import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { operatorSessionPath, sessionKey } from '../../src/config/operators.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { allText, pdfText } from '../helpers/pdf-text.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', 'Thôn 1, xã Suối Kiết'];
let home: string;
const run = (args: string[], env: Record<string, string> = {}) => runInProcess(args, { home, now: () => NOW, env: { GOV_DESK_LANG: 'en', ...env } });
const intake = ['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--no-input', '--json'];

function withoutOperators(): void {
  const file = path.join(home, 'config.json');
  const p = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete p.operators;
  delete p.defaultOperator;
  writeFileSync(file, JSON.stringify(p));
}

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

describe('operators are people, never an OS login', () => {
  it('the example profile ships a fictitious default operator: the receipt and the event name that person', async () => {
    const r = await run(intake);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { dossier: { code: string; documents: { path: string }[] } };
    const text = allText(await pdfText(readFileSync(out.dossier.documents[0]!.path)));
    expect(text).toContain('Trần Văn Đức');
    const d = (await new EmbeddedStore(home, 'test').openDossiers()).find((x) => x.code === out.dossier.code)!;
    expect(d.operator).toBe('Trần Văn Đức');
    expect(d.events.every((e) => e.operator === 'Trần Văn Đức')).toBe(true);
  });

  it('--operator and GOV_DESK_OPERATOR choose among the operators by id or by name without diacritics', async () => {
    const byId = await run([...intake, '--operator', 'le-thi-mai']);
    expect(byId.code).toBe(0);
    const code = (JSON.parse(byId.stdout) as { dossier: { code: string } }).dossier.code;
    const byName = await run(['print', code, 'receipt', '--json'], { GOV_DESK_OPERATOR: 'le thi mai' });
    expect(byName.code).toBe(0);
    const d = (await new EmbeddedStore(home, 'test').openDossiers()).find((x) => x.code === code)!;
    expect(d.operator).toBe('Lê Thị Mai');
    expect(d.events.map((e) => e.operator)).toEqual(['Lê Thị Mai', 'Lê Thị Mai', 'Lê Thị Mai']);
  });

  it('a full name not in the profile is used as given; a login such as "root" is refused (exit 2, nothing written)', async () => {
    expect((await run([...intake, '--operator', 'Phạm Minh Khoa'])).code).toBe(0);
    const { isPersonName } = await import('../../src/config/operators.js');
    expect(['Trần Văn Đức (tập huấn)', 'Lê Thị Mai'].map(isPersonName)).toEqual([true, true]);
    expect(['root', 'admin', 'tran-van-duc', 'Administrator', '(demo)', 'user1 x'].map(isPersonName)).toEqual([false, false, false, false, false, false]);
    const bad = await run(intake, { GOV_DESK_OPERATOR: 'root' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/root/);
    expect((await new EmbeddedStore(home, 'test').openDossiers()).map((d) => d.operator)).toEqual(['Phạm Minh Khoa']);
  });

  it('without any person named, no form is printed: exit 2, a message saying how to set it, nothing written', async () => {
    withoutOperators();
    const r = await run(intake, { USER: 'root' });
    expect(r.code).toBe(2);
    // with --json stdout carries only the error document (docs/json-output.md), no dossier
    expect(JSON.parse(r.stdout)).toEqual({ schemaVersion: 1, error: { code: 'OPERATOR_MISSING', message: expect.any(String), hint: expect.stringMatching(/--operator|GOV_DESK_OPERATOR/) } });
    expect(r.stderr).toMatch(/--operator|GOV_DESK_OPERATOR/);
    expect((await new EmbeddedStore(home, 'test').openDossiers()).map((x) => x.code)).toEqual([]);
    expect(readdirSync(path.join(home, 'documents'))).toEqual([]);
  });

  it('the control slip too: without a person it is not written', async () => {
    withoutOperators();
    const r = await run([...intake, '--operator', 'Lê Thị Mai']);
    const code = (JSON.parse(r.stdout) as { dossier: { code: string } }).dossier.code;
    const slip = await run(['route', code, '--control-slip', '--json']);
    expect(slip.code).toBe(2);
    expect(readdirSync(path.join(home, 'documents', '2026', code))).toEqual(['mau-01-giay-tiep-nhan.pdf']);
  });

  it('the choice remembered for this session (terminal and day) is used; another day it is not', async () => {
    withoutOperators();
    mkdirSync(path.dirname(operatorSessionPath(home)), { recursive: true });
    writeFileSync(operatorSessionPath(home), JSON.stringify({ session: sessionKey(NOW), name: 'Lê Thị Mai' }));
    const r = await run(intake);
    expect(r.code).toBe(0);
    expect((await new EmbeddedStore(home, 'test').openDossiers())[0]!.operator).toBe('Lê Thị Mai');
    const nextDay = await runInProcess(intake, { home, now: () => new Date('2026-03-03T02:00:00Z'), env: { GOV_DESK_LANG: 'en' } });
    expect(nextDay.code).toBe(2);
  });
});

describe('the representative on the forms', () => {
  it('Mẫu 01 names the person who handed the dossier in, acting for the applicant', async () => {
    const r = await run([...intake, '--rep-name', 'Lê Văn Tâm', '--rep-id-number', '060085004321', '--rep-birth-date', '01/02/1985', '--rep-phone', '0987654321']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { dossier: { documents: { path: string }[] } };
    const info = await pdfText(readFileSync(out.dossier.documents[0]!.path));
    const first = info.pages[0]!.text;
    expect(first).toContain('Tiếp nhận hồ sơ của: Lê Văn Tâm');
    expect(first).toContain('Nộp thay cho: Ông/Bà Nguyễn Thị Hường');
    expect(first).toContain('0987654321');
    // the NGƯỜI NỘP HỒ SƠ block signs with the representative's name
    expect(first.slice(first.indexOf('NGƯỜI NỘP HỒ SƠ'))).toContain('Lê Văn Tâm');
  });

  it('Mẫu 03 too', async () => {
    const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--rep-name', 'Lê Văn Tâm', '--rep-id-number', '060085004321', '--rep-birth-date', '01/02/1985', '--refuse', 'Không thuộc thẩm quyền', '--no-input', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { dossier: { documents: { path: string }[] } };
    const text = (await pdfText(readFileSync(out.dossier.documents[0]!.path))).pages[0]!.text;
    expect(text).toContain('Tiếp nhận hồ sơ của: Lê Văn Tâm');
    expect(text).toContain('Nộp thay cho: Ông/Bà Nguyễn Thị Hường');
    expect(text.slice(text.indexOf('NGƯỜI NỘP HỒ SƠ'))).toContain('Lê Văn Tâm');
  });
});

describe('init', () => {
  const FLAGS = ['--commune-name', 'Ủy ban nhân dân xã A', '--centre-name', 'Trung tâm Phục vụ hành chính công xã A', '--province', 'Lâm Đồng', '--place', 'A', '--address', 'Thôn 1', '--phone', '0263000000'];
  const profile = () => JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')) as Record<string, unknown> & { fieldDepartments: Record<string, string>; operators: unknown[]; defaultOperator: string | null };

  it('records the operators and the default one; the field map follows the example, not the first department for everything', async () => {
    home = tempHome();
    const r = await run(['init', '--no-input', ...FLAGS, '--agency-code', '000.00.00.H99', '--operators', 'Trần Văn Đức|Công chức Văn phòng - Thống kê; Lê Thị Mai|Công chức Tư pháp - Hộ tịch', '--default-operator', 'Le Thi Mai']);
    expect(r.code).toBe(0);
    const p = profile();
    expect(p.operators).toEqual([
      { id: 'tran-van-duc', fullName: 'Trần Văn Đức', title: 'Công chức Văn phòng - Thống kê' },
      { id: 'le-thi-mai', fullName: 'Lê Thị Mai', title: 'Công chức Tư pháp - Hộ tịch' },
    ]);
    expect(p.defaultOperator).toBe('le-thi-mai');
    expect(p.fieldDepartments['Bảo trợ xã hội']).toBe('van-hoa-xa-hoi');
    expect(p.fieldDepartments['Đất đai']).toBe('kinh-te');
  });

  it.each(['ABC', '000.00.00', '00.00.00.H99', 'h55.242', 'X'])('refuses the agency identity code %s (exit 2, nothing written)', async (code) => {
    home = tempHome();
    const r = await run(['init', '--no-input', ...FLAGS, '--agency-code', code]);
    expect(r.code).toBe(2);
    expect(existsSync(path.join(home, 'config.json'))).toBe(false);
  });

  it.each(['000.00.00.H99', 'H55.242', 'G09.20'])('accepts the agency identity code %s', async (code) => {
    home = tempHome();
    expect((await run(['init', '--no-input', ...FLAGS, '--agency-code', code])).code).toBe(0);
  });

  it('asks for the operators and the portal when interactive, with the example map as each field default', async () => {
    home = tempHome();
    const asked: { message: string; default?: unknown }[] = [];
    const answers: unknown[] = ['Trần Văn Đức|Công chức; Lê Thị Mai', 'tran-van-duc', 'https://portal.example.vn', 'desk-1'];
    const prompter = {
      input: async (o: { message: string; default?: string }) => {
        asked.push(o);
        if (/^(Operators|Provincial|Portal client)/.test(o.message)) return String(answers.shift());
        return o.message.startsWith('Agency') ? '000.00.00.H99' : (o.default ?? 'x y');
      },
      select: async (o: { message: string; default?: unknown; choices: { value: unknown }[] }) => {
        asked.push(o);
        if (o.message.startsWith('Default operator')) return answers.shift();
        return o.default ?? o.choices[0]!.value;
      },
      confirm: async () => true,
      search: async () => undefined,
      checkbox: async () => [],
    };
    const tty = Object.assign(new (await import('node:stream')).PassThrough(), { isTTY: true });
    const r = await runInProcess(['init'], { home, now: () => NOW, env: { GOV_DESK_LANG: 'en' }, noInput: false, stdin: tty, stdout: Object.assign(new (await import('node:stream')).PassThrough(), { isTTY: true }), prompter: async () => prompter as never });
    expect(r.code).toBe(0);
    const p = profile() as ReturnType<typeof profile> & { portal: { baseUrl: string | null; clientId: string | null } };
    expect(p.operators).toHaveLength(2);
    expect(p.defaultOperator).toBe('tran-van-duc');
    expect(p.portal).toEqual({ baseUrl: 'https://portal.example.vn', clientId: 'desk-1' });
    const social = asked.find((q) => q.message.includes('"Bảo trợ xã hội"'));
    expect(social?.default).toBe('van-hoa-xa-hoi');
  });
});

describe('the example profile', () => {
  it('maps the field of every built-in procedure to one of its departments (route works for each)', () => {
    const p = JSON.parse(readFileSync(new URL('../../fixtures/profile.example.json', import.meta.url), 'utf8')) as { departments: { id: string }[]; fieldDepartments: Record<string, string> };
    const ids = new Set(p.departments.map((d) => d.id));
    const dir = new URL('../../fixtures/procedures/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const proc = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { code: string; field: string };
      expect(ids.has(p.fieldDepartments[proc.field] ?? ''), `${proc.code} "${proc.field}"`).toBe(true);
    }
  });
});

describe('the interactive intake asks once per session when no operator is set', () => {
  it('asks, remembers the choice in the per-home state file, and does not ask again', async () => {
    withoutOperators();
    const file = path.join(home, 'config.json');
    const p = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...p, operators: [{ id: 'le-thi-mai', fullName: 'Lê Thị Mai', title: null }], defaultOperator: null }));
    const { intakeOperator } = await import('../../src/commands/intake/operator-prompt.js');
    const { fakeContext, scriptedPrompter } = await import('../helpers/context.js');
    const prompter = scriptedPrompter(['Lê Thị Mai']);
    const ctx = fakeContext({ home, now: () => NOW, prompter: async () => prompter });
    expect(await intakeOperator(ctx, undefined, true)).toBe('Lê Thị Mai');
    expect(prompter.asked).toHaveLength(1);
    expect(JSON.parse(readFileSync(operatorSessionPath(home), 'utf8'))).toEqual({ session: sessionKey(NOW), name: 'Lê Thị Mai' });
    // the same session: no question (the scripted prompter has no answers left and would throw)
    expect(await intakeOperator(ctx, undefined, true)).toBe('Lê Thị Mai');
    // and the non-interactive commands of the session use it too
    expect((await run(intake)).code).toBe(0);
    // without a terminal and nothing set: exit 2, no question
    await expect(intakeOperator(fakeContext({ home, now: () => new Date('2026-03-04T02:00:00Z') }), undefined, false)).rejects.toMatchObject({ code: 'OPERATOR_MISSING' });
  });
});

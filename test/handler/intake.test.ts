import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { allText, isFontEmbedded, pdfText } from '../helpers/pdf-text.js';

// Monday 2 March 2026, 09:00 in Vietnam
const NOW = new Date('2026-03-02T02:00:00Z');
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', 'Thôn 1, xã Suối Kiết'];

let home: string;
const run = (args: string[]) => runInProcess(args, { home, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });
const json = (s: string) => JSON.parse(s) as { schemaVersion: number; dossier: Record<string, unknown> & { documents: { form: string; path: string }[]; missing: { id: string }[] } };

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

describe('intake (scripted)', () => {
  it('receives a complete dossier: code, appointment, Mẫu 01', async () => {
    const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--no-input', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.schemaVersion).toBe(1);
    expect(out.dossier).toMatchObject({
      code: '000.00.00.H99-260302-0001',
      status: 'received',
      procedureCode: '1.001193',
      receivedAt: '2026-03-02T09:00:00+07:00',
      dueAt: '2026-03-03T09:00:00+07:00',
      missing: [],
    });
    const pdfPath = out.dossier.documents[0]!.path;
    expect(out.dossier.documents[0]!.form).toBe('01');
    const buf = readFileSync(pdfPath);
    expect(isFontEmbedded(buf)).toBe(true);
    const info = await pdfText(buf);
    expect(info.pages.length).toBeGreaterThanOrEqual(2); // two copies
    const text = allText(info);
    for (const s of ['GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 'Nguyễn Thị Hường', '000.00.00.H99-260302-0001', 'Thủ tục đăng ký khai sinh', 'Mẫu hộ tịch điện tử tương tác đăng ký khai sinh', 'Giấy chứng sinh', 'Liên 1', 'Liên 2']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/09 giờ 00 phút, ngày 03 tháng 0?3 năm 2026/);
    expect(text).toMatch(/Quyển số:?\s*2026/);
  });

  it('after the 15:00 cut-off the result is due within the next working day (the record: "trả kết quả trong ngày làm việc tiếp theo")', async () => {
    const late = { home, now: () => new Date('2026-03-02T09:00:00Z'), env: { GOV_DESK_LANG: 'en' } };
    const r = await runInProcess(['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--received-at', '2026-03-02T15:30+07:00', '--no-input', '--json'], late);
    expect(r.code).toBe(0);
    expect(json(r.stdout).dossier.dueAt).toBe('2026-03-03T17:00:00+07:00');
  });

  it('--received-at reads dd/mm/yyyy [HH:MM] like every date option (issue 18)', async () => {
    const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--received-at', '02/03/2026 08:15', '--no-input', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout).dossier.receivedAt).toBe('2026-03-02T08:15:00+07:00');
  });

  it('an incomplete dossier gets Mẫu 02 listing everything missing, then resumes', async () => {
    const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--components', 'mau-dien-tu', '--invalid', 'mau-dien-tu=Thiếu chữ ký', '--no-input', '--json']);
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.dossier.status).toBe('incomplete');
    expect(out.dossier.dueAt).toBeNull();
    expect(out.dossier.missing.map((m) => m.id).sort()).toEqual(['giay-chung-sinh', 'mau-dien-tu']);
    const ref = String(out.dossier.code);
    expect(ref).toMatch(/^HD-260302-0001$/);
    const text = allText(await pdfText(readFileSync(out.dossier.documents[0]!.path)));
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG');
    expect(text).toContain('Thiếu chữ ký');
    expect(text).toContain('Giấy chứng sinh');
    const again = await run(['intake', '--resume', ref, '--components', 'mau-dien-tu,giay-chung-sinh', '--no-input', '--json']);
    expect(again.code).toBe(0);
    expect(json(again.stdout).dossier).toMatchObject({ status: 'received', code: '000.00.00.H99-260302-0001' });
    const resumedTwice = await run(['intake', '--resume', ref, '--all-components', '--no-input']);
    expect(resumedTwice.code).toBe(2);
  });

  it('a refused dossier gets Mẫu 03 with the reason', async () => {
    const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--refuse', 'Không thuộc thẩm quyền của xã', '--no-input', '--json']);
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.dossier.status).toBe('refused');
    const text = allText(await pdfText(readFileSync(out.dossier.documents[0]!.path)));
    expect(text).toContain('TỪ CHỐI');
    expect(text).toContain('Không thuộc thẩm quyền của xã');
    const reprint = await run(['print', String(out.dossier.code), 'refusal', '--json']);
    expect(reprint.code).toBe(0);
    expect(existsSync(JSON.parse(reprint.stdout).path)).toBe(true);
  });

  it('reprints a receipt and records it in the history', async () => {
    const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--no-input', '--json']);
    const code = String(json(r.stdout).dossier.code);
    const p = await run(['print', code, 'receipt']);
    expect(p.code).toBe(0);
    expect(p.stdout.trim()).toMatch(/mau-01-giay-tiep-nhan-2\.pdf$/);
    const d = (await new EmbeddedStore(home, 'test').getDossier(code))!.dossier;
    expect(d.events.filter((e) => e.type === 'printed')).toHaveLength(2);
  });

  it('warns about an open dossier of the same person and procedure', async () => {
    const args = ['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--no-input', '--json'];
    expect((await run(args)).code).toBe(0);
    const dup = await run(args);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('open dossier');
    const forced = await run([...args, '--allow-duplicate']);
    expect(forced.code).toBe(0);
    expect(json(forced.stdout).dossier.possibleDuplicate).toBe(true);
  });
});

describe('intake: invalid input writes nothing and exits 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['bad identification number', ['--procedure', '1.001193', '--name', 'Lê Văn An', '--id-number', '06019000123', '--phone', '0912345678', '--all-components'], /--id-number/],
    ['number against birth date', ['--procedure', '1.001193', '--name', 'Lê Văn An', '--id-number', '060090001234', '--birth-date', '01/01/1985', '--phone', '0912345678', '--all-components'], /--id-number/],
    ['unknown procedure', ['--procedure', '9.999999', ...APPLICANT, '--all-components'], /9\.999999/],
    ['malformed date', ['--procedure', '1.001193', ...APPLICANT.slice(0, 4), '--birth-date', '31/02/1990', '--phone', '0912345678', '--all-components'], /--birth-date/],
    ['reception in the future', ['--procedure', '1.001193', ...APPLICANT, '--all-components', '--received-at', '2026-03-03T09:00+07:00'], /--received-at/],
    // impossible dates are refused, never rolled over to 1 March (issue 13 point 14)
    ['impossible reception date (ISO)', ['--procedure', '1.001193', ...APPLICANT, '--all-components', '--received-at', '2026-02-30T09:00+07:00'], /--received-at.*does not exist/],
    ['impossible reception date (dd/mm/yyyy)', ['--procedure', '1.001193', ...APPLICANT, '--all-components', '--received-at', '31/04/2025 09:00'], /--received-at.*does not exist/],
    ['reception in year 0001', ['--procedure', '1.001193', ...APPLICANT, '--all-components', '--received-at', '0001-01-01'], /--received-at.*year 1/],
    ['reception at 25:00', ['--procedure', '1.001193', ...APPLICANT, '--all-components', '--received-at', '2026-03-01 25:00'], /--received-at/],
    ['missing required value', ['--procedure', '1.001193', '--id-number', '060190001234', '--phone', '0912345678'], /--name/],
    ['bad phone prefix', ['--procedure', '1.001193', '--name', 'Lê Văn An', '--id-number', '060190001234', '--phone', '0112345678'], /--phone/],
    ['unknown component', ['--procedure', '1.001193', ...APPLICANT, '--components', 'nope'], /nope/],
  ];
  for (const [name, args, pattern] of cases) {
    it(name, async () => {
      const before = readFileSync(path.join(home, 'db', 'active.json'), 'utf8');
      const r = await run(['intake', ...args, '--no-input']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(readFileSync(path.join(home, 'db', 'active.json'), 'utf8')).toBe(before);
    });
  }
});

describe('intake --from-file', () => {
  it('processes each CSV record on its own, reports bad lines, exits 1', async () => {
    const file = path.join(home, 'batch.csv');
    writeFileSync(
      file,
      '\uFEFFprocedure,name,id_number,birth_date,phone,components,all_components\n' +
        '1.001193,Nguyễn Thị Hường,060190001234,12/05/1990,0912345678,,1\n' +
        '1.001193,Lê Văn An,123,01/01/1980,0912345679,,1\n' +
        '1.004873,Phạm Minh Đức,068085001122,03/04/1985,0387654321,,1\n',
    );
    const r = await run(['intake', '--from-file', file, '--json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; ok: boolean; error?: { code: string } });
    expect(lines.map((l) => [l.line, l.ok])).toEqual([[2, true], [3, false], [4, true]]);
    expect(lines[1]!.error!.code).toBe('INVALID_INPUT');
    expect(await new EmbeddedStore(home, 'test').openDossiers()).toHaveLength(2);
  });

  it('an element of a JSON array that is not an object, or an NDJSON line that does not parse, fails on its own line', async () => {
    const json = path.join(home, 'batch.json');
    writeFileSync(json, JSON.stringify([42, { procedure: '1.004873', name: 'Phạm Minh Đức', id_number: '068085001122', birth_date: '03/04/1985', phone: '0387654321', all_components: true }]));
    const r = await run(['intake', '--from-file', json, '--json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; ok: boolean; error?: { code: string } });
    expect(lines.map((l) => [l.line, l.ok, l.error?.code ?? null])).toEqual([[1, false, 'BATCH_RECORD_INVALID'], [2, true, null]]);
    const nd = path.join(home, 'batch.ndjson');
    writeFileSync(nd, '{"procedure": "1.004873",\n');
    const r2 = await run(['intake', '--from-file', nd]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/line 1: the line is not a JSON object/);
  });

  it('all_components=yes and the other truthy spellings are understood; an unknown one is refused with its line (issue 13 point 14)', async () => {
    const file = path.join(home, 'truthy.csv');
    const row = (yes: string, id: string) => `1.004873,Phạm Minh Đức,${id},03/04/1985,0387654321,${yes}\n`;
    const ids = ['068085001122', '068085001123', '068085001124', '068085001125', '068085001126', '068085001127', '068085001128'];
    writeFileSync(file, 'procedure,name,id_number,birth_date,phone,all_components\n' + ['yes', 'Y', 'TRUE', 'x', 'Có'.normalize('NFD'), 'co', 'maybe'].map((v, i) => row(v, ids[i]!)).join(''));
    const r = await run(['intake', '--from-file', file, '--json', '--allow-duplicate']);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; ok: boolean; dossier?: { status: string }; error?: { code: string; message: string } });
    expect(lines.map((l) => [l.line, l.ok, l.dossier?.status ?? null])).toEqual([
      [2, true, 'received'], [3, true, 'received'], [4, true, 'received'], [5, true, 'received'], [6, true, 'received'], [7, true, 'received'], [8, false, null],
    ]);
    expect(lines[6]!.error!.message).toMatch(/all_components: "maybe" is not yes or no/);
    expect(r.stderr).toMatch(/line 8: all_components/);
    expect(r.code).toBe(1);
  });

  it('allow_duplicate and notify with a spelling that is not yes/no are refused, not read as "no"', async () => {
    const file = path.join(home, 'flags.csv');
    writeFileSync(file, 'procedure,name,id_number,birth_date,phone,all_components,notify\n1.004873,Phạm Minh Đức,068085001122,03/04/1985,0387654321,1,nope\n');
    const r = await run(['intake', '--from-file', file, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 2: notify: "nope" is not yes or no/);
    expect(await new EmbeddedStore(home, 'test').openDossiers()).toHaveLength(0);
  });

  it('a FIFO, a device or a folder is refused (exit 2), never read or waited on (issue 13 point 14)', async () => {
    const before = readFileSync(path.join(home, 'db', 'active.json'), 'utf8');
    const targets = [home];
    if (process.platform !== 'win32') {
      const fifo = path.join(home, 'batch.csv');
      execFileSync('mkfifo', [fifo]);
      targets.push(fifo, '/dev/zero');
    }
    for (const target of targets) {
      const r = await run(['intake', '--from-file', target, '--json']);
      expect(r.code, target).toBe(2);
      expect(r.stderr).toMatch(/not a regular file/);
    }
    expect(readFileSync(path.join(home, 'db', 'active.json'), 'utf8')).toBe(before);
  });

  it('accepts NDJSON with an id_qr column (explicit fields win)', async () => {
    const file = path.join(home, 'batch.ndjson');
    const qr = '060190001234|261234567|Nguyễn Thị Hường|12051990|Nữ|Thôn 1, xã Gia Huynh, huyện Tánh Linh, tỉnh Bình Thuận|15042021';
    writeFileSync(file, `${JSON.stringify({ procedure: '1.001193', id_qr: qr, phone: '0912345678', all_components: true, address: 'Thôn 3, xã Suối Kiết' })}\n`);
    const r = await run(['intake', '--from-file', file, '--json']);
    expect(r.code).toBe(0);
    const code = (JSON.parse(r.stdout.trim()) as { dossier: { code: string } }).dossier.code;
    const d = (await new EmbeddedStore(home, 'test').getDossier(code))!.dossier;
    expect(d.applicant).toMatchObject({ fullName: 'Nguyễn Thị Hường', birthDate: '1990-05-12', sex: 'female', oldId: '261234567', address: 'Thôn 3, xã Suối Kiết' });
  });
});

describe('a truncated ID-card QR given with --id-qr', () => {
  it('is one problem (scan again), not a list of the fields it did not fill', async () => {
    const r = await run(['intake', '--procedure', '1.001193', '--id-qr', '060190001234|261234567|Nguyễn Thị Hường', '--phone', '0912345678', '--all-components', '--no-input']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--id-qr: The QR text is cut short: scan the ID card again');
    expect(r.stderr).not.toContain('--name');
    expect(r.stderr).not.toContain('--id-number');
    expect(await new EmbeddedStore(home, 'test').openDossiers()).toHaveLength(0);
  });
});

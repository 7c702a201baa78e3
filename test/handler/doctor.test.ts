import { chmodSync, existsSync, promises as fsp, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fromVn } from '../../src/domain/time.js';
import { archivePath } from '../../src/store/archive.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { makePdf } from '../helpers/scan-files.js';

/** `gov-desk doctor` checks the whole home and exits 1 listing problems, 0 when all is well (issue 13 §5). */
const MON_0900 = fromVn('2026-03-02', 9, 0);
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', 'Thôn 1, xã Suối Kiết'];
const env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
let home: string;
const run = (args: string[], now = MON_0900) => runInProcess(args, { home, now: () => now, env, cwd: home });
type Report = { ok: boolean; problems: { code: string; file: string; line: number | null; dossierCode: string | null }[]; notes: { code: string }[]; storedFiles: { checked: number }; archive: { shards: number; dossiers: number } };
const doctor = async () => {
  const r = await run(['doctor', '--json']);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
};

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

/** A dossier with a scan and a result document, returned at the counter: archived. */
async function archivedWithFiles(): Promise<string> {
  const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--no-input', '--json']);
  const code = (JSON.parse(r.stdout) as { dossier: { code: string } }).dossier.code;
  writeFileSync(path.join(home, 'giay-chung-sinh.pdf'), await makePdf(1, 'Giay chung sinh'));
  expect((await run(['scan-import', code, 'giay-chung-sinh.pdf', '--no-input'])).code).toBe(0);
  expect((await run(['route', code], fromVn('2026-03-02', 9, 10))).code).toBe(0);
  writeFileSync(path.join(home, 'ket-qua.pdf'), await makePdf(1, 'Giay khai sinh'));
  expect((await run(['result', code, '--approved', '--document', 'ket-qua.pdf'], fromVn('2026-03-02', 15, 0))).code).toBe(0);
  expect((await run(['result', code, '--return', 'counter', '--collector-id', '060190001234'], fromVn('2026-03-03', 9, 0))).code).toBe(0);
  return code;
}

const storedFiles = (code: string) => readdirSync(path.join(home, 'attachments', code), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));

describe('gov-desk doctor', () => {
  it('a fresh home and a healthy one: exit 0', async () => {
    const fresh = await doctor();
    expect(fresh.code).toBe(0);
    expect(fresh.report.ok).toBe(true);
    const code = await archivedWithFiles();
    const r = await doctor();
    expect(r.report.problems).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.report.archive).toMatchObject({ shards: 1, dossiers: 1 });
    expect(r.report.storedFiles.checked).toBe(2);
    expect(storedFiles(code)).toHaveLength(2);
    const human = await run(['doctor']);
    expect(human.code).toBe(0);
    expect(human.stderr).toContain('No problems found.');
  });

  it('a changed or missing stored file (scan or result document) is a problem naming the dossier', async () => {
    const code = await archivedWithFiles();
    const [a, b] = storedFiles(code);
    chmodSync(a!, 0o600);
    await fsp.appendFile(a!, 'x');
    chmodSync(b!, 0o600);
    await fsp.rm(b!);
    const r = await doctor();
    expect(r.code).toBe(1);
    expect(r.report.problems.map((p) => [p.code, p.dossierCode]).sort()).toEqual([['FILE_CHANGED', code], ['FILE_MISSING', code]].sort());
    const human = await run(['doctor']);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/FILE_MISSING .*result/);
    expect(human.stderr).toMatch(/2 problem\(s\) found/);
  });

  it('a damaged archive line, a damaged .bak and a missing active file are each listed', async () => {
    await archivedWithFiles();
    const shard = archivePath(path.join(home, 'db'), 2026, 3);
    await fsp.appendFile(shard, '{"code":"000.00.00.H99-260302-0009","procedure":\n');
    const bak = path.join(home, 'db', 'active.json.bak');
    await fsp.writeFile(bak, Buffer.from([0x7b, 0xff, 0x7d]));
    let r = await doctor();
    expect(r.code).toBe(1);
    expect(r.report.problems).toEqual([
      expect.objectContaining({ code: 'ARCHIVE_DAMAGED', file: shard, line: 3, dossierCode: '000.00.00.H99-260302-0009' }),
      expect.objectContaining({ code: 'STORE_CORRUPT', file: bak }),
    ]);
    await fsp.rm(path.join(home, 'db', 'active.json'));
    r = await doctor();
    expect(r.report.problems.map((p) => p.code)).toContain('STORE_ACTIVE_MISSING');
    expect(existsSync(path.join(home, 'db', 'active.json'))).toBe(false);
  });

  it('a torn line written again later and a leftover temporary file are notes, not problems', async () => {
    await archivedWithFiles();
    const shard = archivePath(path.join(home, 'db'), 2026, 3);
    const text = await fsp.readFile(shard, 'utf8');
    const last = text.trimEnd().split('\n').at(-1)!;
    await fsp.writeFile(shard, `${text.trimEnd().split('\n').slice(0, -1).join('\n')}\n${last.slice(0, 50)}\n${last}\n`);
    await fsp.writeFile(path.join(home, 'db', '.active.json.4242.cafe0123.tmp'), '{"half');
    await fsp.writeFile(path.join(home, 'documents', '.mau-01.pdf.4242.cafe0123.tmp'), '%PDF-half');
    const r = await doctor();
    expect(r.code).toBe(0);
    expect(r.report.notes.map((n) => n.code).sort()).toEqual(['ARCHIVE_DAMAGED', 'TEMP_LEFT', 'TEMP_LEFT']);
  });
});

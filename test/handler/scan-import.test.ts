import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { beforeEach, describe, expect, it } from 'vitest';
import { scanImportHandler } from '../../src/commands/scan-import/handler.js';
import type { Context } from '../../src/context.js';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { sha256Hex } from '../../src/scan/hash.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { fakeContext, runInProcess, scriptedPrompter, tempHome } from '../helpers/context.js';
import { makeEncryptedPdf, makeJpeg, makePdf, makePng, makePngRaw, makeZip } from '../helpers/scan-files.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const CODE = '000.00.00.H99-260302-0001';
const ENV = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', 'Thôn 1, xã Suối Kiết'];

let home: string;
let scans: string;
const run = (args: string[], over: Partial<Context> = {}) => runInProcess(args, { home, now: () => NOW, env: ENV, cwd: scans, ...over });
const put = (name: string, bytes: Uint8Array) => {
  const p = path.join(scans, name);
  writeFileSync(p, bytes);
  return p;
};

/** Call the handler directly to see the error code (tests assert on codes, not wording). */
async function errorCode(args: string[], opts: Record<string, unknown> = {}): Promise<string> {
  const ctx = fakeContext({ home, now: () => NOW, env: ENV, cwd: scans });
  try {
    await scanImportHandler(ctx, { args, opts });
    return 'OK';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

async function events(): Promise<number> {
  return (await new EmbeddedStore(home, 'test').getDossier(CODE))!.dossier.events.length;
}

function attachments(): string[] {
  const root = path.join(home, 'attachments');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

interface ImportJson {
  schemaVersion: number;
  dossier: string;
  imported: { component: string; path: string; sha256: string; size: number; pages: number; sourceType: string; assembledFrom?: number; sources?: { name: string; sha256: string }[] }[];
  skipped: { file: string; component: string; reason: string }[];
  coverage: { components: { id: string; state: string; reason?: string }[]; readyToSubmit: boolean; missing: string[] };
}

beforeEach(async () => {
  home = tempHome();
  scans = path.join(tempHome('gov-desk-scans-'), 'scanner');
  mkdirSync(scans);
  expect((await runInProcess(['init', '--example', '--no-input'], { home, env: ENV })).code).toBe(0);
  const r = await runInProcess(['intake', '--procedure', '1.004859', ...APPLICANT, '--all-components', '--no-input', '--json'], { home, now: () => NOW, env: ENV });
  expect(r.code).toBe(0);
});

describe('scan-import: attaching files', () => {
  it('images of one component become one PDF in page order; a PDF is kept as it is; coverage becomes complete', async () => {
    const png = put('to-khai-2.png', makePng(40, 30, { dpi: 200 }));
    const jpg = put('to-khai.jpg', makeJpeg(64, 80, { dpi: 200 }));
    const pdf = await makePdf(2);
    put('giay-to-can-cu.pdf', pdf);
    const before = sha256Hex(readFileSync(png));
    const r = await run(['scan-import', CODE, 'to-khai-2.png', 'to-khai.jpg', 'giay-to-can-cu.pdf', '--no-input', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as ImportJson;
    expect(out.schemaVersion).toBe(1);
    expect(out.imported.map((i) => [i.component, i.pages, i.sourceType, i.assembledFrom])).toEqual([
      ['to-khai', 2, 'jpeg', 2],
      ['giay-to-can-cu', 2, 'pdf', undefined],
    ]);
    expect(out.imported[0]!.sources!.map((s) => s.name)).toEqual(['to-khai.jpg', 'to-khai-2.png']);
    expect(out.coverage.readyToSubmit).toBe(true);
    expect(out.coverage.missing).toEqual([]);
    expect(out.coverage.components.find((c) => c.id === 'giay-to-tuy-than')).toMatchObject({ state: 'exempt', reason: 'present-only' });

    // the PDF is stored byte for byte; the assembled one has two pages; both read-only, under the home
    const stored = out.imported.map((i) => path.join(home, i.path));
    expect(stored[0]).toMatch(new RegExp(`attachments[\\\\/]${CODE.replace(/\./g, '\\.')}[\\\\/]to-khai[\\\\/][0-9a-f]{12}-to-khai\\.pdf$`));
    expect(readFileSync(stored[1]!).equals(pdf)).toBe(true);
    expect(out.imported[1]!.sha256).toBe(sha256Hex(pdf));
    expect((await PDFDocument.load(readFileSync(stored[0]!))).getPageCount()).toBe(2);
    expect(sha256Hex(readFileSync(stored[0]!))).toBe(out.imported[0]!.sha256);
    if (process.platform !== 'win32') for (const s of stored) expect(statSync(s).mode & 0o777).toBe(0o400);
    expect(sha256Hex(readFileSync(png))).toBe(before); // the original is untouched

    // the events record who, when, size, pages, hash
    const d = (await new EmbeddedStore(home, 'test').getDossier(CODE))!.dossier;
    const scanned = d.events.filter((e) => e.type === 'scanned');
    expect(scanned).toHaveLength(2);
    expect(scanned[1]).toMatchObject({ operator: 'Trần Văn Đức', at: '2026-03-02T09:00:00+07:00', key: `scan:giay-to-can-cu:${sha256Hex(pdf)}`, data: { component: 'giay-to-can-cu', file: { size: pdf.length, pages: 2, sourceName: 'giay-to-can-cu.pdf' } } });

    // show and show --json report the coverage
    const show = await run(['show', CODE, '--json']);
    expect((JSON.parse(show.stdout) as { coverage: ImportJson['coverage'] }).coverage).toMatchObject({ readyToSubmit: true, missing: [] });
    const human = await run(['show', CODE]);
    expect(human.stdout).toContain('Digitised: complete, ready to submit');
  });

  it('re-importing the same bytes is a no-op reported as such', async () => {
    put('giay-to-can-cu.pdf', await makePdf(2));
    expect((await run(['scan-import', CODE, 'giay-to-can-cu.pdf', '--no-input'])).code).toBe(0);
    const n = await events();
    const files = attachments();
    const again = await run(['scan-import', CODE, 'giay-to-can-cu.pdf', '--no-input', '--json']);
    expect(again.code).toBe(0);
    const out = JSON.parse(again.stdout) as ImportJson;
    expect(out.imported).toEqual([]);
    expect(out.skipped).toEqual([{ file: 'giay-to-can-cu.pdf', component: 'giay-to-can-cu', reason: 'already-imported' }]);
    expect(await events()).toBe(n);
    expect(attachments()).toEqual(files);
    const human = await run(['scan-import', CODE, 'giay-to-can-cu.pdf', '--no-input']);
    expect(human.stdout).toContain('already imported, nothing to do');
  });

  it('--component puts every file in one component; coverage still lists what is missing', async () => {
    put('scan0001.jpg', makeJpeg(16, 16));
    put('scan0002.jpg', makeJpeg(24, 16));
    const r = await run(['scan-import', CODE, 'scan0001.jpg', 'scan0002.jpg', '--component', 'giay-to-can-cu', '--no-input']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('giay-to-can-cu: scan0001.jpg, scan0002.jpg →');
    expect(r.stdout).toMatch(/missing: to-khai/);
  });

  it('--from-dir imports the folder (hidden and partial files left alone)', async () => {
    put('to-khai.png', makePng(10, 10));
    put('giay-to-can-cu.pdf', await makePdf(1));
    put('.hidden.jpg', makeJpeg(8, 8));
    put('to-khai-3.jpg.part', Buffer.from('half'));
    const r = await run(['scan-import', CODE, '--from-dir', '.', '--no-input', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ImportJson).coverage.readyToSubmit).toBe(true);
  });

  it('asks the component of each file when someone is at the desk', async () => {
    put('scan0001.jpg', makeJpeg(8, 8));
    put('to-khai.png', makePng(8, 8));
    const prompter = scriptedPrompter(['giay-to-can-cu', 'to-khai']);
    const tty = () => Object.assign(new PassThrough(), { isTTY: true });
    const r = await run(['scan-import', CODE, 'scan0001.jpg', 'to-khai.png'], { noInput: false, stdin: tty(), stdout: Object.assign(new PassThrough(), { isTTY: true }), prompter: async () => prompter });
    expect(r.code).toBe(0);
    expect(prompter.asked).toHaveLength(2);
    expect(prompter.asked[0]).toContain('scan0001.jpg');
    expect(r.stderr).toContain('to-khai'); // the checklist shown first
    const d = (await new EmbeddedStore(home, 'test').getDossier(CODE))!.dossier;
    expect(d.events.filter((e) => e.type === 'scanned').map((e) => (e.data as { component: string }).component)).toEqual(['to-khai', 'giay-to-can-cu']);
  });
});

describe('scan-import: bad input (clear code, right exit code, nothing stored)', () => {
  it.each([
    ['a missing file', 'SCAN_FILE_NOT_FOUND', () => undefined, 'to-khai.jpg'],
    ['a folder given as a file', 'SCAN_IS_DIRECTORY', () => mkdirSync(path.join(scans, 'to-khai')), 'to-khai'],
    ['a .pdf that is a PNG', 'SCAN_DISGUISED_TYPE', () => put('to-khai.pdf', makePng(4, 4)), 'to-khai.pdf'],
    ['a .pdf that is a ZIP', 'SCAN_DISGUISED_TYPE', () => put('to-khai.pdf', makeZip()), 'to-khai.pdf'],
    ['a ZIP', 'SCAN_UNSUPPORTED_TYPE', () => put('to-khai.zip', makeZip()), 'to-khai.zip'],
    ['a truncated JPEG', 'SCAN_CORRUPT', () => put('to-khai.jpg', makeJpeg(64, 64).subarray(0, 170)), 'to-khai.jpg'],
    ['a zero-byte file', 'SCAN_EMPTY_FILE', () => put('to-khai.jpg', new Uint8Array(0)), 'to-khai.jpg'],
    ['a password-protected PDF', 'SCAN_PDF_ENCRYPTED', () => put('to-khai.pdf', makeEncryptedPdf()), 'to-khai.pdf'],
    ['a name with a backslash', 'SCAN_BAD_NAME', () => put('to-khai\\1.jpg', makeJpeg(8, 8)), 'to-khai\\1.jpg'],
    ['a name with a control character', 'SCAN_BAD_NAME', () => put('to-khai\n1.jpg', makeJpeg(8, 8)), 'to-khai\n1.jpg'],
    ['a name without a component id', 'SCAN_NO_COMPONENT', () => put('scan0001.jpg', makeJpeg(8, 8)), 'scan0001.jpg'],
    ['a document only shown at the counter', 'SCAN_COMPONENT_PRESENT_ONLY', () => put('giay-to-tuy-than.jpg', makeJpeg(8, 8)), 'giay-to-tuy-than.jpg'],
  ])('%s → %s (exit 2)', async (_label, expected, setup, file) => {
    if (process.platform === 'win32' && expected === 'SCAN_BAD_NAME') return;
    setup();
    expect(await errorCode([CODE, file])).toBe(expected);
    const r = await run(['scan-import', CODE, file, '--no-input']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gov-desk: /);
    expect(attachments()).toEqual([]);
  });

  it('a truncated PDF, and one good file next to a bad one: nothing at all is stored', async () => {
    const pdf = await makePdf(2);
    put('giay-to-can-cu.pdf', pdf.subarray(0, pdf.length - 50));
    put('to-khai.jpg', makeJpeg(8, 8));
    const n = await events();
    const r = await run(['scan-import', CODE, 'to-khai.jpg', 'giay-to-can-cu.pdf', '--no-input']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('giay-to-can-cu.pdf');
    expect(await errorCode([CODE, 'to-khai.jpg', 'giay-to-can-cu.pdf'])).toBe('SCAN_CORRUPT');
    expect(await events()).toBe(n);
    expect(attachments()).toEqual([]);
  });

  it('over the size limit (flag, environment) or the page limit: says so and suggests a lower resolution', async () => {
    put('giay-to-can-cu.pdf', await makePdf(3));
    expect(await errorCode([CODE, 'giay-to-can-cu.pdf'], { maxSizeMb: '0.0005' })).toBe('SCAN_TOO_LARGE');
    const r = await run(['scan-import', CODE, 'giay-to-can-cu.pdf', '--no-input'], { env: { ...ENV, GOV_DESK_SCAN_MAX_MB: '0.0005' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lower resolution');
    expect(await errorCode([CODE, 'giay-to-can-cu.pdf'], { maxPages: '2' })).toBe('SCAN_TOO_MANY_PAGES');
    expect(await errorCode([CODE, 'giay-to-can-cu.pdf'], { maxPages: 'many' })).toBe('SCAN_INVALID_LIMIT');
    expect(attachments()).toEqual([]);
  });

  it('a decompression bomb (PNG declaring 20 000 × 20 000) is refused from its header: exit 2, nothing attached', async () => {
    put('to-khai.png', makePngRaw(20_000, 20_000, 0, 1, deflateSync(Buffer.alloc(4 * 1024 * 1024))));
    const before = await events();
    const r = await run(['scan-import', CODE, 'to-khai.png', '--no-input']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('megapixels');
    expect(attachments()).toEqual([]);
    expect(await events()).toBe(before);
    put('to-khai-2.png', makePng(300, 300));
    expect(await errorCode([CODE, 'to-khai-2.png'], { maxMegapixels: '0.05' })).toBe('SCAN_IMAGE_TOO_LARGE');
    expect(await errorCode([CODE, 'to-khai-2.png'], { maxMegapixels: 'lots' })).toBe('SCAN_INVALID_LIMIT');
    const env = await run(['scan-import', CODE, 'to-khai-2.png', '--no-input'], { env: { ...ENV, GOV_DESK_SCAN_MAX_MEGAPIXELS: '0.05' } });
    expect(env.code).toBe(2);
  });

  it('the assembled PDF is checked against the limits too', async () => {
    put('to-khai.png', makePng(300, 300));
    put('to-khai-2.png', makePng(300, 300, { rgb: [1, 2, 3] }));
    expect(await errorCode([CODE, 'to-khai.png', 'to-khai-2.png'], { maxPages: '1' })).toBe('SCAN_TOO_MANY_PAGES');
    expect(attachments()).toEqual([]);
  });

  it('a symbolic link pointing outside the scan folder is refused; one inside is followed', async () => {
    if (process.platform === 'win32') return;
    const outside = path.join(path.dirname(scans), 'secret.pdf');
    writeFileSync(outside, await makePdf(1));
    symlinkSync(outside, path.join(scans, 'giay-to-can-cu.pdf'));
    expect(await errorCode([CODE, 'giay-to-can-cu.pdf'])).toBe('SCAN_SYMLINK_OUTSIDE');
    expect(await errorCode([CODE], { fromDir: scans })).toBe('SCAN_SYMLINK_OUTSIDE');
    mkdirSync(path.join(scans, 'sub'));
    put('sub/real.jpg', makeJpeg(8, 8));
    symlinkSync(path.join(scans, 'sub', 'real.jpg'), path.join(scans, 'to-khai.jpg'));
    expect(await errorCode([CODE, 'to-khai.jpg'])).toBe('OK');
  });

  it('an unknown dossier code, a bad component, no files', async () => {
    put('to-khai.jpg', makeJpeg(8, 8));
    expect(await errorCode(['000.00.00.H99-260302-9999', 'to-khai.jpg'])).toBe('DOSSIER_UNKNOWN');
    expect(await errorCode(['../../etc', 'to-khai.jpg'])).toBe('DOSSIER_UNKNOWN');
    expect(await errorCode([CODE, 'to-khai.jpg'], { component: '../x' })).toBe('SCAN_UNKNOWN_COMPONENT');
    expect(await errorCode([CODE, 'to-khai.jpg'], { component: 'giay-to-tuy-than' })).toBe('SCAN_COMPONENT_PRESENT_ONLY');
    expect(await errorCode([CODE])).toBe('SCAN_NO_FILES');
    expect(await errorCode([CODE, 'to-khai.jpg'], { fromDir: scans })).toBe('SCAN_OPTIONS_CONFLICT');
    expect(await errorCode([CODE], { fromDir: path.join(scans, 'nope') })).toBe('SCAN_DIR_NOT_FOUND');
    const r = await run(['scan-import', '000.00.00.H99-260302-9999', 'to-khai.jpg', '--no-input']);
    expect(r.code).toBe(2);
  });

  it('a closed dossier: clear message, exit 1, nothing stored', async () => {
    await new EmbeddedStore(home, 'test').tx(async (t) => {
      await t.putDossier(applyAction((await t.dossier(CODE))!, 'withdrawn', { at: NOW, operator: 't' }).dossier);
    });
    put('to-khai.jpg', makeJpeg(8, 8));
    expect(await errorCode([CODE, 'to-khai.jpg'])).toBe('DOSSIER_CLOSED');
    const r = await run(['scan-import', CODE, 'to-khai.jpg', '--no-input']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('closed');
    expect(attachments()).toEqual([]);
  });
});

describe('scan-import --watch', () => {
  it('imports new files once settled, leaves earlier ones alone, reports bad ones, stops on Ctrl-C with 0', async () => {
    put('to-khai-old.jpg', makeJpeg(8, 8)); // already there: not imported
    let sigint: (() => void) | undefined;
    const ctx = fakeContext({ home, now: () => NOW, env: ENV, cwd: scans, onSignal: (s, fn) => ((s === 'SIGINT' ? (sigint = fn) : undefined), () => undefined) });
    const done = scanImportHandler(ctx, { args: [CODE], opts: { watch: scans, settleMs: '60', json: true } });
    const waitFor = async (pred: () => boolean) => {
      for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 25));
      expect(pred()).toBe(true);
    };
    await waitFor(() => sigint !== undefined && ctx.err().includes('Watching'));
    put('giay-to-can-cu.pdf', await makePdf(2));
    put('to-khai.pdf', makePng(4, 4)); // disguised: reported, the watch goes on
    await waitFor(() => ctx.out().includes('"event":"imported"') && ctx.out().includes('"event":"refused"'));
    put('to-khai.png', makePng(6, 6));
    await waitFor(() => ctx.out().split('\n').filter((l) => l.includes('"event":"imported"')).length === 2);
    sigint!();
    expect(await done).toBe(0);
    const lines = ctx.out().trim().split('\n').map((l) => JSON.parse(l) as { event: string; code?: string; coverage?: ImportJson['coverage'] });
    expect(lines.find((l) => l.event === 'refused')).toMatchObject({ code: 'SCAN_DISGUISED_TYPE' });
    expect(lines.at(-1)).toMatchObject({ event: 'stopped', coverage: { readyToSubmit: true } });
    const d = (await new EmbeddedStore(home, 'test').getDossier(CODE))!.dossier;
    const names = d.events.filter((e) => e.type === 'scanned').map((e) => (e.data as { file: { sourceName: string } }).file.sourceName);
    expect(names).toEqual(['giay-to-can-cu.pdf', 'to-khai.png']);
  });
});


import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../src/context.js';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Prompter } from '../../src/prompts.js';
import { coverageOf, scannedFiles } from '../../src/scan/coverage.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { makeJpeg, makePdf } from '../helpers/scan-files.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const CODE = '000.00.00.H99-260302-0001';
const ENV = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
let home: string;
let scans: string;
const run = (args: string[], over: Partial<Context> = {}) => runInProcess(args, { home, now: () => NOW, env: ENV, cwd: scans, ...over });
const dossier = async () => (await new EmbeddedStore(home, 'test').getDossier(CODE))!.dossier;

beforeEach(async () => {
  home = tempHome();
  scans = tempHome('gov-desk-scans-');
  expect((await runInProcess(['init', '--example', '--no-input'], { home, env: ENV })).code).toBe(0);
  const r = await runInProcess(['intake', '--procedure', '1.004859', '--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--all-components', '--no-input'], { home, now: () => NOW, env: ENV });
  expect(r.code).toBe(0);
  writeFileSync(path.join(scans, 'to-khai.pdf'), await makePdf(1, 'To khai'));
  writeFileSync(path.join(scans, 'giay-to-can-cu.pdf'), await makePdf(2, 'Nham: giay khac'));
  expect((await run(['scan-import', CODE, 'to-khai.pdf', 'giay-to-can-cu.pdf', '--no-input'])).code).toBe(0);
});

describe('scan-import --detach', () => {
  it('takes back a wrong scan with an event; the file is kept in detached/; coverage and show follow', async () => {
    const before = scannedFiles(await dossier()).find((f) => f.component === 'giay-to-can-cu')!;
    const r = await run(['scan-import', CODE, '--detach', 'giay-to-can-cu', '--reason', 'Quét nhầm giấy tờ khác', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { detached: { component: string; path: string; movedTo: string; reason: string }[]; coverage: { missing: string[] } };
    expect(out.detached).toHaveLength(1);
    expect(out.detached[0]).toMatchObject({ component: 'giay-to-can-cu', path: before.file.path, reason: 'Quét nhầm giấy tờ khác' });
    expect(out.coverage.missing).toEqual(['giay-to-can-cu']);
    // kept for audit, not deleted; no longer where attached scans are
    expect(existsSync(path.join(home, out.detached[0]!.movedTo))).toBe(true);
    expect(existsSync(path.join(home, before.file.path))).toBe(false);
    const d = await dossier();
    expect(d.events.filter((e) => e.type === 'scanned')).toHaveLength(2); // history not edited
    expect(d.events.at(-1)).toMatchObject({ type: 'scan-detached', operator: 'Trần Văn Đức' });
    expect(coverageOf(d).missing).toEqual(['giay-to-can-cu']);
    const show = await run(['show', CODE]);
    expect(show.stdout).toContain('scan detached'); // the event in the UI language (show's history)
    expect(show.stdout).toContain('Quét nhầm giấy tờ khác');
    expect(show.stdout).toMatch(/\[ \] giay-to-can-cu\s+NOT DIGITISED/);
  });

  it('the right scan can then be attached, and even the same file again', async () => {
    expect((await run(['scan-import', CODE, '--detach', 'giay-to-can-cu:giay-to-can-cu.pdf'])).code).toBe(0);
    const again = await run(['scan-import', CODE, 'giay-to-can-cu.pdf', '--no-input', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as { imported: unknown[] }).imported).toHaveLength(1);
    const d = await dossier();
    expect(coverageOf(d).readyToSubmit).toBe(true);
    for (const f of scannedFiles(d)) expect(existsSync(path.join(home, f.file.path))).toBe(true);
  });

  it('a component without that scan, an unknown component, or files with --detach: exit 2, nothing written', async () => {
    const n = (await dossier()).events.length;
    expect((await run(['scan-import', CODE, '--detach', 'to-khai:other.pdf'])).code).toBe(2);
    expect((await run(['scan-import', CODE, '--detach', 'no-such'])).code).toBe(2);
    expect((await run(['scan-import', CODE, 'to-khai.pdf', '--detach', 'to-khai'])).code).toBe(2);
    expect((await dossier()).events.length).toBe(n);
  });

  it('once submitted, the changed record is queued for the portal', async () => {
    await new EmbeddedStore(home, 'test').tx(async (t) => {
      await t.putDossier(applyAction((await t.dossier(CODE))!, 'submit-queued', { at: NOW, operator: 't' }).dossier);
    });
    expect((await run(['scan-import', CODE, '--detach', 'to-khai'])).code).toBe(0);
    expect((await new EmbeddedStore(home, 'test').outbox('portal')).filter((e) => e.op === 'dongbo' && e.status === 'queued')).toHaveLength(1);
  });

  it('a later import never sweeps result documents or detached scans as orphans', async () => {
    expect((await run(['scan-import', CODE, '--detach', 'giay-to-can-cu'])).code).toBe(0);
    const result = path.join(home, 'attachments', CODE, 'result', 'ket-qua.pdf');
    mkdirSync(path.dirname(result), { recursive: true });
    writeFileSync(result, 'result');
    const old = new Date(Date.now() - 3 * 3600_000);
    utimesSync(result, old, old);
    const moved = (await dossier()).events.at(-1)!.data!.movedTo as string;
    utimesSync(path.join(home, moved), old, old);
    writeFileSync(path.join(scans, 'giay-to-can-cu-2.jpg'), makeJpeg(400, 560, { dpi: 200 }));
    expect((await run(['scan-import', CODE, 'giay-to-can-cu-2.jpg', '--no-input'])).code).toBe(0);
    expect(readFileSync(result, 'utf8')).toBe('result');
    expect(existsSync(path.join(home, moved))).toBe(true);
  });
});

describe('scan-import at the desk', () => {
  it('a file whose name matches no component is not pre-assigned (Enter skips it)', async () => {
    writeFileSync(path.join(scans, 'scan0001.jpg'), makeJpeg(8, 8));
    writeFileSync(path.join(scans, 'giay-to-can-cu-3.jpg'), makeJpeg(9, 9));
    const defaults: unknown[] = [];
    const prompter: Prompter = {
      input: async () => '',
      confirm: async () => false,
      search: async () => undefined as never,
      checkbox: async () => [] as never,
      select: async (o) => {
        defaults.push(o.default);
        return o.default as never; // the operator presses Enter
      },
    };
    const tty = () => Object.assign(new PassThrough(), { isTTY: true });
    const r = await run(['scan-import', CODE, 'scan0001.jpg', 'giay-to-can-cu-3.jpg'], { noInput: false, stdin: tty(), stdout: tty(), prompter: async () => prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(defaults).toEqual([null, 'giay-to-can-cu']);
    const comps = scannedFiles(await dossier()).map((f) => f.file.sourceName);
    expect(comps).not.toContain('scan0001.jpg');
    expect(comps).toContain('giay-to-can-cu-3.jpg');
  });
});

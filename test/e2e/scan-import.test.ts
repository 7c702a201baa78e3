import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempHome } from '../helpers/context.js';
import { makeJpeg, makePdf, makePng } from '../helpers/scan-files.js';

interface Coverage {
  components: { id: string; state: string }[];
  readyToSubmit: boolean;
  missing: string[];
}

describe('scan-import, spawned as a user runs it', () => {
  it('imports images, stores one PDF per component with the right page count, and the dossier reports full coverage', async () => {
    const home = tempHome();
    const scans = path.join(tempHome('gov-desk-scanner-'), 'out');
    mkdirSync(scans);
    expect((await runCli(['init', '--example', '--no-input'], { home })).code).toBe(0);
    const intake = await runCli(['intake', '--procedure', '1.004859', '--name', 'Lê Thị Thu Hà', '--id-number', '060195004321', '--birth-date', '03/09/1995', '--phone', '0987654321', '--address', 'Thôn 2, xã Suối Kiết', '--all-components', '--no-input', '--json'], { home });
    expect(intake.code, intake.stderr).toBe(0);
    const code = (JSON.parse(intake.stdout) as { dossier: { code: string } }).dossier.code;

    const before = await runCli(['show', code, '--json'], { home });
    expect((JSON.parse(before.stdout) as { coverage: Coverage }).coverage).toMatchObject({ readyToSubmit: false, missing: ['to-khai', 'giay-to-can-cu'] });

    // the scanner wrote three pages of the form (JPEG and PNG) and two of the birth certificate
    writeFileSync(path.join(scans, 'to-khai_p1.jpg'), makeJpeg(160, 224, { dpi: 200 }));
    writeFileSync(path.join(scans, 'to-khai_p2.png'), makePng(160, 224, { dpi: 200 }));
    writeFileSync(path.join(scans, 'to-khai_p10.jpg'), makeJpeg(224, 160, { dpi: 200 }));
    writeFileSync(path.join(scans, 'giay-to-can-cu-1.png'), makePng(100, 140, { dpi: 300, rgb: [20, 120, 40] }));
    writeFileSync(path.join(scans, 'giay-to-can-cu-2.png'), makePng(100, 140, { dpi: 300, rgb: [20, 40, 120] }));
    const r = await runCli(['scan-import', code, '--from-dir', scans, '--no-input', '--json'], { home });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { schemaVersion: number; imported: { component: string; path: string; pages: number; sha256: string; from: string[] }[]; coverage: Coverage };
    expect(out.schemaVersion).toBe(1);
    expect(out.imported.map((i) => [i.component, i.pages])).toEqual([['to-khai', 3], ['giay-to-can-cu', 2]]);
    expect(out.imported[0]!.from).toEqual(['to-khai_p1.jpg', 'to-khai_p2.png', 'to-khai_p10.jpg']);
    for (const i of out.imported) {
      const file = path.join(home, i.path);
      const doc = await PDFDocument.load(readFileSync(file));
      expect(doc.getPageCount()).toBe(i.pages);
      expect(statSync(file).size).toBeLessThanOrEqual(10 * 1024 * 1024);
      if (process.platform !== 'win32') expect(statSync(file).mode & 0o222).toBe(0); // read-only
    }
    // the landscape page of the form is landscape A4
    const form = await PDFDocument.load(readFileSync(path.join(home, out.imported[0]!.path)));
    expect(form.getPages().map((p) => Math.round(p.getWidth()))).toEqual([595, 595, 842]);
    expect(out.coverage).toMatchObject({ readyToSubmit: true, missing: [] });

    const show = await runCli(['show', code, '--json'], { home });
    const cov = (JSON.parse(show.stdout) as { coverage: Coverage }).coverage;
    expect(cov.readyToSubmit).toBe(true);
    expect(cov.components.filter((c) => c.state === 'digitised').map((c) => c.id)).toEqual(['to-khai', 'giay-to-can-cu']);

    // the same folder again: nothing new, exit 0
    const again = await runCli(['scan-import', code, '--from-dir', scans, '--no-input', '--json'], { home });
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { imported: unknown[]; skipped: unknown[] }).imported).toEqual([]);
  });

  it('bad input exits 2 with one clear line and stores nothing; Vietnamese by default', async () => {
    const home = tempHome();
    const scans = tempHome('gov-desk-scanner-');
    expect((await runCli(['init', '--example', '--no-input'], { home })).code).toBe(0);
    const intake = await runCli(['intake', '--procedure', '1.004859', '--name', 'Lê Thị Thu Hà', '--id-number', '060195004321', '--birth-date', '03/09/1995', '--phone', '0987654321', '--address', 'Thôn 2', '--all-components', '--no-input', '--json'], { home });
    const code = (JSON.parse(intake.stdout) as { dossier: { code: string } }).dossier.code;
    writeFileSync(path.join(scans, 'giay-to-can-cu.pdf'), makePng(4, 4));
    const r = await runCli(['scan-import', code, 'giay-to-can-cu.pdf', '--no-input'], { home, cwd: scans, env: { GOV_DESK_LANG: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nội dung thực là PNG');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    const pdf = await makePdf(1);
    writeFileSync(path.join(scans, 'giay-to-can-cu.pdf'), pdf.subarray(0, pdf.length - 40));
    expect((await runCli(['scan-import', code, 'giay-to-can-cu.pdf', '--no-input'], { home, cwd: scans })).code).toBe(2);
    const show = await runCli(['show', code, '--json'], { home });
    expect((JSON.parse(show.stdout) as { coverage: Coverage }).coverage.missing).toEqual(['to-khai', 'giay-to-can-cu']);
  });
});

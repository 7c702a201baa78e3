import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { runInProcess, tempHome } from '../helpers/context.js';
import { allText, pdfText } from '../helpers/pdf-text.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', 'Thôn 1, xã Suối Kiết'];
let home: string;
const run = (args: string[]) => runInProcess(args, { home, now: () => NOW, env: { GOV_DESK_LANG: 'en' } });

async function receiveOn(receivedAt: string, procedure = '1.001193'): Promise<{ code: string; path: string }> {
  const r = await run(['intake', '--procedure', procedure, ...APPLICANT, '--all-components', '--received-at', receivedAt, '--allow-duplicate', '--no-input', '--json']);
  expect(r.code, r.stderr).toBe(0);
  const d = (JSON.parse(r.stdout) as { dossier: { code: string; documents: { path: string }[] } }).dossier;
  return { code: d.code, path: d.documents[0]!.path };
}

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});

describe('forms follow the date of receipt', () => {
  it.each([
    ['2025-06-20T09:00+07:00', 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ', '01/2018'],
    ['2025-08-04T09:00+07:00', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', '01/2018'], // centres from 1/7/2025, TT 03/2025 only from 15/9
    ['2025-09-16T09:00+07:00', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', '03/2025'],
  ])('a dossier received %s prints the header "%s" under TT %s', async (at, unit, tt) => {
    const { path } = await receiveOn(at);
    const first = (await pdfText(readFileSync(path))).pages[0]!.text;
    expect(first).toContain(unit);
    expect(first).toContain(`Thông tư số ${tt}/TT-VPCP`);
    // the running text names the same unit as the header
    const running = at < '2025-07' ? 'Bộ phận Tiếp nhận và Trả kết quả Ủy ban nhân dân xã Suối Kiết' : 'Trung tâm Phục vụ hành chính công xã Suối Kiết';
    expect(first).toContain(running);
    if (at < '2025-07') expect(first).not.toContain('Trung tâm Phục vụ');
  });

  it('the register follows the rules of the dossiers received, not the printing date: Mẫu 06 for 2025 before 15/9, Mẫu 07 after', async () => {
    await receiveOn('2025-06-20T09:00+07:00');
    await receiveOn('2025-09-16T09:00+07:00');
    const r = await run(['ledger', '--from', '2025-01-01', '--to', '2025-12-31', '--pdf', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { files: { pdf: string } };
    const pages = (await pdfText(readFileSync(out.files.pdf))).pages.map((p) => p.text);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Mẫu số 06');
    expect(pages[0]).toContain('BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ');
    expect(pages[0]).toContain('01/2018/TT-VPCP');
    expect(pages[1]).toContain('Mẫu số 07');
    expect(pages[1]).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG');
    expect(pages[1]).toContain('03/2025/TT-VPCP');
  });

  it('a control slip of a 2025-06 dossier is Mẫu 05 in the file name, the JSON and on paper', async () => {
    const { code } = await receiveOn('2025-06-20T09:00+07:00');
    const r = await run(['route', code, '--control-slip', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { form: string; path: string };
    expect(out.form).toBe('05');
    expect(out.path.endsWith('mau-05-phieu-kiem-soat.pdf')).toBe(true);
    expect(allText(await pdfText(readFileSync(out.path)))).toContain('Mẫu số 05');
  });
});

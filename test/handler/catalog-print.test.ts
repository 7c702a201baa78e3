import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadCatalogSync } from '../../src/catalog/loader.js';
import { whatToBringModel } from '../../src/commands/catalog/print.js';
import { parseProfile } from '../../src/config/profile.js';
import { allText, isFontEmbedded, pdfText } from '../helpers/pdf-text.js';
import { runInProcess, tempHome } from '../helpers/context.js';

const NOW = () => new Date('2026-03-02T02:00:00Z');
let home: string;
beforeEach(async () => {
  home = tempHome();
  expect((await runInProcess(['init', '--example', '--no-input'], { home })).code).toBe(0);
});
const profile = () => parseProfile(JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')), 'config.json');

describe('gov-desk catalog print CODE: the "what to bring" sheet', () => {
  it('an A5 PDF in Vietnamese with its diacritics, the papers, time, fee, the portal and the page address', async () => {
    const r = await runInProcess(['catalog', 'print', '1.004873', '--json'], { home, now: NOW });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { path: string; pageUrl: string };
    expect(doc.path).toBe(path.join(home, 'documents', 'huong-dan', 'giay-to-can-mang-1.004873.pdf'));
    const bytes = readFileSync(doc.path);
    expect(isFontEmbedded(bytes)).toBe(true);
    const info = await pdfText(bytes);
    expect(Math.round(info.pages[0]!.width)).toBe(420); // A5
    const text = allText(info);
    for (const s of ['GIẤY TỜ CẦN MANG', 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân', 'Mã thủ tục: 1.004873', 'Giấy tờ cần mang', 'Thời hạn giải quyết', 'Phí, lệ phí', 'Cổng Dịch vụ công quốc gia: https://dichvucong.gov.vn', 'VNeID mức 2', 'Trung tâm Phục vụ hành chính công xã Suối Kiết']) expect(text).toContain(s);
    const catalog = loadCatalogSync({ home });
    expect(doc.pageUrl).toBe(catalog.get('1.004873')!.source.url); // the record's own link, never invented
    expect(text.replace(/\s/g, '')).toContain(doc.pageUrl.replace(/\s/g, ''));
  });

  it('online only (Chỉ thị 24): only the papers of the online channel, said so; the profile portal is used', async () => {
    const p = { ...profile(), onlinePortal: { name: 'Cổng dịch vụ công thử nghiệm', url: 'https://dvc.example.vn' } };
    const m = whatToBringModel(loadCatalogSync({ home }).require('1.001193'), p, NOW());
    const papers = m.papers.flatMap((g) => g.items).join('\n');
    expect(papers).toContain('Mẫu hộ tịch điện tử tương tác');
    expect(papers).not.toContain('chỉ khi nộp trực tiếp');
    expect(m.online.join(' ')).toContain('Cổng dịch vụ công thử nghiệm: https://dvc.example.vn');
    expect(m.online.join(' ')).toContain('Chỉ thị 24/CT-TTg');
    expect(m.time).not.toContain('(?)');
  });

  it('a procedure named by words or a code end; an unknown one is exit 2', async () => {
    const out = path.join(home, 'kh.pdf');
    expect((await runInProcess(['catalog', 'print', 'dang', 'ky', 'ket', 'hon', '--out', out], { home, now: NOW })).code).toBe(0);
    expect(allText(await pdfText(readFileSync(out)))).toContain('Thủ tục đăng ký kết hôn');
    const bad = await runInProcess(['catalog', 'print', 'khong co thu tuc nay xyz', '--json'], { home, now: NOW });
    expect(bad.code).toBe(2);
    expect((JSON.parse(bad.stdout) as { error: { code: string } }).error.code).toBe('PROCEDURE_UNKNOWN');
  });
});

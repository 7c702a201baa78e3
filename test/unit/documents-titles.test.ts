import { describe, expect, it } from 'vitest';
import { renderReceipt } from '../../src/documents/form01-receipt.js';
import { renderSupplement } from '../../src/documents/form02-supplement.js';
import { renderRefusal } from '../../src/documents/form03-refusal.js';
import { renderApology } from '../../src/documents/form04-apology.js';
import { renderControlSlip } from '../../src/documents/form05-control.js';
import { titleUnits } from '../../src/documents/layout-header.js';
import type { Agency } from '../../src/documents/models.js';
import { dossierQr } from '../../src/documents/qr.js';
import { formSpec, RULE_SETS, type RuleSet } from '../../src/documents/rules.js';
import { fromVn } from '../../src/domain/time.js';
import { pdfText, type PdfPage } from '../helpers/pdf-text.js';

const agency: Agency = { name: 'UBND XÃ SUỐI KIẾT', unitName: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ', unitFullName: 'Trung tâm Phục vụ hành chính công xã Suối Kiết', place: 'Suối Kiết', phone: null };
const applicant = { fullName: 'Nguyễn Thị Hường', address: 'Thôn 3, xã Suối Kiết', phone: '0912345678', email: null };
const CODE = '000.00.00.H99-260302-0007';
const at = fromVn('2026-03-02', 9, 15);

/** Printed lines of a page, top to bottom (boxes on the same baseline joined left to right). */
function lines(page: PdfPage): string[] {
  const rows = new Map<number, { x: number; s: string }[]>();
  for (const b of page.boxes) {
    if (!b.str.trim()) continue;
    const y = Math.round(b.y);
    rows.set(y, [...(rows.get(y) ?? []), { x: b.x, s: b.str }]);
  }
  return [...rows.entries()].sort((a, b) => b[0] - a[0]).map(([, r]) => r.sort((a, b) => a.x - b.x).map((x) => x.s).join(' ').replace(/\s+/g, ' ').trim());
}

/** Two-syllable words of the titles that must never be split over two lines. */
const WORDS = ['TIẾP NHẬN', 'QUÁ TRÌNH', 'HỒ SƠ', 'KẾT QUẢ', 'GIẢI QUYẾT', 'GIA HẠN', 'THỜI GIAN', 'XIN LỖI', 'BỔ SUNG', 'HOÀN THIỆN', 'TỪ CHỐI', 'ĐỀ NGHỊ', 'KIỂM SOÁT', 'VĂN BẢN', 'HẸN LẠI', 'YÊU CẦU'];

function expectNoSplitWord(page: PdfPage): void {
  const ls = lines(page);
  for (let i = 0; i + 1 < ls.length; i++) {
    const pair = `${ls[i]!.split(' ').at(-1)} ${ls[i + 1]!.split(' ')[0]}`;
    expect(WORDS, `"${ls[i]}" / "${ls[i + 1]}"`).not.toContain(pair);
  }
}

async function render(kind: 'receipt' | 'supplement' | 'refusal' | 'apology' | 'control', rules: RuleSet): Promise<Buffer> {
  const common = { rules, agency, procedureCode: '1.001193', procedureName: 'Thủ tục đăng ký khai sinh', applicant };
  switch (kind) {
    case 'receipt':
      return renderReceipt({ ...common, code: CODE, components: [], setCount: 1, processingTimeText: '01 ngày làm việc', receivedAt: at, dueAt: at, delivery: 'Tại Trung tâm', register: { book: '2026', number: 7 }, receiverName: 'Trần Văn Đức' });
    case 'supplement':
      return renderSupplement({ ...common, number: '01/HDHS', reference: 'HD-260302-0001', items: [], reason: null, contact: { officer: 'Trần Văn Đức', phone: null }, guideName: 'Trần Văn Đức', issuedAt: at });
    case 'refusal':
      return renderRefusal({ ...common, reference: 'TC-260302-0001', reasons: ['Không thuộc thẩm quyền'], receiverName: 'Trần Văn Đức', issuedAt: at });
    case 'apology':
      return renderApology({ ...common, number: '01', code: CODE, receivedAt: at, dueAt: at, reason: null, newDueAt: at, issuedAt: at, signer: { name: 'Lê Văn Dẫn' } });
    case 'control':
      return renderControlSlip({ ...common, code: CODE, receivedAt: at, dueAt: at, handlingAgency: null, issuedAt: at, rows: [] });
  }
}

describe('form titles never break inside a word', () => {
  for (const rules of RULE_SETS) {
    for (const kind of ['receipt', 'supplement', 'refusal', 'apology', 'control'] as const) {
      it(`${kind} under ${rules}`, async () => {
        const page = (await pdfText(await render(kind, rules))).pages[0]!;
        expectNoSplitWord(page);
        // the whole title is printed, in order
        expect(page.text.replace(/\s+/g, ' ')).toContain(formSpec(rules, kind).title);
      });
    }
  }

  it('keeps the syllables of a known word together', () => {
    expect(titleUnits('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ')).toEqual(['PHIẾU', 'KIỂM SOÁT', 'QUÁ TRÌNH', 'GIẢI QUYẾT', 'HỒ SƠ']);
  });
});

describe('the QR code opens the citizen look-up when a template is configured', () => {
  it('fills {code} (URL-encoded) into the template, else keeps the plain payload', () => {
    expect(dossierQr('https://dichvucong.example.vn/tra-cuu?ma={code}', CODE, '1.001193')).toBe(`https://dichvucong.example.vn/tra-cuu?ma=${CODE}`);
    expect(dossierQr('https://x.example.vn/{code}', 'A B/C', null)).toBe('https://x.example.vn/A%20B%2FC');
    expect(dossierQr(null, CODE, '1.001193')).toBe(`MaHoSo:${CODE};MaTTHC:1.001193`);
  });
});

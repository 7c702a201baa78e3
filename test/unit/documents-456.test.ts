import { describe, expect, it } from 'vitest';
import { apologyNumberText, renderApology } from '../../src/documents/form04-apology.js';
import { handoverTime, renderControlSlip } from '../../src/documents/form05-control.js';
import { registerLineCells, renderRegister } from '../../src/documents/form06-register.js';
import type { Agency } from '../../src/documents/models.js';
import { type ApologyModel, type ControlSlipModel, type RegisterLine, type RegisterModel, registerBooks } from '../../src/documents/models-456.js';
import { ledgerRows } from '../../src/domain/ledger.js';
import { fromVn } from '../../src/domain/time.js';
import { allText, boxesInsidePage, isFontEmbedded, overlappingBoxes, pdfText, type PdfInfo } from '../helpers/pdf-text.js';
import { sampleDossier } from '../helpers/dossier.js';

// Fictitious people and agencies.
const agency: Agency = {
  name: 'UBND XÃ SUỐI KIẾT',
  unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
  unitFullName: 'Trung tâm Phục vụ hành chính công xã Suối Kiết',
  place: 'Suối Kiết',
  phone: '0263 3000 111',
};
const applicant = { fullName: 'Nguyễn Thị Hường', address: 'Thôn 3, xã Suối Kiết, tỉnh Lâm Đồng', phone: '0912345678', email: null };
const CODE = '000.00.00.H99-260302-0007';
const A5 = { width: 419.53, height: 595.28 };
const A4_LANDSCAPE = { width: 841.89, height: 595.28 };

function apology(over: Partial<ApologyModel> = {}): ApologyModel {
  return {
    rules: 'TT01/2018', agency, number: '05', code: CODE, procedureCode: '1.001193', procedureName: 'Thủ tục đăng ký khai sinh', applicant,
    receivedAt: fromVn('2025-03-03', 9, 15), dueAt: fromVn('2025-03-04', 16, 30), reason: 'Cần xác minh nơi sinh với Ủy ban nhân dân xã Đức Phổ',
    newDueAt: fromVn('2025-03-07', 16, 30), issuedAt: fromVn('2025-03-04', 10, 0), signer: { name: 'Lê Văn Dẫn' }, ...over,
  };
}

function control(over: Partial<ControlSlipModel> = {}): ControlSlipModel {
  return {
    rules: 'TT03/2025', agency, code: CODE, procedureCode: '1.001193', procedureName: 'Thủ tục đăng ký khai sinh', applicant,
    receivedAt: fromVn('2026-03-02', 9, 15), dueAt: fromVn('2026-03-03', 16, 30), handlingAgency: 'Văn phòng HĐND và UBND', issuedAt: fromVn('2026-03-02', 9, 20),
    rows: [
      { from: 'Trung tâm Phục vụ hành chính công', to: 'Văn phòng HĐND và UBND', handedAt: fromVn('2026-03-02', 9, 30), handedBy: 'Trần Văn Đức', receivedAt: fromVn('2026-03-02', 9, 45), receivedBy: 'Phạm Thị Ngọc Ánh', timing: 'early', note: null },
      { from: 'Văn phòng HĐND và UBND', to: 'Trung tâm Phục vụ hành chính công', handedAt: fromVn('2026-03-03', 14, 0), handedBy: 'Phạm Thị Ngọc Ánh', receivedAt: fromVn('2026-03-03', 14, 0), receivedBy: null, timing: 'late', note: 'Đã ký Giấy khai sinh' },
    ],
    ...over,
  };
}

function line(n: number): RegisterLine {
  return {
    number: n, code: `000.00.00.H99-260302-${String(n).padStart(4, '0')}`, procedureName: 'Thủ tục đăng ký khai sinh', setCount: 1,
    applicantName: n % 2 ? 'Đặng Thị Mỹ Dung' : 'Vũ Văn Tự', contact: 'Thôn 2, xã Suối Kiết; 0987654321', department: 'Văn phòng HĐND và UBND',
    receivedAt: fromVn('2026-03-02', 9, 15), dueAt: fromVn('2026-03-03', 16, 30), newDueAt: n === 3 ? fromVn('2026-03-06', 16, 30) : null,
    routedAt: fromVn('2026-03-02', 9, 30), resultAt: fromVn('2026-03-03', 14, 0), returnedAt: null, notes: n === 3 ? ['Phiếu xin lỗi số 05/PXL'] : [],
  };
}

function register(lines: RegisterLine[], over: Partial<RegisterModel> = {}): RegisterModel {
  return { rules: 'TT01/2018', agency, books: [{ book: '2026', lines }], period: { from: '2026-03-01', to: '2026-03-31' }, issuedAt: fromVn('2026-03-31', 17, 0), ...over };
}

function checkPages(info: PdfInfo, size: { width: number; height: number }): void {
  for (const page of info.pages) {
    expect(page.width).toBeCloseTo(size.width, 1);
    expect(page.height).toBeCloseTo(size.height, 1);
    expect(overlappingBoxes(page)).toEqual([]);
    expect(boxesInsidePage(page)).toBe(true);
  }
}

describe('Mẫu 04, apology', () => {
  it('prints the number, the addressee, the dates, the reason, the apology and the signer on one A5 page', async () => {
    const buf = await renderApology(apology());
    const info = await pdfText(buf);
    expect(info.pages).toHaveLength(1);
    checkPages(info, A5);
    expect(isFontEmbedded(buf)).toBe(true);
    const text = allText(info);
    for (const s of [
      'Mẫu số 04', 'PHIẾU XIN LỖI VÀ HẸN', 'LẠI NGÀY TRẢ KẾT QUẢ', 'Số: 05/PXL', `Mã hồ sơ: ${CODE}`, 'Kính gửi: Ông/Bà Nguyễn Thị Hường',
      'Ngày 03 tháng 3 năm 2025', 'Thủ tục đăng ký khai sinh', '16 giờ 30 phút, ngày 04 tháng 3 năm 2025', 'chưa trả kết quả',
      'Lý do: Cần xác minh nơi sinh với Ủy ban nhân dân xã Đức Phổ', 'xin lỗi Ông/Bà', '16 giờ 30 phút, ngày 07 tháng 3 năm 2025',
      'Nơi nhận:', 'THỦ TRƯỞNG CƠ QUAN', 'Lê Văn Dẫn', 'Thông tư số 01/2018/TT-VPCP',
    ]) expect(text).toContain(s);
    expect(info.info.Title).toContain(CODE);
  });

  it('takes the 2025 title, a configured signer and recipients', async () => {
    const info = await pdfText(await renderApology(apology({
      rules: 'TT03/2025', number: '12/PXL', reason: null, apologisingAgency: 'Phòng Kinh tế xã Suối Kiết',
      signer: { title: 'KT. CHỦ TỊCH', subtitle: 'PHÓ CHỦ TỊCH', name: 'Hồ Thị Ngữ' }, recipients: ['Như trên;', 'Lưu: VT, KT.'],
    })));
    const text = allText(info);
    for (const s of ['VĂN BẢN XIN LỖI', 'Số: 12/PXL', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Hồ Thị Ngữ', 'Phòng Kinh tế xã Suối Kiết xin lỗi', '- Lưu: VT, KT.', 'Thông tư số 03/2025/TT-VPCP'])
      expect(text).toContain(s);
    expect(text).not.toContain('THỦ TRƯỞNG CƠ QUAN');
  });

  it('formats the number', () => {
    expect(apologyNumberText('7')).toBe('Số: 7/PXL');
    expect(apologyNumberText('7/PXL')).toBe('Số: 7/PXL');
    expect(apologyNumberText(null)).toMatch(/^Số: +\/PXL$/);
  });
});

describe('Mẫu 05 (2025: 06), control slip', () => {
  it('prints the header fields and one row per hand-over on A5', async () => {
    const buf = await renderControlSlip(control());
    const info = await pdfText(buf);
    checkPages(info, A5);
    expect(isFontEmbedded(buf)).toBe(true);
    const text = allText(info);
    for (const s of [
      'Mẫu số 06', 'PHIẾU KIỂM SOÁT QUÁ', 'TRÌNH GIẢI QUYẾT HỒ SƠ', `Mã hồ sơ: ${CODE}`, 'Chủ hồ sơ: Nguyễn Thị Hường',
      'Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 02 tháng 3 năm 2026', 'Thời gian trả kết quả: 16 giờ 30 phút, ngày 03 tháng 3 năm 2026',
      'Địa chỉ: Thôn 3', 'Cơ quan (bộ phận) giải quyết hồ sơ: Văn phòng HĐND và UBND',
      'TÊN CƠ QUAN', 'THỜI GIAN GIAO, NHẬN HỒ SƠ', 'KẾT QUẢ GIẢI', 'GHI CHÚ', 'Người giao', 'Người nhận',
      'Phạm Thị Ngọc Ánh', 'Trần Văn Đức', 'Trước hạn', 'Quá hạn', 'Đã ký Giấy', '09 giờ 45 phút',
    ]) expect(text).toContain(s);
    expect(text.match(/1\. Giao:/g)!.length).toBeGreaterThanOrEqual(4); // name column and time column, two rows
  });

  it('numbers it 05 under TT 01/2018 and flows many hand-overs onto more pages', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ ...control().rows[0]!, note: `Lần chuyển thứ ${i + 1}` }));
    const info = await pdfText(await renderControlSlip(control({ rules: 'TT01/2018', rows })));
    checkPages(info, A5);
    expect(info.pages.length).toBeGreaterThan(1);
    const text = allText(info);
    expect(text).toContain('Mẫu số 05');
    for (let i = 1; i <= 7; i++) expect(text).toContain(`Lần chuyển thứ ${i}`);
    expect(info.pages[1]!.text).toContain('(tiếp theo)');
    expect(info.pages[1]!.text).toContain('TÊN CƠ QUAN'); // header row repeated
    expect(info.pages.at(-1)!.text).toContain(`Trang ${info.pages.length}/${info.pages.length}`);
  });

  it('leaves blank rows to fill in by hand when nothing was handed over yet', async () => {
    const info = await pdfText(await renderControlSlip(control({ rows: [] })));
    expect(info.pages).toHaveLength(1);
    expect(allText(info)).toContain('…… giờ …… phút');
    expect(handoverTime(fromVn('2026-03-02', 7, 5))).toBe('07 giờ 05 phút, ngày 02/03/2026');
  });
});

describe('Mẫu 06 (2025: 07), register', () => {
  it('prints an A4 landscape register, one row per dossier, over several pages', async () => {
    const buf = await renderRegister(register(Array.from({ length: 20 }, (_, i) => line(i + 1))));
    const info = await pdfText(buf);
    checkPages(info, A4_LANDSCAPE);
    expect(isFontEmbedded(buf)).toBe(true);
    expect(info.pages.length).toBeGreaterThan(1);
    const text = allText(info);
    for (const s of ['Mẫu số 06', 'SỔ THEO DÕI HỒ SƠ', 'Quyển số: 2026', 'Từ ngày 01/03/2026 đến ngày 31/03/2026', 'Số thứ tự', 'Mã hồ sơ', 'Ký nhận', 'Ghi chú', 'Đặng Thị Mỹ Dung', 'Vũ Văn Tự', 'Phiếu xin lỗi số 05/PXL', 'hẹn lại', 'Tổng số: 20 hồ sơ.'])
      expect(text).toContain(s);
    for (let n = 1; n <= 20; n++) expect(text).toContain(`000.00.00.H99-260302-${String(n).padStart(4, '0')} `); // never split
    expect(info.pages[1]!.text).toContain('Số thứ tự'); // header row repeated
    expect(info.pages[1]!.text).toContain('(tiếp theo)');
  });

  it('numbers it 07 under TT 03/2025, one sheet per book, and says when a book is empty', async () => {
    const info = await pdfText(await renderRegister(register([], { rules: 'TT03/2025', books: [{ book: '2025', lines: [line(1)] }, { book: '2026', lines: [] }], period: null })));
    checkPages(info, A4_LANDSCAPE);
    expect(info.pages).toHaveLength(2);
    expect(info.pages[0]!.text).toContain('Mẫu số 07');
    expect(info.pages[0]!.text).toContain('Quyển số: 2025');
    expect(info.pages[1]!.text).toContain('Quyển số: 2026');
    expect(info.pages[1]!.text).toContain('Không có hồ sơ nào trong kỳ');
  });

  it('builds its lines from the domain register rows', () => {
    const d = { ...sampleDossier(), register: { book: '2026', number: 42 } };
    const [book] = registerBooks(ledgerRows([d]));
    expect(book!.book).toBe('2026');
    const cells = registerLineCells(book!.lines[0]!);
    expect(cells.slice(0, 2)).toEqual(['42', d.code]);
    expect(cells[5]).toBe('Thôn 1, xã Suối Kiết; 0912345678');
    expect(cells[7]).toBe('02/03/2026\n09:00');
  });
});

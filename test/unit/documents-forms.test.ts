import { describe, expect, it } from 'vitest';
import { fromVn } from '../../src/domain/time.js';
import { renderReceipt, RECEIPT_COPIES } from '../../src/documents/form01-receipt.js';
import { renderSupplement } from '../../src/documents/form02-supplement.js';
import { renderRefusal } from '../../src/documents/form03-refusal.js';
import type { Agency, ComponentLine, ReceiptModel, RefusalModel, SupplementModel } from '../../src/documents/models.js';
import { rulesInForce } from '../../src/documents/rules.js';
import {
  allText, boxesInsidePage, isFontEmbedded, normaliseText, overlappingBoxes, pdfText, type PdfInfo,
} from '../helpers/pdf-text.js';

// Fictitious people and documents.
const agency: Agency = {
  name: 'UBND XÃ SUỐI KIẾT',
  unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
  unitFullName: 'Trung tâm Phục vụ hành chính công xã Suối Kiết',
  place: 'Suối Kiết',
  phone: '0263 3000 111',
};

const components: ComponentLine[] = [
  { name: 'Tờ khai đăng ký khai sinh theo mẫu', quantity: 1, copy: 'Bản chính' },
  { name: 'Giấy chứng sinh do Trạm y tế xã cấp cho bà Đỗ Thị Mỹ Hạnh', quantity: 1, copy: 'Bản chính' },
  { name: 'Văn bản ủy quyền cho ông Vũ Văn Tự (ký tên Lê Văn Dẫn)', quantity: 1, copy: 'Bản sao chứng thực', note: 'xuất trình bản chính' },
  { name: 'Giấy tờ của bà Hồ Thị Ngữ, ông Phạm Văn Mận và bà Đặng Thị Lộc', quantity: null, copy: null },
];

function receipt(over: Partial<ReceiptModel> = {}): ReceiptModel {
  return {
    rules: rulesInForce('2026-03-02'),
    agency,
    code: '000.00.00.H41-260302-0007',
    procedureCode: '1.001193',
    procedureName: 'Thủ tục đăng ký khai sinh',
    applicant: { fullName: 'Nguyễn Thị Hường', address: 'Thôn 3, xã Suối Kiết, tỉnh Lâm Đồng', phone: '0912345678', email: 'huong@example.com' },
    components,
    setCount: 1,
    processingTimeText: '01 ngày làm việc',
    receivedAt: fromVn('2026-03-02', 9, 15),
    dueAt: fromVn('2026-03-03', 16, 30),
    delivery: 'Tại Trung tâm Phục vụ hành chính công xã Suối Kiết',
    register: { book: '01/2026', number: 125 },
    receiverName: 'Trần Văn Đức',
    ...over,
  };
}

const supplement: SupplementModel = {
  rules: rulesInForce('2025-03-02'),
  agency: { ...agency, unitName: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ', unitFullName: 'Bộ phận tiếp nhận và trả kết quả UBND xã Suối Kiết' },
  number: '12/HDHS',
  reference: 'SK-250302-007',
  procedureCode: '1.000894',
  procedureName: 'Thủ tục đăng ký kết hôn',
  applicant: { fullName: 'Trần Văn Đức', address: null, phone: '0987654321', email: null },
  items: [
    { name: 'Giấy xác nhận tình trạng hôn nhân của bà Đặng Thị Mỹ Dung', quantity: 1, copy: 'Bản chính', reason: 'Chưa nộp' },
    { name: 'Tờ khai đăng ký kết hôn', quantity: 1, copy: 'Bản chính', reason: 'Thiếu chữ ký của bên nữ', note: 'ký trước mặt cán bộ' },
  ],
  reason: 'Hồ sơ chưa đầy đủ theo quy định',
  contact: { officer: 'bà Lê Thị Ngọc Ánh', phone: '0263 3000 222' },
  guideName: 'Lê Thị Ngọc Ánh',
  issuedAt: fromVn('2025-03-02', 10, 5),
};

const refusal: RefusalModel = {
  rules: 'TT03/2025',
  agency,
  reference: 'SK-260302-011',
  procedureCode: '2.001035',
  procedureName: 'Chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở',
  applicant: { fullName: 'Phạm Thị Mỹ Dung', address: 'Thôn Gia Huynh, xã Suối Kiết', phone: null, email: null },
  reasons: ['Tài sản không thuộc thẩm quyền chứng thực của xã.', 'Người yêu cầu chứng thực không xuất trình được giấy tờ tùy thân còn giá trị (ông Vũ Hữu Lự).'],
  receiverName: 'Trần Văn Đức',
  issuedAt: fromVn('2026-03-02', 14, 0),
};

const A5 = { width: 419.53, height: 595.28 };

function expectA5AndClean(info: PdfInfo): void {
  for (const page of info.pages) {
    expect(page.width).toBeCloseTo(A5.width, 1);
    expect(page.height).toBeCloseTo(A5.height, 1);
    expect(overlappingBoxes(page)).toEqual([]);
    expect(boxesInsidePage(page)).toBe(true);
  }
}

function expectEmbeddedNoto(buf: Buffer): void {
  const raw = buf.toString('latin1');
  expect(isFontEmbedded(buf)).toBe(true);
  expect(raw).toContain('/FontFile2');
  expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerif/);
  expect(raw).not.toContain('/Helvetica');
  expect(raw).not.toContain('/Times-Roman');
}

describe('pdf-text helper', () => {
  it('detects text printed over text and text off the page', () => {
    const box = (x: number, y: number) => ({ str: 'x', x, y, width: 20, height: 9 });
    const page = { text: '', width: 100, height: 100, boxes: [box(10, 10), box(25, 14), box(10, 30)] };
    expect(overlappingBoxes(page)).toHaveLength(1);
    expect(boxesInsidePage(page)).toBe(true);
    expect(boxesInsidePage({ ...page, boxes: [box(90, 10)] })).toBe(false);
  });
});

describe('Mẫu 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả', () => {
  it('prints two copies with every field, in Vietnamese, on A5', async () => {
    const buf = await renderReceipt(receipt());
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = await pdfText(buf);
    expect(info.pages).toHaveLength(2);
    expectA5AndClean(info);
    expectEmbeddedNoto(buf);
    RECEIPT_COPIES.forEach((copy, i) => {
      const text = (info.pages[i] as { text: string }).text;
      expect(text).toContain(copy);
      expect(text).toContain('Mẫu số 01');
      expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
      expect(text).toContain('Mã hồ sơ: 000.00.00.H41-260302-0007');
      expect(text).toContain('UBND XÃ SUỐI KIẾT');
      expect(text).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG');
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).toContain('Suối Kiết, ngày 02 tháng 3 năm 2026');
      expect(text).toContain('Tiếp nhận hồ sơ của: Nguyễn Thị Hường');
      expect(text).toContain('Địa chỉ: Thôn 3, xã Suối Kiết, tỉnh Lâm Đồng');
      expect(text).toContain('Số điện thoại: 0912345678');
      expect(text).toContain('Email: huong@example.com');
      expect(text).toContain('Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh');
      for (const c of components) expect(text).toContain(normaliseText(c.name));
      expect(text).toContain('Bản sao chứng thực: 01 bản');
      expect(text).toContain('2. Số lượng hồ sơ: 01 (bộ)');
      expect(text).toContain('3. Thời gian giải quyết hồ sơ theo quy định là: 01 ngày làm việc');
      expect(text).toContain('4. Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 02 tháng 3 năm 2026');
      expect(text).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 03 tháng 3 năm 2026');
      expect(text).toContain('6. Đăng ký nhận kết quả tại: Tại Trung tâm Phục vụ hành chính công xã Suối Kiết');
      expect(text).toContain('Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026, Số thứ tự: 125');
      expect(text).toContain('NGƯỜI NỘP HỒ SƠ');
      expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
      expect(text).toContain('Trần Văn Đức');
      expect(text).toContain('03/2025/TT-VPCP');
    });
    expect(info.pages[0]?.text).not.toContain('Liên 2');
  });

  it('sets the metadata from the model and renders reproducibly', async () => {
    const a = await renderReceipt(receipt());
    const b = await renderReceipt(receipt());
    expect(a.equals(b)).toBe(true);
    const { info } = await pdfText(a);
    expect(info['Title']).toBe('Giấy tiếp nhận hồ sơ và hẹn trả kết quả – 000.00.00.H41-260302-0007');
    expect(info['Author']).toBe('Trung tâm Phục vụ hành chính công xã Suối Kiết');
    expect(String(info['CreationDate'])).toMatch(/^D:20260302021500/); // 09:15 in Vietnam
  });

  it('flows a 25-component list onto further pages without overlap, in both copies', async () => {
    const long: ComponentLine[] = Array.from({ length: 25 }, (_, i) => ({
      name: `Giấy tờ số ${i + 1} của ông Đỗ Hữu Lự và bà Vũ Thị Mỹ Dẫn, bản ghi đầy đủ ỗ ữ ặ ậ ẫ ự ỹ`,
      quantity: (i % 3) + 1,
      copy: i % 2 ? 'Bản sao' : 'Bản chính',
    }));
    const buf = await renderReceipt(receipt({ components: long }));
    const info = await pdfText(buf);
    expect(info.pages.length).toBeGreaterThanOrEqual(4);
    expectA5AndClean(info);
    const liên2 = info.pages.findIndex((p) => p.text.includes('(Liên 2: Giao người nộp hồ sơ)'));
    expect(liên2).toBeGreaterThanOrEqual(2);
    const copies = [info.pages.slice(0, liên2), info.pages.slice(liên2)];
    for (const pages of copies) {
      const text = pages.map((p) => p.text).join(' ');
      for (const c of long) expect(text).toContain(c.name);
      expect(text).toContain('Vào Sổ theo dõi hồ sơ, Quyển số: 01/2026, Số thứ tự: 125');
      expect(pages[0]?.text).not.toContain(long[24]?.name);
      expect(pages[1]?.text).toContain('(tiếp theo)');
      expect(pages[0]?.text).toContain(`Trang 1/${pages.length}`);
      // Each component is printed once per copy.
      expect(text.split(long[24]?.name ?? '?').length - 1).toBe(1);
    }
  });

  it('leaves dotted lines for unknown contact data and prints the TT 01/2018 basis', async () => {
    const buf = await renderReceipt(
      receipt({
        rules: rulesInForce('2025-09-14'),
        applicant: { fullName: 'Lữ Thị Ẫn', address: null, phone: null, email: null },
        components: [],
      }),
    );
    const text = allText(await pdfText(buf));
    expect(text).toContain('Lữ Thị Ẫn');
    expect(text).toContain('01/2018/TT-VPCP');
    expect(text).not.toContain('03/2025/TT-VPCP');
    expect(text).toMatch(/Địa chỉ: Số điện thoại: Email: Nội dung/);
  });

  it('keeps every letter extractable in later documents (fonts shared between documents)', async () => {
    // The first document subsets composite glyphs (Ộ = O + marks…) in every style; the second
    // uses the plain letters in the same styles.
    const vietnamese = 'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ';
    // Words of six letters, so that lines wrap between words.
    const all = (vietnamese + vietnamese.toLowerCase()).replace(/(.{6})/gu, '$1 ').trim();
    await renderReceipt(receipt({ applicant: { fullName: all, address: all, phone: null, email: null }, receiverName: all }));
    const ascii = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789';
    const buf = await renderReceipt(receipt({ applicant: { fullName: ascii, address: ascii, phone: null, email: null }, receiverName: ascii }));
    const text = allText(await pdfText(buf));
    expect(text).toContain(`Tiếp nhận hồ sơ của: ${ascii}`);
    expect(text).toContain(`Địa chỉ: ${ascii}`);
    const again = allText(await pdfText(await renderReceipt(receipt({ applicant: { fullName: all, address: null, phone: null, email: null } }))));
    expect(again).toContain(`Tiếp nhận hồ sơ của: ${all}`);
  });

  it('renders quickly once warm', async () => {
    await renderReceipt(receipt());
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await renderReceipt(receipt({ code: `000.00.00.H41-260302-00${10 + i}` }));
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const median = times[2] ?? Infinity;
    console.info(`Mẫu 01 render (2 copies, 4 components): median ${median.toFixed(1)} ms`);
    expect(median).toBeLessThan(500);
  });
});

describe('Mẫu 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', () => {
  it('lists everything to complete, the reason and whom to contact', async () => {
    const buf = await renderSupplement(supplement);
    const info = await pdfText(buf);
    expect(info.pages).toHaveLength(1);
    expectA5AndClean(info);
    expectEmbeddedNoto(buf);
    const text = allText(info);
    expect(text).toContain('Mẫu số 02');
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text).toContain('Số: 12/HDHS');
    expect(text).toContain('BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ');
    expect(text).toContain('Suối Kiết, ngày 02 tháng 3 năm 2025');
    expect(text).toContain('Tiếp nhận hồ sơ của Ông/Bà: Trần Văn Đức');
    expect(text).toContain('Nội dung yêu cầu giải quyết: Thủ tục đăng ký kết hôn');
    expect(text).toContain('Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:');
    for (const it of supplement.items) {
      expect(text).toContain(it.name);
      expect(text).toContain(it.reason);
    }
    expect(text).toContain('ký trước mặt cán bộ');
    expect(text).toContain('Lý do: Hồ sơ chưa đầy đủ theo quy định');
    expect(text).toContain('liên hệ với bà Lê Thị Ngọc Ánh, số điện thoại 0263 3000 222');
    expect(text).toContain('NGƯỜI HƯỚNG DẪN');
    expect(text).toContain('Lê Thị Ngọc Ánh');
    expect(text).toContain('01/2018/TT-VPCP');
  });

  it('repeats the table header when 30 items overflow the page', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({
      name: `Giấy tờ thứ ${i + 1} của bà Nguyễn Thị Mỹ Hường`,
      quantity: 1,
      copy: 'Bản chính',
      reason: 'Bản đã nộp bị mờ, không đọc được chữ ký của người yêu cầu',
    }));
    const info = await pdfText(await renderSupplement({ ...supplement, items }));
    expect(info.pages.length).toBeGreaterThanOrEqual(2);
    expectA5AndClean(info);
    for (const page of info.pages.slice(0, -1)) expect(page.text).toContain('Thành phần hồ sơ');
    const text = allText(info);
    for (const it of items) expect(text).toContain(it.name);
    expect(text).toContain('NGƯỜI HƯỚNG DẪN');
  });
});

describe('Mẫu 03, Phiếu từ chối tiếp nhận giải quyết hồ sơ', () => {
  it('states the reasons and the closing sentence', async () => {
    const buf = await renderRefusal(refusal);
    const info = await pdfText(buf);
    expect(info.pages).toHaveLength(1);
    expectA5AndClean(info);
    expectEmbeddedNoto(buf);
    const text = allText(info);
    expect(text).toContain('Mẫu số 03');
    expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('Tiếp nhận hồ sơ của: Phạm Thị Mỹ Dung');
    expect(text).toContain(`Nội dung yêu cầu giải quyết: ${refusal.procedureName}`);
    expect(text).toContain(
      'Qua xem xét, Trung tâm Phục vụ hành chính công xã Suối Kiết thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
    );
    for (const r of refusal.reasons) expect(text).toContain(r);
    expect(text).toContain('Xin thông báo cho Ông/Bà được biết và thực hiện./.');
    expect(text).toContain('NGƯỜI NỘP HỒ SƠ');
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(text).toContain('Trần Văn Đức');
    expect(text).toContain('(Số tham chiếu: SK-260302-011)');
    expect(text).toContain('03/2025/TT-VPCP');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripDiacritics } from '../../src/domain/text.js';
import { type SearchDoc, createSearchIndex, searchIndex, searchProcedures } from '../../src/catalog/search.js';

const DOCS: SearchDoc[] = [
  { code: '1.000689', name: 'Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con', field: 'Hộ tịch' },
  { code: '1.004884', name: 'Thủ tục đăng ký lại khai sinh', field: 'Hộ tịch' },
  { code: '1.001193', name: 'Thủ tục đăng ký khai sinh', field: 'Hộ tịch' },
  { code: '3.000722', name: 'Liên thông điện tử: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế, cấp thẻ căn cước cho trẻ em dưới 6 tuổi', field: 'Thủ tục hành chính liên thông' },
  { code: '1.000894', name: 'Thủ tục đăng ký kết hôn', field: 'Hộ tịch' },
  { code: '1.004873', name: 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân', field: 'Hộ tịch' },
  { code: '2.000815', name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', field: 'Chứng thực' },
  { code: '2.000635', name: 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh', field: 'Hộ tịch' },
  { code: '1.004859', name: 'Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc', field: 'Hộ tịch', aliases: ['Thủ tục cải chính hộ tịch'] },
  { code: '1.001612', name: 'Đăng ký thành lập hộ kinh doanh', field: 'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)' },
];

const codes = (q: string, limit = 10) => searchProcedures(DOCS, q, limit).map((h) => h.code);

describe('catalog search', () => {
  it('puts 1.001193 first for "dang ky khai sinh", with or without diacritics and in any case', () => {
    for (const q of ['dang ky khai sinh', 'đăng ký khai sinh', 'ĐĂNG KÝ KHAI SINH', 'Dang Ky Khai Sinh', '  dang   ky khai sinh ']) {
      const got = codes(q);
      expect(got[0], q).toBe('1.001193');
      expect(got).toContain('1.004884');
      expect(got).toContain('1.000689');
    }
  });

  it('ranks the more specific procedures by how well they match', () => {
    expect(codes('dang ky lai khai sinh')[0]).toBe('1.004884');
    expect(codes('khai sinh nhận cha mẹ con')[0]).toBe('1.000689');
    expect(codes('ket hon')[0]).toBe('1.000894');
    expect(codes('xac nhan tinh trang hon nhan')[0]).toBe('1.004873');
    expect(codes('chứng thực bản sao')[0]).toBe('2.000815');
    expect(codes('trich luc')[0]).toBe('2.000635');
  });

  it('ranks a code typed in full or as a prefix first', () => {
    expect(codes('1.001193')[0]).toBe('1.001193');
    expect(codes('1001193')[0]).toBe('1.001193');
    expect(codes('1.0011')).toEqual(['1.001193']);
    expect(codes('2.000')).toEqual(['2.000635', '2.000815']);
    expect(codes('1.004')).toEqual(['1.004859', '1.004873', '1.004884']);
  });

  it('matches word prefixes and aliases, and weighs the name above the field', () => {
    expect(codes('kinh doa')[0]).toBe('1.001612');
    expect(codes('cai chinh')[0]).toBe('1.004859');
    // "hộ tịch" is the field of most procedures but the name of 2.000635 and 1.004859.
    const got = codes('ho tich');
    expect(['2.000635', '1.004859']).toContain(got[0]);
    expect(new Set(got.slice(0, 2))).toEqual(new Set(['2.000635', '1.004859']));
  });

  it('returns nothing for empty or unmatched queries and honours the limit', () => {
    expect(codes('')).toEqual([]);
    expect(codes('   ')).toEqual([]);
    expect(codes('zzzz qqqq')).toEqual([]);
    expect(codes('khai sinh', 2)).toHaveLength(2);
    expect(searchProcedures(DOCS, 'khai sinh', 0).length).toBeGreaterThan(2);
  });

  it('is stable: equal scores are ordered by code', () => {
    const docs: SearchDoc[] = [
      { code: '9.000002', name: 'Alpha beta', field: 'X' },
      { code: '9.000001', name: 'Alpha beta', field: 'X' },
    ];
    expect(searchProcedures(docs, 'alpha').map((h) => h.code)).toEqual(['9.000001', '9.000002']);
  });

  const VOCAB = ['đăng', 'ký', 'khai', 'sinh', 'tử', 'kết', 'hôn', 'chứng', 'thực', 'bản', 'sao', 'giám', 'hộ', 'nhà', 'ở', 'đất', 'đai', 'cấp', 'giấy', 'phép'];
  const nameArb = fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 7 }).map((w) => w.join(' '));
  const docsArb = fc.uniqueArray(nameArb, { minLength: 1, maxLength: 12 }).map((names) =>
    names.map((name, i) => ({ code: `9.${String(i + 100000).padStart(6, '0')}`, name, field: 'Thử nghiệm' })),
  );

  it('property: ignoring diacritics and case never changes the result', () => {
    fc.assert(
      fc.property(docsArb, nameArb, (docs, q) => {
        const index = createSearchIndex(docs);
        expect(searchIndex(index, stripDiacritics(q).toUpperCase(), 0)).toEqual(searchIndex(index, q, 0));
      }),
    );
  });

  it('property: a procedure searched by its exact name comes first', () => {
    fc.assert(
      fc.property(docsArb, fc.nat(), (docs, n) => {
        const doc = docs[n % docs.length]!;
        expect(searchProcedures(docs, doc.name, 1)[0]?.code).toBe(doc.code);
      }),
    );
  });

  it('property: a procedure searched by its code comes first', () => {
    fc.assert(
      fc.property(docsArb, fc.nat(), (docs, n) => {
        const doc = docs[n % docs.length]!;
        expect(searchProcedures(docs, doc.code, 1)[0]?.code).toBe(doc.code);
      }),
    );
  });
});

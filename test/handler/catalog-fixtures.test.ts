import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DIR, loadCatalogSync, parseProcedureFile } from '../../src/catalog/loader.js';
import type { Procedure } from '../../src/catalog/schema.js';

/** The 20 commune procedures whose portal records are in shared/reference/tthc/. */
const PORTAL = [
  '1.000656', '1.000689', '1.000894', '1.001022', '1.001193', '1.001612', '1.002211', '1.004837', '1.004859', '1.004873',
  '1.004884', '1.005461', '1.011606', '1.013225', '1.013978', '2.000635', '2.000815', '2.000884', '2.001035', '2.001406',
];
const HO_TICH_BARE = ['1.001193', '1.000894', '1.000656', '1.001022', '1.000689', '1.004873', '1.004884', '1.005461', '1.004859'];

const catalog = loadCatalogSync({});
const get = (code: string): Procedure => catalog.require(code);

describe('built-in procedure files', () => {
  it('every file is valid and named after its code', () => {
    const files = readdirSync(BUILTIN_DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const f of files) {
      const p = parseProcedureFile(readFileSync(path.join(BUILTIN_DIR, f), 'utf8'), f);
      expect(f).toBe(`${p.code}.json`);
    }
    expect(catalog.size).toBe(files.length);
  });

  it('holds the 20 portal procedures with their source address, crawl path and decision', () => {
    for (const code of PORTAL) {
      const p = get(code);
      expect(p.source.url, code).toMatch(/^https:\/\/dichvucong\.gov\.vn\/thu-tuc-hanh-chinh\/019d2/);
      expect(p.source.crawl, code).toContain(`${code}.json`);
      expect(p.decision, code).not.toBeNull();
      expect(p.components.length, code).toBeGreaterThan(0);
      expect(p.result.length, code).toBeGreaterThan(0);
      expect(p.legalBasis.length, code).toBeGreaterThan(0);
    }
    expect(get('1.001193').name).toBe('Thủ tục đăng ký khai sinh');
    expect(get('1.001193').decision).toBe('163/QĐ-BTP');
    expect(get('2.000815').decision).toBe('3152/QĐ-BTP');
    expect(get('1.013978').decision).toBe('3380/QĐ-BNNMT');
  });

  it('keeps the bare-number hộ tịch times as working days with the unit marked as not stated', () => {
    for (const code of HO_TICH_BARE) {
      const pt = get(code).processingTime;
      for (const t of [pt.inPerson, pt.online, pt.postal]) {
        expect(t, code).not.toBeNull();
        expect(t!.unit).toBe('working-days');
        expect(t!.unitStated, code).toBe(false);
      }
      expect(get(code).unconfirmed.join(' '), code).toMatch(/[Đđ]ơn vị/);
    }
    expect(get('1.001193').processingTime.inPerson?.value).toBe(1);
    expect(get('1.004884').processingTime.online?.value).toBe(5);
    expect(get('1.004837').processingTime.postal).toMatchObject({ value: 3, unit: 'working-days', unitStated: true });
    expect(get('1.013225').processingTime).toMatchObject({ inPerson: { value: 15, unit: 'days' }, online: { value: 20, unit: 'days' } });
    expect(get('1.013978').processingTime).toMatchObject({ online: { value: 17 }, postal: { value: 20 }, inPerson: { value: 27 } });
    expect(get('2.000635').processingTime).toEqual({ inPerson: null, online: null, postal: null });
  });

  it('records the 15:00 cut-off only where the record states it', () => {
    const withCutoff = catalog.all().filter((p) => p.cutoff !== null).map((p) => p.code);
    expect(withCutoff).toEqual(['1.000656', '1.001193', '1.004859', '2.000635', '3.000722']);
    expect(get('1.004859').cutoffCondition).toMatch(/bổ sung thông tin hộ tịch/);
    expect(get('2.000815').cutoff).toBeNull();
  });

  it('keeps the fee description, amounts and exemptions', () => {
    expect(get('1.000656').fee).toMatchObject({ label: 'Miễn phí', setByProvince: true });
    expect(get('1.000656').fee.text).toContain('Hội đồng nhân dân tỉnh');
    expect(get('1.000656').fee.exemptions).toContain('Đăng ký khai tử đúng hạn');
    expect(get('2.000635').fee.amounts[0]).toMatchObject({ amountVnd: 8000 });
    expect(get('2.000815').fee.amounts.map((a) => a.amountVnd)).toEqual([2000, 1000, 200000, null]);
    expect(get('2.000884').fee.amounts[0]).toMatchObject({ amountVnd: 10000, per: 'trường hợp' });
    expect(get('2.001035').fee.amounts[0]).toMatchObject({ amountVnd: 50000, per: 'giao dịch' });
    expect(get('2.001035').fee.exemptions[0]).toContain('55/2015');
    const hkd = get('1.001612').fee.amounts;
    expect(hkd.find((a) => a.channel === 'in-person')?.amountVnd).toBe(50000);
    expect(hkd.find((a) => a.channel === 'online')?.amountVnd).toBe(150000);
  });

  it('gives stable component ids, conditions for optional papers and the "0 bản chính" rules as guidance', () => {
    const ks = get('1.001193');
    expect(ks.components.map((c) => c.id)).toEqual([
      'to-khai', 'mau-dien-tu', 'giay-chung-sinh', 'bien-ban-bo-roi', 'xac-nhan-mang-thai-ho', 'uy-quyen', 'giay-to-tuy-than', 'cu-tru', 'ban-sao-xuat-trinh',
    ]);
    expect(ks.components.find((c) => c.id === 'bien-ban-bo-roi')).toMatchObject({ required: false, condition: 'Trẻ em bị bỏ rơi' });
    expect(ks.components.find((c) => c.id === 'giay-to-tuy-than')).toMatchObject({ kind: 'present', channels: ['in-person'] });
    expect(ks.guidance.some((g) => g.includes('VneID'))).toBe(true);
    expect(ks.guidance.some((g) => g.includes('không được yêu cầu nộp bản sao'))).toBe(true);
    for (const p of catalog.all()) {
      for (const c of p.components) {
        expect(c.id, p.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        if (!c.required) expect(c.condition, `${p.code} ${c.id}`).not.toBeNull();
      }
      for (const g of p.guidance) expect(g.endsWith(':'), `${p.code}: ${g}`).toBe(false);
    }
  });

  it('marks the Chỉ thị 24 online-only services and leaves unknowns null', () => {
    const online = catalog.all().filter((p) => p.paperAllowed === false).map((p) => p.code);
    expect(online).toEqual(['1.000656', '1.000894', '1.001193', '3.000722']);
    expect(get('1.001193').onlineLevel).toBeNull();
    expect(get('1.010833').onlineLevel).toBe('một phần');
    expect(get('1.014028').components).toEqual([]);
    expect(get('1.014028').unconfirmed).toContain('Thành phần hồ sơ');
  });

  it('splits multi-case procedures into variants', () => {
    const land = get('1.013978');
    expect(land.variants.map((v) => v.id)).toEqual(['ho-gia-dinh-ca-nhan', 'nguoi-goc-viet-nam', 'da-co-thong-bao']);
    expect(land.components.find((c) => c.id === 'don-dang-ky')?.variants).toHaveLength(3);
    const permit = get('1.013225');
    const house = permit.components.filter((c) => c.variants?.includes('nha-o-rieng-le')).map((c) => c.id);
    expect(house).toEqual(expect.arrayContaining(['don-de-nghi', 'giay-to-dat-dai', 'ban-ve-ho-gia-dinh', 'cam-ket-lien-ke']));
  });
});

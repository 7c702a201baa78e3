import { describe, expect, it } from 'vitest';
import { POSTAL_TARIFF_TT22_2017, POSTAL_ZONES, postageText, postalPrice, postalZoneLabels, type PostalZone } from '../../src/domain/postal.js';

describe('postal zone labels after districts were abolished (1/7/2025)', () => {
  it.each(['2025-07-01', '2026-03-02'])('no label says "huyện" or "district" on %s', (date) => {
    for (const m of Object.values(postalZoneLabels(date))) {
      expect(m.vi).not.toMatch(/huyện/i);
      expect(m.en).not.toMatch(/district/i);
    }
  });
  it('before 1/7/2025 the TT 22/2017 names stay, and the zone codes are the same', () => {
    expect(postalZoneLabels('2025-06-30')['same-district'].vi).toBe('Nội tỉnh, cùng huyện');
    expect(Object.keys(postalZoneLabels('2026-01-01'))).toEqual(Object.keys(POSTAL_ZONES));
  });
});

describe('the postage line', () => {
  const zone: PostalZone = 'same-district';
  it('reads "tối đa 26.000 đồng" for a ceiling tariff, without a one-term sum', () => {
    expect(POSTAL_TARIFF_TT22_2017.ceiling).toBe(true);
    expect(postageText(postalPrice({ direction: 'return', zone, weightGrams: 100 }), true)).toBe('tối đa 26.000 đồng');
    expect(postageText(postalPrice({ direction: 'return', zone, weightGrams: 100 }), false)).toBe('26.000 đồng');
    expect(postageText(postalPrice({ direction: 'return', zone, weightGrams: 100 }), true, 'en')).toBe('at most 26.000 VND');
  });
  it('shows the sum only when there are several amounts', () => {
    expect(postageText(postalPrice({ direction: 'return', zone: 'region-1-to-3', weightGrams: 1200 }), true)).toBe('tối đa 58.400 đồng (39.000 + 19.400)');
  });
});

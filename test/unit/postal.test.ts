import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  POSTAL_TARIFF_TT22_2017,
  POSTAL_ZONES,
  type PostalDirection,
  type PostalTariff,
  type PostalZone,
  formatVnd,
  postalPrice,
} from '../../src/domain/postal.js';

const ZONES = Object.keys(POSTAL_ZONES) as PostalZone[];

// regulations.md §4, the Thông tư 22/2017/TT-BTTTT table, column by column.
const TABLE: Record<string, number[]> = {
  'send 100': [26_000, 30_000, 30_500, 31_000, 31_500],
  'send 250': [26_000, 30_000, 31_000, 34_000, 38_000],
  'return 100': [26_000, 30_000, 30_500, 31_000, 31_500],
  'return 250': [27_000, 31_000, 32_000, 35_000, 39_000],
  step: [2_200, 2_900, 3_600, 6_300, 9_700],
};

describe('postalPrice: the TT 22/2017 table', () => {
  const cases: [PostalDirection, PostalZone, number, number][] = [];
  for (const dir of ['send', 'return'] as const) {
    ZONES.forEach((zone, i) => {
      cases.push([dir, zone, 1, TABLE[`${dir} 100`]![i]!]);
      cases.push([dir, zone, 100, TABLE[`${dir} 100`]![i]!]);
      cases.push([dir, zone, 101, TABLE[`${dir} 250`]![i]!]);
      cases.push([dir, zone, 250, TABLE[`${dir} 250`]![i]!]);
      cases.push([dir, zone, 251, TABLE[`${dir} 250`]![i]! + TABLE.step![i]!]);
      cases.push([dir, zone, 750, TABLE[`${dir} 250`]![i]! + TABLE.step![i]!]);
      cases.push([dir, zone, 751, TABLE[`${dir} 250`]![i]! + 2 * TABLE.step![i]!]);
      cases.push([dir, zone, 2_250, TABLE[`${dir} 250`]![i]! + 4 * TABLE.step![i]!]);
    });
  }
  it.each(cases)('%s %s %i g → %i VND', (direction, zone, weightGrams, price) => {
    expect(postalPrice({ direction, zone, weightGrams }).priceVnd).toBe(price);
  });

  it('explains the sum', () => {
    const r = postalPrice({ direction: 'send', zone: 'region-1-to-3', weightGrams: 900 });
    expect(r.priceVnd).toBe(57_400);
    expect(r.breakdown).toBe('38.000 + 2 × 9.700 = 57.400 VND');
    expect(r.lines.map((l) => l.amountVnd)).toEqual([38_000, 19_400]);
    expect(r.lines[0]?.label.vi).toBe('Cước gửi hồ sơ, 100–250 g');
    expect(r.lines[1]?.label.en).toBe('2 × further 500 g (650 g over 250 g)');
  });

  it('adds the 8,000 VND fee-forwarding charge only when asked', () => {
    const without = postalPrice({ direction: 'return', zone: 'same-district', weightGrams: 80 });
    expect(without.priceVnd).toBe(26_000);
    const withFee = postalPrice({ direction: 'return', zone: 'same-district', weightGrams: 80, extras: { feeForwarding: true } });
    expect(withFee.priceVnd).toBe(34_000);
    expect(withFee.breakdown).toBe('26.000 + 8.000 = 34.000 VND');
    expect(withFee.lines[1]?.label.en).toBe('Fee forwarding (local notice)');
  });

  it('takes a commune tariff instead of the national one', () => {
    const flat: Record<PostalZone, number> = Object.fromEntries(ZONES.map((z) => [z, 20_000])) as Record<PostalZone, number>;
    const local: PostalTariff = {
      source: 'test tariff',
      brackets: [{ upToGrams: 500, price: { send: flat, return: flat } }],
      extraStepGrams: 1_000,
      extraStepPrice: Object.fromEntries(ZONES.map((z) => [z, 5_000])) as Record<PostalZone, number>,
      feeForwardingVnd: null,
    };
    expect(postalPrice({ direction: 'send', zone: 'other-district', weightGrams: 1_600 }, local).priceVnd).toBe(30_000);
    expect(() => postalPrice({ direction: 'send', zone: 'other-district', weightGrams: 10, extras: { feeForwarding: true } }, local)).toThrow(RangeError);
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the weight %s', (w) => {
    expect(() => postalPrice({ direction: 'send', zone: 'same-district', weightGrams: w })).toThrow(RangeError);
  });

  it('refuses an unknown zone', () => {
    expect(() => postalPrice({ direction: 'send', zone: 'moon' as PostalZone, weightGrams: 10 })).toThrow(RangeError);
  });

  it('has a bilingual label for every zone', () => {
    for (const z of ZONES) expect(POSTAL_ZONES[z].vi && POSTAL_ZONES[z].en).toBeTruthy();
    expect(ZONES).toEqual(['same-district', 'other-district', 'inter-province-same-region', 'region-1-3-to-2', 'region-1-to-3']);
  });

  it('formats VND with dots', () => {
    expect(formatVnd(0)).toBe('0');
    expect(formatVnd(999)).toBe('999');
    expect(formatVnd(31_500)).toBe('31.500');
    expect(formatVnd(1_234_567)).toBe('1.234.567');
  });
});

describe('postalPrice: properties', () => {
  const dir = fc.constantFrom<PostalDirection>('send', 'return');
  const zone = fc.constantFrom(...ZONES);
  const weight = fc.integer({ min: 1, max: 30_000 });

  it('never decreases when the weight grows', () => {
    fc.assert(
      fc.property(dir, zone, weight, weight, (d, z, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(postalPrice({ direction: d, zone: z, weightGrams: lo }).priceVnd).toBeLessThanOrEqual(postalPrice({ direction: d, zone: z, weightGrams: hi }).priceVnd);
      }),
    );
  });

  it('above 250 g is the 250 g price plus whole steps, and the lines add up', () => {
    fc.assert(
      fc.property(dir, zone, fc.integer({ min: 251, max: 30_000 }), (d, z, w) => {
        const r = postalPrice({ direction: d, zone: z, weightGrams: w, extras: { feeForwarding: true } });
        const base = POSTAL_TARIFF_TT22_2017.brackets[1]!.price[d][z];
        const step = POSTAL_TARIFF_TT22_2017.extraStepPrice[z];
        expect((r.priceVnd - base - 8_000) % step).toBe(0);
        expect(r.lines.reduce((s, l) => s + l.amountVnd, 0)).toBe(r.priceVnd);
        expect(r.breakdown.endsWith(`= ${formatVnd(r.priceVnd)} VND`)).toBe(true);
      }),
    );
  });
});

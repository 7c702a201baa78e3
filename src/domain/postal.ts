/**
 * Maximum postal prices for sending a dossier / returning a result through the public postal
 * service, Thông tư 22/2017/TT-BTTTT (regulations.md §4, vinhphuc.gov.vn summary), one way,
 * per dossier, VND.
 *
 * UNCONFIRMED, hence data and explicit inputs rather than rules:
 * - what "same district / other district" means since districts were abolished (1/7/2025): the
 *   zone is an input chosen by the operator, never derived from addresses;
 * - the regions (1, 2, 3) of each province are not in the reference: again the zone is an input;
 * - "each further 500 g" is charged per started 500 g above 250 g (usual postal practice; the
 *   rounding clause itself was not read);
 * - the 8,000 VND fee-forwarding charge is a local notice (Khánh Hòa), not national: an optional
 *   named extra, and `null` in a tariff that does not have it.
 * A commune overrides the whole table by passing its own `PostalTariff`. Pure.
 */
import type { Msg } from '../i18n/index.js';

export type PostalDirection = 'send' | 'return';
export type PostalZone =
  | 'same-district'
  | 'other-district'
  | 'inter-province-same-region'
  | 'region-1-3-to-2'
  | 'region-1-to-3';

export const POSTAL_ZONES: Readonly<Record<PostalZone, Msg>> = {
  'same-district': { vi: 'Nội tỉnh, cùng huyện', en: 'Within the province, same district' },
  'other-district': { vi: 'Nội tỉnh, khác huyện', en: 'Within the province, other district' },
  'inter-province-same-region': { vi: 'Liên tỉnh, cùng vùng', en: 'Between provinces, same region' },
  'region-1-3-to-2': { vi: 'Vùng 1 hoặc vùng 3 đến vùng 2 (và ngược lại)', en: 'Region 1 or 3 to region 2 (and back)' },
  'region-1-to-3': { vi: 'Vùng 1 đến vùng 3 (và ngược lại)', en: 'Region 1 to region 3 (and back)' },
};

/**
 * The same zones named for dates from 1/7/2025, when districts no longer exist (two-level local
 * government): how TT 22/2017's "nội huyện / liên huyện" levels apply since is UNCONFIRMED, so the
 * zone stays an input chosen by the operator and its label names the price level, never a district.
 */
export const POSTAL_ZONES_SINCE_2025_07: Readonly<Record<PostalZone, Msg>> = {
  ...POSTAL_ZONES,
  'same-district': { vi: 'Nội tỉnh, mức giá thứ nhất (gần)', en: 'Within the province, first price level (near)' },
  'other-district': { vi: 'Nội tỉnh, mức giá thứ hai (xa)', en: 'Within the province, second price level (far)' },
};

/** The zone labels in use on a date (`YYYY-MM-DD`): no "huyện" from 1/7/2025. */
export function postalZoneLabels(date: string): Readonly<Record<PostalZone, Msg>> {
  return date < '2025-07-01' ? POSTAL_ZONES : POSTAL_ZONES_SINCE_2025_07;
}

type ZonePrices = Readonly<Record<PostalZone, number>>;

export interface PostalTariff {
  source: string;
  /** The prices are maximums (a ceiling the postal operator may go under): quotes say "tối đa". */
  ceiling?: boolean;
  /** Ascending weight brackets; a weight takes the first bracket whose limit it does not exceed. */
  brackets: ReadonlyArray<{ upToGrams: number; price: Readonly<Record<PostalDirection, ZonePrices>> }>;
  /** Above the last bracket: this price for each started step. */
  extraStepGrams: number;
  extraStepPrice: ZonePrices;
  /** Optional local fee-forwarding charge per dossier; null when the tariff has none. */
  feeForwardingVnd: number | null;
}

export const POSTAL_TARIFF_TT22_2017: PostalTariff = {
  source: 'Thông tư 22/2017/TT-BTTTT (maximum prices); fee forwarding: local notice (vnpost.vn, Khánh Hòa)',
  ceiling: true,
  brackets: [
    {
      upToGrams: 100,
      price: {
        send: { 'same-district': 26_000, 'other-district': 30_000, 'inter-province-same-region': 30_500, 'region-1-3-to-2': 31_000, 'region-1-to-3': 31_500 },
        return: { 'same-district': 26_000, 'other-district': 30_000, 'inter-province-same-region': 30_500, 'region-1-3-to-2': 31_000, 'region-1-to-3': 31_500 },
      },
    },
    {
      upToGrams: 250,
      price: {
        send: { 'same-district': 26_000, 'other-district': 30_000, 'inter-province-same-region': 31_000, 'region-1-3-to-2': 34_000, 'region-1-to-3': 38_000 },
        return: { 'same-district': 27_000, 'other-district': 31_000, 'inter-province-same-region': 32_000, 'region-1-3-to-2': 35_000, 'region-1-to-3': 39_000 },
      },
    },
  ],
  extraStepGrams: 500,
  extraStepPrice: { 'same-district': 2_200, 'other-district': 2_900, 'inter-province-same-region': 3_600, 'region-1-3-to-2': 6_300, 'region-1-to-3': 9_700 },
  feeForwardingVnd: 8_000,
};

export interface PostalPriceInput {
  direction: PostalDirection;
  zone: PostalZone;
  weightGrams: number;
  /** Named extras; only added when asked for. */
  extras?: { feeForwarding?: boolean };
}

export interface PostalPriceLine {
  label: Msg;
  amountVnd: number;
}

export interface PostalPrice {
  priceVnd: number;
  /** The sum as a language-neutral formula, e.g. `38.000 + 2 × 9.700 = 57.400 VND`. */
  breakdown: string;
  /** The same, one labelled line per amount, for people-facing output. */
  lines: PostalPriceLine[];
}

/** VND amounts the Vietnamese way: `38.000`. */
export function formatVnd(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function postalPrice(input: PostalPriceInput, tariff: PostalTariff = POSTAL_TARIFF_TT22_2017): PostalPrice {
  const { direction, zone, weightGrams } = input;
  if (!Number.isFinite(weightGrams) || weightGrams <= 0) throw new RangeError(`weightGrams must be a positive number: ${weightGrams}`);
  if (!Object.hasOwn(POSTAL_ZONES, zone)) throw new RangeError(`unknown postal zone: ${String(zone)}`);
  const last = tariff.brackets[tariff.brackets.length - 1];
  if (last === undefined) throw new RangeError('the postal tariff has no weight brackets');

  const lines: PostalPriceLine[] = [];
  const parts: string[] = [];
  const bracket = tariff.brackets.find((b) => weightGrams <= b.upToGrams) ?? last;
  const index = tariff.brackets.indexOf(bracket);
  const from = index === 0 ? 0 : (tariff.brackets[index - 1]?.upToGrams ?? 0);
  const base = bracket.price[direction][zone];
  const dirVi = direction === 'send' ? 'gửi hồ sơ' : 'chuyển trả kết quả';
  const dirEn = direction === 'send' ? 'sending the dossier' : 'returning the result';
  const range = index === 0 ? `≤ ${bracket.upToGrams} g` : `${from}–${bracket.upToGrams} g`;
  lines.push({ label: { vi: `Cước ${dirVi}, ${range}`, en: `Postage for ${dirEn}, ${range}` }, amountVnd: base });
  parts.push(formatVnd(base));

  let total = base;
  if (weightGrams > last.upToGrams) {
    const steps = Math.ceil((weightGrams - last.upToGrams) / tariff.extraStepGrams);
    const stepPrice = tariff.extraStepPrice[zone];
    total += steps * stepPrice;
    lines.push({
      label: {
        vi: `${steps} × ${tariff.extraStepGrams} g tiếp theo (${weightGrams - last.upToGrams} g trên ${last.upToGrams} g)`,
        en: `${steps} × further ${tariff.extraStepGrams} g (${weightGrams - last.upToGrams} g over ${last.upToGrams} g)`,
      },
      amountVnd: steps * stepPrice,
    });
    parts.push(`${steps} × ${formatVnd(stepPrice)}`);
  }
  if (input.extras?.feeForwarding) {
    if (tariff.feeForwardingVnd === null) throw new RangeError('this postal tariff has no fee-forwarding charge');
    total += tariff.feeForwardingVnd;
    lines.push({ label: { vi: 'Cước chuyển phí, lệ phí hồ sơ (theo thông báo địa phương)', en: 'Fee forwarding (local notice)' }, amountVnd: tariff.feeForwardingVnd });
    parts.push(formatVnd(tariff.feeForwardingVnd));
  }
  return { priceVnd: total, breakdown: `${parts.join(' + ')} = ${formatVnd(total)} VND`, lines };
}

/**
 * The quote as people read it: "tối đa 26.000 đồng" (a ceiling), "26.000 đồng" otherwise; the sum
 * is shown only when there is more than one amount ("tối đa 57.400 đồng (38.000 + 19.400)").
 */
export function postageText(p: Pick<PostalPrice, 'priceVnd' | 'lines'>, ceiling: boolean, lang: 'vi' | 'en' = 'vi'): string {
  const sum = p.lines.length > 1 ? ` (${p.lines.map((l) => formatVnd(l.amountVnd)).join(' + ')})` : '';
  if (lang === 'en') return `${ceiling ? 'at most ' : ''}${formatVnd(p.priceVnd)} VND${sum}`;
  return `${ceiling ? 'tối đa ' : ''}${formatVnd(p.priceVnd)} đồng${sum}`;
}

import { POSTAL_TARIFF_TT22_2017, type PostalZone, postalPrice } from '../domain/postal.js';

/** What the received event records for a postal return: zone, weight and the postage quoted to the citizen. */
export interface PostalQuote {
  zone: PostalZone | null;
  weightGrams: number | null;
  /** The return postage quoted at the counter (VND), printed on Mẫu 01. */
  quotedVnd?: number;
  /** The tariff is a ceiling ("tối đa"). */
  ceiling?: boolean;
  tariff?: string;
}

/** The quote at reception (TT 22/2017, return direction). */
export function postalQuote(zone: PostalZone | null, weightGrams: number | null): PostalQuote {
  if (!zone || !weightGrams) return { zone, weightGrams };
  const tariff = POSTAL_TARIFF_TT22_2017;
  return { zone, weightGrams, quotedVnd: postalPrice({ direction: 'return', zone, weightGrams }, tariff).priceVnd, ceiling: tariff.ceiling ?? false, tariff: 'TT 22/2017/TT-BTTTT' };
}

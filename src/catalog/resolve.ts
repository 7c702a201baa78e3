import type { Msg } from '../i18n/index.js';
import type { SearchHit } from './search.js';

/** What the resolver needs from the catalogue (src/catalog/loader.ts `Catalog`). */
export interface ResolvableCatalog {
  get(code: string): { code: string; name: string } | undefined;
  all(): readonly { code: string; name: string }[];
  search(words: string, limit?: number): SearchHit[];
}

/**
 * A procedure named the way the guidance desk types it: a full code (`1.001193`), a unique end of a
 * code (`001193`, `1193`), or search words without diacritics (`dang ky khai sinh`), accepted when
 * the catalogue's search ranks one procedure clearly first (`CLEAR_LEAD` points ahead of the next:
 * "khai sinh" alone is as close to "đăng ký lại khai sinh" as to "đăng ký khai sinh"). Otherwise
 * the candidates are named.
 */
export const CLEAR_LEAD = 10;

export function resolveProcedure(catalog: ResolvableCatalog, text: string): { ok: true; value: string } | { ok: false; message: Msg } {
  const q = text.trim();
  const exact = catalog.get(q);
  if (exact) return { ok: true, value: exact.code };
  const list = (xs: readonly { code: string; name: string }[]) => xs.slice(0, 4).map((p) => `${p.code} (${p.name})`).join('; ');
  if (/^[0-9.]+$/.test(q)) {
    const ends = catalog.all().filter((p) => p.code.endsWith(q));
    if (ends.length === 1) return { ok: true, value: ends[0]!.code };
    if (ends.length > 1) return { ok: false, message: { vi: `"${q}" là phần cuối của nhiều mã: ${list(ends)}`, en: `"${q}" ends several codes: ${list(ends)}` } };
  }
  const hits = catalog.search(q, 4);
  if (hits.length > 0 && (hits.length === 1 || hits[0]!.score >= hits[1]!.score + CLEAR_LEAD)) return { ok: true, value: hits[0]!.code };
  if (hits.length > 0) {
    const names = list(hits.map((h) => catalog.get(h.code)!));
    return { ok: false, message: { vi: `"${q}" khớp nhiều thủ tục, ghi rõ mã: ${names}`, en: `"${q}" matches several procedures; give the code: ${names}` } };
  }
  return { ok: false, message: { vi: `không có thủ tục nào khớp "${q}" (gov-desk catalog search)`, en: `no procedure matches "${q}" (gov-desk catalog search)` } };
}

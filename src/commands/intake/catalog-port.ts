import type { Context } from '../../context.js';
import type { Procedure } from '../../catalog/schema.js';
import { formatVnd } from '../../domain/postal.js';
import type { Lang } from '../../i18n/index.js';
import { tr } from '../../i18n/index.js';
import { channelText } from '../format.js';
import { cutoffCaption, MARK_LEGEND, timeCaption, UNCONFIRMED_MARK } from '../../catalog/captions.js';

export type ProcedureInfo = Procedure;

/** What the intake needs from the catalogue, plus the one-line texts it shows about a procedure. */
export interface CatalogPort {
  require(code: string): ProcedureInfo;
  search(words: string, limit: number): ProcedureInfo[];
  describe(p: ProcedureInfo, lang: Lang): string;
  details(p: ProcedureInfo, lang: Lang): string[];
  guidance(p: ProcedureInfo): string[];
}

/** The time limit as an operator says it: per case where it depends on the case, else the record's figure. */
export function timeText(p: ProcedureInfo, lang: Lang): string {
  const cases = p.variants.filter((v) => v.processingTime);
  if (cases.length > 0) return cases.map((v) => `${v.name}: ${timeCaption(v.processingTime!, lang)}`).join('; ');
  return timeCaption(p.processingTime.inPerson ?? p.processingTime.online ?? p.processingTime.postal, lang);
}

export function feeText(p: ProcedureInfo): string {
  const amounts = p.fee.amounts.filter((a) => a.amountVnd !== null).map((a) => `${a.label}: ${formatVnd(a.amountVnd!)} đ`);
  return [p.fee.label, ...amounts].filter(Boolean).join('; ') || '—';
}

/** The catalogue of a home folder, or of the desk a context works on (its shared database's own procedures). */
export async function loadCatalogPort(where: string | Pick<Context, 'home' | 'now' | 'env' | 'cwd'>): Promise<CatalogPort> {
  const { loadCatalog } = await import('../../catalog/loader.js');
  const catalog = typeof where === 'string' ? await loadCatalog({ home: where }) : await (await import('../../store/overrides.js')).loadCatalogFor(where);
  return {
    require: (code) => catalog.require(code),
    search: (words, limit) => (words.trim() ? catalog.search(words, limit).map((h) => catalog.require(h.code)) : catalog.all().slice(0, limit)),
    describe: (p, lang) => `${p.field} · ${timeText(p, lang)} · ${feeText(p)}`,
    details: (p, lang) => {
      const L = (vi: string, en: string) => tr(lang, { vi, en });
      const out = [
        `${L('Lĩnh vực', 'Field')}: ${p.field}`,
        `${L('Thời hạn', 'Time limit')}: ${timeText(p, lang)}${cutoffCaption(p, lang) ? `; ${cutoffCaption(p, lang)}` : ''}`,
        `${L('Phí, lệ phí', 'Fee')}: ${feeText(p)}`,
        `${L('Mức độ trực tuyến', 'Online level')}: ${p.onlineLevel ?? L('chưa xác nhận', 'unconfirmed')} · ${L('Kênh', 'Channels')}: ${(p.channels ?? []).map((c) => tr(lang, channelText(c))).join(', ') || '—'}`,
      ];
      if (p.fee.text) out.push(`  ${p.fee.text}`);
      for (const ex of p.fee.exemptions) out.push(`  ${L('Miễn', 'Exempt')}: ${ex}`);
      if (out.some((l) => l.includes(UNCONFIRMED_MARK))) out.push(tr(lang, MARK_LEGEND, { code: p.code }));
      return out;
    },
    guidance: (p) => p.guidance,
  };
}

/** What every way of recording guidance shares: who helped, which procedure, which dossier, the save. */
import type { Context } from '../../context.js';
import { matchOperator, findOperator, isPersonName, profileOperators } from '../../config/operators.js';
import { resolveProcedure } from '../../catalog/resolve.js';
import { guidanceCounterKey, guidanceRef, type GuidanceDraft, type GuidanceProblem, type Lookup } from '../../domain/guidance/check.js';
import type { GuidanceRecord } from '../../domain/guidance/types.js';
import { failure, usageError } from '../../errors.js';
import { type Msg, tr } from '../../i18n/index.js';
import { terminalSafe } from '../../domain/text.js';
import { openStore, type Store } from '../../store/index.js';

/**
 * The team member who helped: `--member` (or a batch row's `member`) as a profile operator's id or
 * name, or a person's full name; without one, the operator of the desk (GOV_DESK_OPERATOR, the
 * session's choice, the profile's default). Never the computer's login.
 */
export function memberLookup(ctx: Pick<Context, 'env' | 'home' | 'now'>, value: unknown): Lookup {
  if (typeof value === 'string' && value.trim()) {
    const v = value.trim().normalize('NFC');
    const known = matchOperator(profileOperators(ctx.home).operators, v);
    if (known) return { ok: true, value: known.fullName };
    if (isPersonName(v)) return { ok: true, value: v };
    return { ok: false, message: { vi: `"${v}" không phải cán bộ trong hồ sơ cấu hình, cũng không phải họ và tên của một người`, en: `"${v}" is neither an operator of the profile nor a person's full name` } };
  }
  const found = findOperator(ctx);
  if (found) return { ok: true, value: found.name };
  return { ok: false, message: { vi: 'chưa biết thành viên tổ nào hỗ trợ: thêm --member "Họ và tên" (hoặc mã cán bộ) hoặc đặt GOV_DESK_OPERATOR', en: 'no team member named: add --member "Full Name" (or an operator id) or set GOV_DESK_OPERATOR' } };
}

export interface GuideEnv {
  store: Store;
  procedure(text: string): Lookup;
  procedureName(code: string): string | undefined;
  /** Procedures for search words without diacritics, best first. */
  search(words: string, limit: number): { code: string; name: string }[];
  /** The full code of a dossier named by its code or a unique end of it, or undefined. */
  dossier(code: string): Promise<{ code: string; channel: string } | undefined>;
}

export async function guideEnv(ctx: Context): Promise<GuideEnv> {
  const [{ loadCatalog }, store] = await Promise.all([import('../../catalog/loader.js'), openStore(ctx)]);
  const catalog = await loadCatalog({ home: ctx.home });
  return {
    store,
    procedure: (text) => resolveProcedure(catalog, text),
    procedureName: (code) => catalog.get(code)?.name,
    search: (words, limit) => catalog.search(words, limit).map((h) => catalog.get(h.code)!),
    dossier: async (code) => {
      const hit = await store.getDossier(code.trim());
      if (hit) return { code: hit.dossier.code, channel: hit.dossier.channel };
      const ends = (await store.openDossiers()).filter((d) => d.code.endsWith(code.trim()));
      return ends.length === 1 ? { code: ends[0]!.code, channel: ends[0]!.channel } : undefined;
    },
  };
}

/** The draft's dossier replaced by its full code; a problem when no dossier has that code. */
export async function linkDossier(env: GuideEnv, d: GuidanceDraft, problems: GuidanceProblem[], warn: (m: Msg) => void): Promise<GuidanceDraft> {
  if (!d.dossier) return d;
  const found = await env.dossier(d.dossier);
  if (!found) {
    problems.push({ field: 'dossier', message: { vi: `không có hồ sơ nào mã "${d.dossier}"`, en: `no dossier with code "${d.dossier}"` } });
    return d;
  }
  if (d.kinds.includes('assisted') && found.channel !== 'online') warn({ vi: `Lưu ý: hồ sơ ${found.code} không tiếp nhận qua kênh trực tuyến.`, en: `Note: dossier ${found.code} was not received through the online channel.` });
  return { ...d, dossier: found.code };
}

export function invalidGuidance(_lang: Context['lang'], problems: { line?: number; field: string; message: Msg }[]) {
  const flag = (f: string) => `--${f.replace(/_/g, '-')}`;
  // one line per problem: the lines are joined here, each made terminal-safe (a var would escape the newlines)
  const text = (lang: 'vi' | 'en') => problems.map((p) => terminalSafe(`${p.line !== undefined ? `${tr(lang, { vi: 'dòng', en: 'line' })} ${p.line}: ${p.field}` : flag(p.field)}: ${tr(lang, p.message)}`)).join('\n  ');
  return usageError('INVALID_INPUT', { vi: `Dữ liệu không hợp lệ, không ghi gì:\n  ${text('vi')}`, en: `Invalid input, nothing written:\n  ${text('en')}` }, { details: problems });
}

/**
 * Save the records in one transaction: each gets the next reference of its day (`HT-YYMMDD-NNNN`,
 * counter `guide-YYMMDD`), so two desks recording at once never share one. All or nothing.
 */
export function saveGuidance(store: Store, drafts: readonly GuidanceDraft[]): Promise<GuidanceRecord[]> {
  return store.tx(async (t) => {
    const out: GuidanceRecord[] = [];
    for (const d of drafts) {
      if (d.dossier && !(await t.dossier(d.dossier))) {
        throw failure('DOSSIER_UNKNOWN', { vi: 'Không có hồ sơ mã {code}.', en: 'No dossier {code}.' }, { vars: { code: d.dossier } });
      }
      const at = new Date(d.at);
      const rec: GuidanceRecord = { id: guidanceRef(at, await t.nextNumber('sequence', guidanceCounterKey(at))), ...d, desk: store.desk };
      await t.putGuidance(rec);
      out.push(rec);
    }
    return out;
  });
}

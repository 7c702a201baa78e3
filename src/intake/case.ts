import { usageError } from '../errors.js';
import { caseRequired, type ProcedureLike } from './snapshot.js';

/**
 * The case chosen at intake (`--case`): must be one of the procedure's variants, and must be given
 * where the time limit depends on it (1.013225: 15 days for nhà ở riêng lẻ, 20 otherwise). Pure.
 */
export function checkCase(p: Pick<ProcedureLike, 'code' | 'variants'>, variant: string | null): string | null {
  const list = (p.variants ?? []).map((v) => `${v.id} (${v.name})`).join(', ');
  if (variant === null) {
    if (!caseRequired(p)) return null;
    throw usageError('CASE_REQUIRED', {
      vi: '--case: thời hạn giải quyết của thủ tục {code} tùy trường hợp; hãy chọn trường hợp.',
      en: '--case: the time limit of procedure {code} depends on the case; choose the case.',
    }, { vars: { code: p.code }, hint: { vi: `Các trường hợp: ${list}`, en: `Cases: ${list}` } });
  }
  if ((p.variants ?? []).some((v) => v.id === variant)) return variant;
  throw usageError('CASE_UNKNOWN', {
    vi: '--case: thủ tục {code} không có trường hợp "{id}".',
    en: '--case: procedure {code} has no case "{id}".',
  }, { vars: { code: p.code, id: variant }, hint: list ? { vi: `Các trường hợp: ${list}`, en: `Cases: ${list}` } : { vi: 'Thủ tục này không chia trường hợp; bỏ --case.', en: 'This procedure has no cases; leave --case out.' } });
}

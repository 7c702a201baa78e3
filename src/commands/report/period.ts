/** Flags shared by `report` and `ledger`: the period and the dossiers it needs. */
import type { Context } from '../../context.js';
import type { Dossier } from '../../domain/dossier/types.js';
import { formatVnDate, type IsoDate } from '../../domain/time.js';
import { usageError } from '../../errors.js';
import { openStore, type Store } from '../../store/index.js';
import { parseDateOption } from '../date-option.js';

/** `--from`/`--to`: `YYYY-MM-DD` or `dd/mm/yyyy`; undefined when the flag is absent. */
export function dateFlag(opts: Record<string, unknown>, name: 'from' | 'to'): IsoDate | undefined {
  const v = opts[name];
  if (v === undefined || v === false) return undefined;
  return parseDateOption(v, `--${name}`);
}

/** `--by`: one of `list`, or null when absent; anything else is exit 2 naming the choices. */
export function groupByFlag<T extends string>(v: unknown, list: readonly T[]): T | null {
  if (v === undefined) return null;
  if (typeof v === 'string' && (list as readonly string[]).includes(v)) return v as T;
  throw usageError('USAGE', { vi: '--by không hợp lệ: {v}. Chọn một trong: {list}', en: 'Invalid --by: {v}. One of: {list}' }, { vars: { v: String(v), list: list.join(', ') } });
}

export function checkOrder(from: IsoDate | undefined, to: IsoDate | undefined): void {
  if (from && to && to < from) {
    throw usageError('USAGE', { vi: '--to ({to}) trước --from ({from}).', en: '--to ({to}) is before --from ({from}).' }, {
      vars: { from: formatVnDate(from), to: formatVnDate(to) },
    });
  }
}

/** Years from `fromYear` to `toYear`, inclusive. */
export function yearRange(fromYear: number, toYear: number): number[] {
  const out: number[] = [];
  for (let y = fromYear; y <= toYear; y++) out.push(y);
  return out;
}

/**
 * The dossiers of the active file and of the archive years given (all years when `years` is
 * undefined). The archive is filed by year of receipt; an open copy wins over an archived one.
 */
export async function readDossiers(ctx: Context, years?: number[], given?: Store): Promise<Dossier[]> {
  const repo = given ?? (await openStore(ctx));
  const open = await repo.openDossiers();
  const byCode = new Map<string, Dossier>();
  for await (const d of repo.archived(years)) byCode.set(d.code, d);
  for (const d of open) byCode.set(d.code, d);
  return [...byCode.values()];
}

import type { Lang, Msg } from '../i18n/index.js';
import { tr } from '../i18n/index.js';

/**
 * Captions of catalogue facts as an operator says them ("1 ngày làm việc", "1 working day"). A
 * fact the record does not give is not printed as one: a bare number stays the record's number
 * with the short UNCONFIRMED mark, explained by `catalog show CODE --details`. Pure.
 */

/** The one short mark for what the sources leave UNCONFIRMED. */
export const UNCONFIRMED_MARK = '(?)';

export const MARK_LEGEND: Msg = {
  vi: `${UNCONFIRMED_MARK} chưa xác nhận; giải thích: gov-desk catalog show {code} --details`,
  en: `${UNCONFIRMED_MARK} unconfirmed; explained by: gov-desk catalog show {code} --details`,
};

export interface TimeFacts {
  value: number;
  unit: 'working-days' | 'days' | 'hours';
  unitStated?: boolean;
  text?: string | null;
}

/** "0,5" in Vietnamese, "0.5" in English; whole numbers as they are. */
export function formatNumber(n: number, lang: Lang): string {
  return lang === 'vi' ? String(n).replace('.', ',') : String(n);
}

const UNITS: Record<TimeFacts['unit'], { vi: string; one: string; many: string }> = {
  'working-days': { vi: 'ngày làm việc', one: 'working day', many: 'working days' },
  days: { vi: 'ngày', one: 'day', many: 'days' },
  hours: { vi: 'giờ', one: 'hour', many: 'hours' },
};

/** "1 ngày làm việc", "15 ngày", "trong ngày"; a bare number as the record gives it, with the mark. */
export function timeCaption(t: TimeFacts | null, lang: Lang): string {
  if (!t) return tr(lang, { vi: 'không có thông tin', en: 'not given' });
  if (t.unitStated === false) return `${t.text ?? formatNumber(t.value, lang)} ${UNCONFIRMED_MARK}`;
  if (t.value === 0 && t.unit === 'working-days') return tr(lang, { vi: 'trong ngày', en: 'the same day' });
  const u = UNITS[t.unit];
  const n = formatNumber(t.value, lang);
  return lang === 'vi' ? `${n} ${u.vi}` : `${n} ${t.value <= 1 ? u.one : u.many}`;
}

/** What the cut-off does, in the record's terms. */
export function cutoffCaption(p: { cutoff: string | null; cutoffRule?: string }, lang: Lang): string | null {
  if (!p.cutoff) return null;
  return p.cutoffRule === 'result-next-working-day'
    ? tr(lang, { vi: `nhận sau ${p.cutoff}: trả kết quả trong ngày làm việc tiếp theo`, en: `received after ${p.cutoff}: the result within the next working day` })
    : tr(lang, { vi: `nhận sau ${p.cutoff}: tính từ ngày làm việc tiếp theo`, en: `received after ${p.cutoff}: counted from the next working day` });
}

import { type Context, printJson, t, writeErr, writeOut } from '../../context.js';
import type { DayInfo, SourceRef } from '../../domain/calendar/types.js';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from '../../domain/calendar/working-days.js';
import { parseDateInput } from '../../domain/identity.js';
import { type IsoDate, addDays, formatVnDate, parseIsoDate, weekdayOf } from '../../domain/time.js';
import { usageError } from '../../errors.js';
import type { Lang, Msg } from '../../i18n/index.js';
import type { HandlerInput } from '../types.js';

/** Upper bound for `calendar add`: about four years of working days. */
export const MAX_WORKING_DAYS = 1000;

const WEEKDAYS: Record<Lang, string[]> = {
  vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

const TEXT = {
  badDate: { vi: 'Ngày không hợp lệ: "{value}". Dùng dạng dd/mm/yyyy hoặc YYYY-MM-DD, năm {min}–{max}.', en: 'Invalid date: "{value}". Use dd/mm/yyyy or YYYY-MM-DD, years {min}–{max}.' },
  badDateHint: { vi: 'Ví dụ: gov-desk calendar add 2026-04-24 3', en: 'Example: gov-desk calendar add 2026-04-24 3' },
  badCount: { vi: 'Số ngày làm việc không hợp lệ: "{value}". Phải là số nguyên từ 0 đến {max}.', en: 'Invalid number of working days: "{value}". It must be an integer from 0 to {max}.' },
  badYear: { vi: 'Năm không hợp lệ: "{value}". Dùng một năm từ {min} đến {max}.', en: 'Invalid year: "{value}". Use a year from {min} to {max}.' },
  outOfRange: { vi: 'Kết quả vượt quá phạm vi lịch ({min}–{max}).', en: 'The result falls outside the calendar range ({min}–{max}).' },
  addLine: {
    vi: '{weekday}, {date}: ngày làm việc thứ {n} sau {fromWeekday}, {from}.',
    en: '{weekday} {date}: working day {n} after {fromWeekday} {from}.',
  },
  skipped: { vi: 'Ngày nghỉ bỏ qua (ngoài cuối tuần): {list}', en: 'Days off skipped (besides weekends): {list}' },
  notWorking: { vi: 'Lưu ý: {date} không phải ngày làm việc.', en: 'Note: {date} is not a working day.' },
  title: { vi: 'Lịch nghỉ năm {year}: {kind}', en: 'Days off in {year}: {kind}' },
  kindOfficial: { vi: 'lịch chính thức', en: 'official schedule' },
  kindStatutory: { vi: 'tính theo luật (CHƯA CHÍNH THỨC)', en: 'computed from the law (NOT OFFICIAL)' },
  daysOff: { vi: 'Ngày nghỉ:', en: 'Days off:' },
  workingDays: { vi: 'Ngày làm việc bù:', en: 'Make-up working days:' },
  none: { vi: '  (không có)', en: '  (none)' },
  sources: { vi: 'Nguồn:', en: 'Sources:' },
  unconfirmed: { vi: 'chưa xác minh', en: 'unconfirmed' },
  amended: { vi: 'Bổ sung của địa phương: {files}', en: 'Local amendments: {files}' },
} satisfies Record<string, Msg>;

const SOURCE_LABEL: Record<DayInfo['source'], Msg> = {
  official: { vi: 'chính thức', en: 'official' },
  statutory: { vi: 'theo luật', en: 'statutory' },
  local: { vi: 'địa phương', en: 'local' },
  'make-up': { vi: 'làm bù', en: 'make-up' },
  weekend: { vi: 'cuối tuần', en: 'weekend' },
  weekday: { vi: 'ngày thường', en: 'weekday' },
};

const weekdayName = (lang: Lang, d: IsoDate): string => WEEKDAYS[lang][weekdayOf(d)]!;
const yearOf = (d: IsoDate): number => parseIsoDate(d)[0];
const inRange = (y: number): boolean => y >= CALENDAR_MIN_YEAR && y <= CALENDAR_MAX_YEAR;
const rangeVars = { min: CALENDAR_MIN_YEAR, max: CALENDAR_MAX_YEAR };

function parseDateArg(value: string | undefined): IsoDate {
  const v = (value ?? '').trim();
  const r = parseDateInput(v);
  if (!r.ok || !inRange(yearOf(r.value))) {
    throw usageError('CALENDAR_BAD_DATE', TEXT.badDate, { hint: TEXT.badDateHint, vars: { value: v, ...rangeVars } });
  }
  return r.value;
}

function parseCountArg(value: string | undefined): number {
  const v = (value ?? '').trim();
  const n = /^\d{1,7}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n > MAX_WORKING_DAYS) {
    throw usageError('CALENDAR_BAD_COUNT', TEXT.badCount, { hint: TEXT.badDateHint, vars: { value: v, max: MAX_WORKING_DAYS } });
  }
  return n;
}

function printWarnings(ctx: Context, warnings: string[]): void {
  for (const w of warnings) writeErr(ctx, `${ctx.lang === 'vi' ? 'Cảnh báo' : 'Warning'}: ${w}`);
}

/** `gov-desk calendar add DATE N [--json]` */
export async function calendarAdd(ctx: Context, { args, opts }: HandlerInput): Promise<number> {
  const from = parseDateArg(args[0]);
  const n = parseCountArg(args[1]);
  const { calendar } = await (await import('../../store/overrides.js')).loadCalendarFor(ctx);
  let date: IsoDate;
  try {
    date = calendar.addWorkingDays(from, n);
  } catch (e) {
    if (e instanceof RangeError) throw usageError('CALENDAR_OUT_OF_RANGE', TEXT.outOfRange, { vars: rangeVars, cause: e });
    throw e;
  }
  const years: number[] = [];
  for (let y = yearOf(from); y <= yearOf(date); y++) years.push(y);
  const official = years.every((y) => calendar.official(y));
  printWarnings(ctx, calendar.warnings(years, ctx.lang));

  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, from, workingDays: n, date, official });
    return 0;
  }
  writeOut(ctx, date);
  const vars = { weekday: weekdayName(ctx.lang, date), date: formatVnDate(date), n, fromWeekday: weekdayName(ctx.lang, from), from: formatVnDate(from) };
  writeErr(ctx, t(ctx, TEXT.addLine, vars));
  const skipped: string[] = [];
  for (let d = addDays(from, 1); d < date; d = addDays(d, 1)) {
    const i = calendar.info(d);
    if (!i.working && i.source !== 'weekend' && i.name && ![0, 6].includes(weekdayOf(d))) {
      skipped.push(`${weekdayName(ctx.lang, d)} ${formatVnDate(d)} (${i.name[ctx.lang]})`);
    }
  }
  if (skipped.length > 0) writeErr(ctx, t(ctx, TEXT.skipped, { list: skipped.join('; ') }));
  if (n === 0 && !calendar.isWorkingDay(from)) writeErr(ctx, t(ctx, TEXT.notWorking, { date: formatVnDate(from) }));
  return 0;
}

interface Group {
  from: IsoDate;
  to: IsoDate;
  info: DayInfo;
}

/** Consecutive days with the same name, source and reference print as one line. */
function groupDays(days: DayInfo[]): Group[] {
  const out: Group[] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && addDays(last.to, 1) === d.date && last.info.reason === d.reason && last.info.source === d.source && last.info.ref === d.ref) {
      last.to = d.date;
    } else out.push({ from: d.date, to: d.date, info: d });
  }
  return out;
}

function groupLine(lang: Lang, g: Group): string {
  const dates = g.from === g.to ? formatVnDate(g.from) : `${formatVnDate(g.from)} – ${formatVnDate(g.to)}`;
  const days = g.from === g.to ? weekdayName(lang, g.from) : `${weekdayName(lang, g.from)} – ${weekdayName(lang, g.to)}`;
  const ref = g.info.ref ? `: ${g.info.ref}` : '';
  return `  ${dates}  ${days}  ${g.info.name?.[lang] ?? ''}  [${SOURCE_LABEL[g.info.source][lang]}${ref}]`;
}

function sourceLine(ctx: Context, s: SourceRef): string {
  const date = s.date ? ` (${formatVnDate(s.date)})` : '';
  const flag = s.confirmed ? '' : ` [${t(ctx, TEXT.unconfirmed)}]`;
  return `  ${s.id}: ${s.title}${date}${flag}`;
}

const dayJson = (d: DayInfo): Record<string, unknown> => ({
  date: d.date,
  weekday: weekdayOf(d.date),
  name: d.name,
  source: d.source,
  ref: d.ref,
});

/** `gov-desk calendar show YEAR [--json]` */
export async function calendarShow(ctx: Context, { args, opts }: HandlerInput): Promise<number> {
  const raw = (args[0] ?? '').trim();
  const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (!inRange(year)) throw usageError('CALENDAR_BAD_YEAR', TEXT.badYear, { vars: { value: raw, ...rangeVars } });
  const { calendar } = await (await import('../../store/overrides.js')).loadCalendarFor(ctx);
  const summary = calendar.year(year);
  const warnings = calendar.warnings([year], ctx.lang);
  printWarnings(ctx, warnings);

  if (opts.json) {
    printJson(ctx, {
      schemaVersion: 1,
      year,
      official: summary.official,
      source: summary.official ? 'official' : 'statutory',
      warnings,
      daysOff: summary.daysOff.map(dayJson),
      workingDays: summary.workingDays.map(dayJson),
      sources: summary.sources,
      amendedBy: summary.amendedBy,
    });
    return 0;
  }
  const lines = [t(ctx, TEXT.title, { year, kind: t(ctx, summary.official ? TEXT.kindOfficial : TEXT.kindStatutory) }), t(ctx, TEXT.daysOff)];
  const off = groupDays(summary.daysOff).map((g) => groupLine(ctx.lang, g));
  lines.push(...(off.length ? off : [t(ctx, TEXT.none)]), t(ctx, TEXT.workingDays));
  const work = summary.workingDays.map((d) => groupLine(ctx.lang, { from: d.date, to: d.date, info: d }));
  lines.push(...(work.length ? work : [t(ctx, TEXT.none)]));
  if (summary.sources.length) lines.push(t(ctx, TEXT.sources), ...summary.sources.map((s) => sourceLine(ctx, s)));
  if (summary.amendedBy.length) lines.push(t(ctx, TEXT.amended, { files: summary.amendedBy.join(', ') }));
  writeOut(ctx, lines.join('\n'));
  return 0;
}

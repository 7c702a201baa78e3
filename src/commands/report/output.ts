/** The report for people (terminal table and bar chart) and as CSV. */
import type { Lang, Msg } from '../../i18n/index.js';
import { tr } from '../../i18n/index.js';
import { toCsv } from '../../domain/csv.js';
import type { Figures, GroupBy, Report, ReportGroup } from '../../domain/report.js';
import { formatVnDate } from '../../domain/time.js';
import { pad } from '../format.js';

const CHANNEL: Record<string, Msg> = {
  'in-person': { vi: 'Trực tiếp', en: 'In person' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  postal: { vi: 'Qua bưu chính công ích', en: 'By post' },
};

/** A number the way the language writes it: "37,5" in Vietnamese, "37.5" in English. */
export function num(lang: Lang, n: number): string {
  const s = String(n);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

export function pctText(lang: Lang, p: number | null): string {
  return p === null ? '—' : `${num(lang, p)}%`;
}

export function monthLabel(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

export function groupLabel(lang: Lang, by: GroupBy, g: ReportGroup): string {
  if (by === 'month') return monthLabel(g.key);
  if (by === 'channel') return tr(lang, CHANNEL[g.key] ?? { vi: g.key, en: g.key });
  return `${g.key} ${g.label}`;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar of `width` cells for a percentage (unicode blocks, eighths of a cell). */
export function bar(p: number, width = 30): string {
  const cells = Math.max(0, Math.min(100, p)) / 100 * width;
  const full = Math.floor(cells);
  const rest = Math.round((cells - full) * 8);
  const body = '█'.repeat(full) + (rest === 8 ? '█' : EIGHTHS[rest] ?? '');
  return body + ' '.repeat(Math.max(0, width - [...body].length));
}

const M = {
  title: { vi: 'Số liệu của xã từ {from} đến {to}', en: "The commune's figures from {from} to {to}" },
  received: { vi: 'Tiếp nhận', en: 'Received' },
  online: { vi: '  trong đó trực tuyến', en: '  of which online' },
  digitised: { vi: '  trong đó đã số hóa', en: '  of which digitised' },
  citizens: { vi: '  của cá nhân', en: '  from citizens' },
  organisations: { vi: '  của tổ chức', en: '  from organisations' },
  resolved: { vi: 'Đã giải quyết (có kết quả)', en: 'Resolved (result recorded)' },
  early: { vi: '  trước hạn', en: '  early' },
  onTime: { vi: '  đúng hạn', en: '  on time' },
  late: { vi: '  quá hạn', en: '  late' },
  average: { vi: 'Thời gian giải quyết trung bình', en: 'Average processing time' },
  post: { vi: 'Trả kết quả qua bưu chính', en: 'Results returned by post' },
  workingDays: { vi: 'ngày làm việc', en: 'working days' },
  calendarDays: { vi: 'ngày (lịch)', en: 'calendar days' },
  perProcedure: { vi: 'Thời gian giải quyết trung bình theo thủ tục', en: 'Average processing time per procedure' },
  chart: { vi: 'Tỷ lệ giải quyết trước hạn và đúng hạn, theo tháng', en: 'Share resolved early or on time, by month' },
  code: { vi: 'Mã TTHC', en: 'Code' },
  count: { vi: 'Số HS', en: 'Count' },
  avg: { vi: 'TB', en: 'Avg' },
  name: { vi: 'Tên thủ tục', en: 'Procedure' },
  none: { vi: '(chưa có hồ sơ nào có kết quả trong kỳ)', en: '(no dossier resolved in the period)' },
  group: { vi: 'Nhóm', en: 'Group' },
  total: { vi: 'Tổng', en: 'Total' },
} satisfies Record<string, Msg>;

function countLine(lang: Lang, label: Msg, n: number, p?: number | null): string {
  return `${pad(tr(lang, label), 34)} ${String(n).padStart(6)}${p === undefined ? '' : `  (${pctText(lang, p)})`}`;
}

function unitText(lang: Lang, r: Report): string {
  return tr(lang, r.dayUnit === 'working-days' ? M.workingDays : M.calendarDays);
}

/** Totals, the averages per procedure and the monthly chart. */
export function reportText(lang: Lang, r: Report): string {
  const f = r.totals;
  const out = [tr(lang, M.title, { from: formatVnDate(r.from), to: formatVnDate(r.to) }), ''];
  out.push(countLine(lang, M.received, f.received));
  out.push(countLine(lang, M.online, f.online, f.onlinePct));
  out.push(countLine(lang, M.digitised, f.digitised, f.digitisedPct));
  out.push(countLine(lang, M.citizens, f.citizens));
  out.push(countLine(lang, M.organisations, f.organisations));
  out.push(countLine(lang, M.resolved, f.resolved));
  out.push(countLine(lang, M.early, f.early, f.earlyPct));
  out.push(countLine(lang, M.onTime, f.onTime, f.onTimePct));
  out.push(countLine(lang, M.late, f.late, f.latePct));
  out.push(`${pad(tr(lang, M.average), 34)} ${f.averageDays === null ? '—'.padStart(6) : `${num(lang, f.averageDays).padStart(6)}  ${unitText(lang, r)}`}`);
  out.push(countLine(lang, M.post, f.returnedByPost));
  out.push('', `${tr(lang, M.perProcedure)} (${unitText(lang, r)})`);
  if (r.procedures.length === 0) out.push(`  ${tr(lang, M.none)}`);
  else {
    const codeW = Math.max(tr(lang, M.code).length, ...r.procedures.map((p) => p.code.length));
    out.push(`  ${pad(tr(lang, M.code), codeW)}  ${tr(lang, M.count).padStart(6)}  ${tr(lang, M.avg).padStart(6)}  ${tr(lang, M.name)}`);
    for (const p of r.procedures) {
      out.push(`  ${pad(p.code, codeW)}  ${String(p.resolved).padStart(6)}  ${(p.averageDays === null ? '—' : num(lang, p.averageDays)).padStart(6)}  ${p.name}`);
    }
  }
  out.push('', tr(lang, M.chart));
  for (const m of r.months) {
    const label = monthLabel(m.month);
    out.push(m.earlyOrOnTimePct === null
      ? `  ${label} ${' '.repeat(30)}   —`
      : `  ${label} ${bar(m.earlyOrOnTimePct)} ${pctText(lang, m.earlyOrOnTimePct).padStart(6)} (${m.resolved})`);
  }
  return out.join('\n');
}

const COLS: { head: Msg; get: (f: Figures, lang: Lang) => string }[] = [
  { head: { vi: 'Tiếp nhận', en: 'Received' }, get: (f) => String(f.received) },
  { head: { vi: 'Tr.tuyến', en: 'Online' }, get: (f, l) => pctText(l, f.onlinePct) },
  { head: { vi: 'Số hóa', en: 'Digitised' }, get: (f, l) => pctText(l, f.digitisedPct) },
  { head: { vi: 'Tổ chức', en: 'Org.' }, get: (f) => String(f.organisations) },
  { head: { vi: 'Có KQ', en: 'Resolved' }, get: (f) => String(f.resolved) },
  { head: { vi: 'Trước', en: 'Early' }, get: (f) => String(f.early) },
  { head: { vi: 'Đúng', en: 'On time' }, get: (f) => String(f.onTime) },
  { head: { vi: 'Quá', en: 'Late' }, get: (f) => String(f.late) },
  { head: { vi: 'Đúng+trước', en: 'Early+on t.' }, get: (f, l) => pctText(l, f.earlyOrOnTimePct) },
  { head: { vi: 'TB ngày', en: 'Avg days' }, get: (f, l) => (f.averageDays === null ? '—' : num(l, f.averageDays)) },
  { head: { vi: 'Bưu chính', en: 'By post' }, get: (f) => String(f.returnedByPost) },
];

/** The table of `--by`: one line per group and a total line. */
export function groupsText(lang: Lang, r: Report): string {
  if (!r.by || !r.groups) return '';
  const by = r.by;
  const labels = [...r.groups.map((g) => groupLabel(lang, by, g)), tr(lang, M.total)];
  const figs = [...r.groups.map((g) => g.figures), r.totals];
  const labelW = Math.min(48, Math.max(tr(lang, M.group).length, ...labels.map((l) => [...l].length)));
  const widths = COLS.map((c) => Math.max(tr(lang, c.head).length, ...figs.map((f) => c.get(f, lang).length)));
  const cut = (s: string): string => ([...s].length > labelW ? `${[...s].slice(0, labelW - 1).join('')}…` : s);
  const lines = [`${pad(tr(lang, M.group), labelW)}  ${COLS.map((c, i) => tr(lang, c.head).padStart(widths[i]!)).join('  ')}`];
  figs.forEach((f, k) => {
    lines.push(`${pad(cut(labels[k]!), labelW)}  ${COLS.map((c, i) => c.get(f, lang).padStart(widths[i]!)).join('  ')}`);
  });
  return lines.join('\n');
}

const CSV_FIELDS: (keyof Figures)[] = [
  'received', 'online', 'onlinePct', 'digitised', 'digitisedPct', 'resolved', 'early', 'onTime', 'late',
  'earlyPct', 'onTimePct', 'latePct', 'earlyOrOnTimePct', 'averageDays', 'returnedByPost', 'citizens', 'organisations',
];

/** CSV: a total line, then one line per group; numbers with a dot; CRLF; BOM when for a file. */
export function reportCsv(lang: Lang, r: Report, bom: boolean): string {
  const head = ['group', 'key', 'label', 'from', 'to', 'dayUnit', ...CSV_FIELDS];
  const line = (group: string, key: string, label: string, f: Figures): (string | number | null)[] => [
    group, key, label, r.from, r.to, r.dayUnit, ...CSV_FIELDS.map((k) => f[k]),
  ];
  const rows = [line('total', '', tr(lang, M.total), r.totals)];
  for (const g of r.groups ?? []) rows.push(line(r.by ?? '', g.key, groupLabel(lang, r.by ?? 'procedure', g), g.figures));
  return toCsv(head, rows, { bom });
}

/** `report guidance` for people (table, bar chart), as CSV, and the rows of its PDF. */
import { toCsv } from '../../domain/csv.js';
import type { DossierOnlineFigures, GuidanceFigures, GuidanceGroupBy, GuidanceReport } from '../../domain/guidance/report.js';
import { GUIDANCE_KINDS } from '../../domain/guidance/types.js';
import { formatVnDate } from '../../domain/time.js';
import { type Lang, type Msg, tr } from '../../i18n/index.js';
import { KIND_TEXT } from '../guide/labels.js';
import { pad } from '../format.js';
import { bar, monthLabel, num, pctText } from './output.js';

const M = {
  title: { vi: 'Bàn hướng dẫn và dịch vụ công trực tuyến, từ {from} đến {to}', en: 'Guidance desk and online filing, from {from} to {to}' },
  citizens: { vi: 'Lượt công dân được hỗ trợ', en: 'Citizens helped' },
  minutes: { vi: 'Thời gian hỗ trợ (phút)', en: 'Time spent (minutes)' },
  average: { vi: '  trung bình mỗi lượt có ghi phút', en: '  average per timed record' },
  received: { vi: 'Hồ sơ tiếp nhận trong kỳ', en: 'Dossiers received in the period' },
  online: { vi: '  trong đó nộp trực tuyến', en: '  of which filed online' },
  eligible: { vi: 'Hồ sơ của thủ tục có DVC trực tuyến', en: 'Dossiers of procedures offered online' },
  eligibleOnline: { vi: '  trong đó nộp trực tuyến', en: '  of which filed online' },
  toanTrinh: { vi: 'Trực tuyến toàn trình', en: 'Online, full (toàn trình)' },
  motPhan: { vi: 'Trực tuyến một phần', en: 'Online, partial (một phần)' },
  levelUnknown: { vi: 'Trực tuyến, danh mục chưa ghi mức độ', en: 'Online, level not in the catalogue' },
  paper: { vi: 'Hồ sơ giấy (trực tiếp, bưu chính)', en: 'Paper dossiers (in person, post)' },
  digitised: { vi: '  trong đó đã số hóa', en: '  of which digitised' },
  targetOnline: { vi: 'Chỉ tiêu của tỉnh: tỷ lệ nộp trực tuyến', en: "Province's target: share filed online" },
  targetDigitised: { vi: 'Chỉ tiêu của tỉnh: tỷ lệ số hóa', en: "Province's target: share digitised" },
  notSet: { vi: 'chưa đặt (config.json "targets"; chưa xác nhận)', en: 'not set (config.json "targets"; unconfirmed)' },
  chart: { vi: 'Tỷ lệ hồ sơ nộp trực tuyến, theo tháng', en: 'Share of dossiers filed online, by month' },
  group: { vi: 'Nhóm', en: 'Group' },
  none: { vi: '(không theo thủ tục nào)', en: '(no procedure)' },
} satisfies Record<string, Msg>;

/** The figures as label/value lines (terminal and PDF). */
export function figureRows(lang: Lang, r: GuidanceReport): [string, string][] {
  const g = r.guidance;
  const d = r.dossiers;
  const n = (x: number, p?: number | null) => (p === undefined ? String(x) : `${x} (${pctText(lang, p)})`);
  const target = (p: number | null) => (p === null ? tr(lang, M.notSet) : `${num(lang, p)}%`);
  return [
    [tr(lang, M.citizens), n(g.citizens)],
    ...GUIDANCE_KINDS.map((k): [string, string] => [`  ${tr(lang, KIND_TEXT[k])}`, n(g.byKind[k])]),
    [tr(lang, M.minutes), n(g.minutes)],
    [tr(lang, M.average), g.averageMinutes === null ? '—' : num(lang, g.averageMinutes)],
    [tr(lang, M.received), n(d.received)],
    [tr(lang, M.online), n(d.online, d.onlinePct)],
    [tr(lang, M.eligible), n(d.eligible)],
    [tr(lang, M.eligibleOnline), n(d.eligibleOnline, d.eligibleOnlinePct)],
    [tr(lang, M.toanTrinh), n(d.toanTrinh)],
    [tr(lang, M.motPhan), n(d.motPhan)],
    [tr(lang, M.levelUnknown), n(d.levelUnknown)],
    [tr(lang, M.paper), n(d.paper)],
    [tr(lang, M.digitised), n(d.paperDigitised, d.paperDigitisedPct)],
    [tr(lang, M.targetOnline), target(r.targets.onlinePct)],
    [tr(lang, M.targetDigitised), target(r.targets.digitisedPct)],
  ];
}

export function guidanceTitle(lang: Lang, r: GuidanceReport): string {
  return tr(lang, M.title, { from: formatVnDate(r.from), to: formatVnDate(r.to) });
}

export function groupLabel(lang: Lang, by: GuidanceGroupBy, key: string, label: string): string {
  if (by === 'month') return monthLabel(key);
  if (by === 'kind') return tr(lang, KIND_TEXT[key as keyof typeof KIND_TEXT]);
  if (by === 'procedure') return key ? `${key} ${label}` : tr(lang, M.none);
  return label;
}

const COLS: { head: Msg; get: (g: GuidanceFigures, d: DossierOnlineFigures | null, l: Lang) => string }[] = [
  { head: { vi: 'Lượt', en: 'Helped' }, get: (g) => String(g.citizens) },
  { head: { vi: 'VNeID', en: 'VNeID' }, get: (g) => String(g.byKind.vneid) },
  { head: { vi: 'Tự nộp', en: 'Self' }, get: (g) => String(g.byKind['self-filed']) },
  { head: { vi: 'Nộp thay', en: 'Assisted' }, get: (g) => String(g.byKind.assisted) },
  { head: { vi: 'Phút', en: 'Min' }, get: (g) => String(g.minutes) },
  { head: { vi: 'Hồ sơ', en: 'Dossiers' }, get: (_g, d) => (d ? String(d.received) : '') },
  { head: { vi: 'Tr.tuyến', en: 'Online' }, get: (_g, d, l) => (d ? pctText(l, d.onlinePct) : '') },
  { head: { vi: 'Số hóa', en: 'Digitised' }, get: (_g, d, l) => (d ? pctText(l, d.paperDigitisedPct) : '') },
];

export function guidanceText(lang: Lang, r: GuidanceReport): string {
  const out = [guidanceTitle(lang, r), ''];
  for (const [k, v] of figureRows(lang, r)) out.push(`${pad(k, 44)} ${v}`);
  out.push('', tr(lang, M.chart));
  for (const m of r.months) {
    out.push(m.onlinePct === null ? `  ${monthLabel(m.month)} ${' '.repeat(30)}   —` : `  ${monthLabel(m.month)} ${bar(m.onlinePct)} ${pctText(lang, m.onlinePct).padStart(6)} (${m.online}/${m.received})`);
  }
  if (r.by && r.groups) {
    const by = r.by;
    const labels = r.groups.map((g) => groupLabel(lang, by, g.key, g.label));
    const labelW = Math.min(40, Math.max(tr(lang, M.group).length, ...labels.map((l) => [...l].length)));
    const cells = r.groups.map((g) => COLS.map((c) => c.get(g.guidance, g.dossiers, lang)));
    const widths = COLS.map((c, i) => Math.max(tr(lang, c.head).length, ...cells.map((row) => row[i]!.length)));
    const cut = (s: string) => ([...s].length > labelW ? `${[...s].slice(0, labelW - 1).join('')}…` : s);
    out.push('', `${pad(tr(lang, M.group), labelW)}  ${COLS.map((c, i) => tr(lang, c.head).padStart(widths[i]!)).join('  ')}`);
    cells.forEach((row, k) => out.push(`${pad(cut(labels[k]!), labelW)}  ${row.map((c, i) => c.padStart(widths[i]!)).join('  ')}`.trimEnd()));
  }
  return out.join('\n');
}

const CSV_HEAD = [
  'group', 'key', 'label', 'from', 'to', 'citizens', ...GUIDANCE_KINDS.map((k) => `kind_${k.replace('-', '_')}`), 'minutes', 'timedRecords', 'averageMinutes',
  'received', 'online', 'onlinePct', 'eligible', 'eligibleOnline', 'eligibleOnlinePct', 'toanTrinh', 'motPhan', 'levelUnknown', 'paper', 'paperDigitised', 'paperDigitisedPct',
];

/** CSV: a total line, then one per group; numbers with a dot; CRLF; BOM when for a file. */
export function guidanceCsv(lang: Lang, r: GuidanceReport, bom: boolean): string {
  const line = (group: string, key: string, label: string, g: GuidanceFigures, d: DossierOnlineFigures | null) => [
    group, key, label, r.from, r.to, g.citizens, ...GUIDANCE_KINDS.map((k) => g.byKind[k]), g.minutes, g.timedRecords, g.averageMinutes,
    ...(d ? [d.received, d.online, d.onlinePct, d.eligible, d.eligibleOnline, d.eligibleOnlinePct, d.toanTrinh, d.motPhan, d.levelUnknown, d.paper, d.paperDigitised, d.paperDigitisedPct] : Array<null>(12).fill(null)),
  ];
  const rows = [line('total', '', tr(lang, { vi: 'Tổng', en: 'Total' }), r.guidance, r.dossiers)];
  for (const g of r.groups ?? []) rows.push(line(r.by ?? '', g.key, groupLabel(lang, r.by!, g.key, g.label), g.guidance, g.dossiers));
  return toCsv(CSV_HEAD, rows, { bom });
}

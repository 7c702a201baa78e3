import { type Context, printJson, t, writeErr, writeOut } from '../../context.js';
import { usageError } from '../../errors.js';
import type { Msg } from '../../i18n/index.js';
import { foldForSearch } from '../../domain/text.js';
import type { Catalog, CatalogEntry } from '../../catalog/loader.js';
import type { Channel, Component, CopyKind, ProcessingTime, Procedure } from '../../catalog/schema.js';
import type { Handler } from '../types.js';
import { cutoffCaption, MARK_LEGEND, timeCaption, UNCONFIRMED_MARK } from '../../catalog/captions.js';

const L = {
  none: { vi: 'Không có thủ tục nào.', en: 'No procedures.' },
  noField: { vi: 'Không có thủ tục nào thuộc lĩnh vực "{field}". Các lĩnh vực: {fields}', en: 'No procedure in field "{field}". Fields: {fields}' },
  noHit: { vi: 'Không tìm thấy thủ tục nào cho "{q}".', en: 'No procedure found for "{q}".' },
  count: { vi: '{n} thủ tục', en: '{n} procedures' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  level: { vi: 'Cấp thực hiện', en: 'Level' },
  decision: { vi: 'Quyết định công bố', en: 'Publishing decision' },
  version: { vi: 'Phiên bản', en: 'Version' },
  agency: { vi: 'Cơ quan thực hiện', en: 'Agency' },
  coordinating: { vi: 'Cơ quan phối hợp', en: 'Coordinating agency' },
  officer: { vi: 'Người xử lý', en: 'Handled by' },
  applicants: { vi: 'Đối tượng', en: 'Applicants' },
  channels: { vi: 'Kênh nộp', en: 'Channels' },
  onlineLevel: { vi: 'Mức độ trực tuyến', en: 'Online level' },
  paper: { vi: 'Nhận hồ sơ giấy', en: 'Paper dossiers accepted' },
  unknown: { vi: 'chưa rõ', en: 'unknown' },
  yes: { vi: 'có', en: 'yes' },
  noPaper: { vi: 'không (chỉ nộp trực tuyến, Chỉ thị 24/CT-TTg)', en: 'no (online only, Chỉ thị 24/CT-TTg)' },
  time: { vi: 'Thời hạn giải quyết', en: 'Time limit' },
  byCase: { vi: 'Theo trường hợp (chọn khi tiếp nhận: --case)', en: 'By case (chosen at intake: --case)' },
  onlyCases: { vi: 'chỉ khi', en: 'only for' },
  oneOf: { vi: 'một trong các giấy tờ', en: 'one of these papers' },
  marks: { vi: '{n} điểm chưa xác nhận', en: '{n} unconfirmed point(s)' },
  confirm: {
    vi: 'Nộp trực tuyến: người yêu cầu xác nhận bản điện tử trong {days} ngày; không phản hồi coi như đã xác nhận',
    en: 'Online filing: the applicant confirms the electronic draft within {days} day(s); no answer counts as confirmed',
  },
  fee: { vi: 'Phí, lệ phí', en: 'Fees' },
  byProvince: { vi: 'Mức cụ thể do HĐND tỉnh quyết định', en: 'Amount set by the provincial People’s Council' },
  exempt: { vi: 'Miễn', en: 'Exempt' },
  components: { vi: 'Thành phần hồ sơ', en: 'Dossier components' },
  variant: { vi: 'Trường hợp', en: 'Case' },
  allVariants: { vi: 'mọi trường hợp', en: 'every case' },
  ifCond: { vi: 'nếu', en: 'if' },
  only: { vi: 'chỉ khi nộp', en: 'only when filed' },
  guidance: { vi: 'Hướng dẫn (không phải giấy tờ phải nộp)', en: 'Guidance (rules, not papers to hand in)' },
  conditions: { vi: 'Điều kiện, trường hợp từ chối', en: 'Conditions and grounds for refusal' },
  result: { vi: 'Kết quả', en: 'Result' },
  legal: { vi: 'Căn cứ pháp lý', en: 'Legal basis' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  unconfirmed: { vi: 'Chưa xác nhận', en: 'Unconfirmed' },
  source: { vi: 'Nguồn', en: 'Source' },
  local: { vi: 'định nghĩa riêng của xã: {file}', en: "commune's own definition: {file}" },
  badLimit: { vi: '--limit phải là số nguyên dương', en: '--limit must be a positive integer' },
} satisfies Record<string, Msg>;

const CHANNEL: Record<Channel, Msg> = {
  'in-person': { vi: 'trực tiếp', en: 'in person' },
  online: { vi: 'trực tuyến', en: 'online' },
  postal: { vi: 'bưu chính', en: 'postal' },
};
const COPY: Record<CopyKind, Msg> = {
  original: { vi: 'bản chính', en: 'original' },
  copy: { vi: 'bản sao', en: 'copy' },
  'certified-copy': { vi: 'bản sao có chứng thực', en: 'certified copy' },
  'original-or-copy': { vi: 'bản chính hoặc bản sao', en: 'original or copy' },
  'original-and-copy': { vi: 'bản chính và bản sao', en: 'original and copy' },
};
const KIND: Record<Component['kind'], Msg> = { submit: { vi: 'nộp', en: 'submit' }, present: { vi: 'xuất trình', en: 'present' } };

function open(ctx: Context): Promise<Catalog> {
  return import('../../store/overrides.js').then((m) => m.loadCatalogFor(ctx));
}

function summary(e: CatalogEntry): Record<string, unknown> {
  const p = e.procedure;
  return { code: p.code, name: p.name, field: p.field, level: p.level, version: p.version, channels: p.channels, origin: e.origin };
}

function pad(s: string, width: number): string {
  const len = [...s].length;
  return len >= width ? s : s + ' '.repeat(width - len);
}

export const listHandler: Handler = async (ctx, { opts }) => {
  const catalog = await open(ctx);
  const field = typeof opts.field === 'string' ? foldForSearch(opts.field) : '';
  const entries = catalog.entries().filter((e) => !field || foldForSearch(e.procedure.field).includes(field));
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, procedures: entries.map(summary) });
    return 0;
  }
  if (entries.length === 0) {
    writeErr(ctx, field ? t(ctx, L.noField, { field: String(opts.field), fields: catalog.fields().join(', ') }) : t(ctx, L.none));
    return 0;
  }
  const lines: string[] = [];
  for (const f of catalog.fields()) {
    const inField = entries.filter((e) => e.procedure.field === f);
    if (inField.length === 0) continue;
    lines.push(`${f} (${inField.length})`);
    for (const e of inField) lines.push(`  ${pad(e.procedure.code, 9)} ${e.procedure.name}${e.origin === 'home' ? ' *' : ''}`);
  }
  lines.push('', t(ctx, L.count, { n: entries.length }));
  writeOut(ctx, lines.join('\n'));
  return 0;
};

const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

function componentLine(ctx: Context, c: Component, groups: Procedure['groups']): string {
  const bits = [t(ctx, KIND[c.kind])];
  if (c.copy) bits.push(t(ctx, COPY[c.copy]));
  if (c.quantity !== null) bits.push(`×${c.quantity}`);
  if (c.channels) bits.push(`${t(ctx, L.only)}: ${c.channels.map((ch) => t(ctx, CHANNEL[ch])).join(', ')}`);
  let line = `  [${c.id}] ${c.name} (${bits.join(' · ')})`;
  const group = c.group ? groups?.find((g) => g.id === c.group) : undefined;
  if (group) line += `\n      ${t(ctx, L.oneOf)}: ${group.name}${c.condition ? ` · ${c.condition}` : ''}`;
  else if (c.condition) line += `\n      ${t(ctx, L.ifCond)}: ${c.condition}`;
  return line;
}

function section(out: string[], title: string, items: readonly string[]): void {
  if (items.length === 0) return;
  out.push('', title);
  for (const i of items) out.push(`  - ${i}`);
}

function renderProcedure(ctx: Context, e: CatalogEntry, full: boolean, details: boolean): string {
  const p: Procedure = e.procedure;
  const unknown = t(ctx, L.unknown);
  const kv = (m: Msg, v: string | null) => `${t(ctx, m)}: ${v ?? unknown}`;
  const out = [`${p.code}  ${p.name}`];
  out.push(kv(L.field, p.field), kv(L.level, p.level), kv(L.decision, p.decision), kv(L.version, p.version), kv(L.agency, p.agency));
  if (p.coordinatingAgency) out.push(kv(L.coordinating, p.coordinatingAgency));
  if (p.officer) out.push(kv(L.officer, p.officer));
  if (p.applicants.length) out.push(kv(L.applicants, p.applicants.join(', ')));
  out.push(kv(L.channels, p.channels ? p.channels.map((c) => t(ctx, CHANNEL[c])).join(', ') : null));
  out.push(kv(L.onlineLevel, p.onlineLevel));
  out.push(kv(L.paper, p.paperAllowed === null ? null : t(ctx, p.paperAllowed ? L.yes : L.noPaper)));

  out.push('', t(ctx, L.time));
  const cases = p.variants.filter((v) => v.processingTime);
  if (cases.length > 0) {
    out.push(`  ${t(ctx, L.byCase)}:`);
    for (const v of cases) out.push(`    ${v.name} [${v.id}]: ${timeCaption(v.processingTime!, ctx.lang)}`);
  }
  const times: [Channel, ProcessingTime | null][] = [['in-person', p.processingTime.inPerson], ['online', p.processingTime.online], ['postal', p.processingTime.postal]];
  for (const [ch, pt] of times) {
    if (cases.length > 0 && !details) break; // the case decides; the channel column is in --details
    if (p.channels && !p.channels.includes(ch) && !pt) continue;
    out.push(`  ${pad(`${t(ctx, CHANNEL[ch])}:`, 12)} ${timeCaption(pt, ctx.lang)}`);
    if (details && pt?.note) out.push(`      ${pt.note}`);
  }
  const cutoff = cutoffCaption(p, ctx.lang);
  if (cutoff) {
    const only = p.cutoffVariants?.map((id) => p.variants.find((v) => v.id === id)?.name ?? id).join(', ');
    out.push(`  ${capitalise(cutoff)}${only ? ` (${t(ctx, L.onlyCases)}: ${only})` : ''}`);
    if (details && p.cutoffCondition) out.push(`      ${p.cutoffCondition}`);
  }
  if (p.onlineConfirmation) out.push(`  ${t(ctx, L.confirm, { days: p.onlineConfirmation.days })}`);

  out.push('', t(ctx, L.fee), `  ${p.fee.label ?? unknown}`);
  if (p.fee.text) out.push(`  ${p.fee.text}`);
  for (const a of p.fee.amounts) out.push(`  - ${a.label}: ${a.amountText ?? (a.amountVnd === null ? unknown : `${a.amountVnd} VNĐ`)}`);
  if (p.fee.setByProvince) out.push(`  ${t(ctx, L.byProvince)}`);
  for (const x of p.fee.exemptions) out.push(`  ${t(ctx, L.exempt)}: ${x}`);
  for (const n of p.fee.notes) out.push(`  * ${n}`);

  out.push('', t(ctx, L.components));
  const groups = p.variants.length ? [...p.variants.map((v) => ({ id: v.id as string | null, name: v.name })), { id: null, name: t(ctx, L.allVariants) }] : [{ id: null, name: '' }];
  for (const g of groups) {
    const comps = p.components.filter((c) => (g.id === null ? !c.variants : c.variants?.includes(g.id)));
    if (comps.length === 0) continue;
    if (g.name) out.push(` ${t(ctx, L.variant)}: ${g.name}${g.id ? ` [${g.id}]` : ''}`);
    for (const c of comps) {
      out.push(componentLine(ctx, c, p.groups));
      if (c.note) out.push(`      * ${c.note}`);
      if ((full || details) && c.detail) out.push(`      > ${c.detail}`);
    }
  }
  section(out, t(ctx, L.guidance), p.guidance);
  section(out, t(ctx, L.conditions), p.conditions);
  section(out, t(ctx, L.result), p.result);
  section(out, t(ctx, L.legal), p.legalBasis);
  section(out, t(ctx, L.notes), p.notes);
  if (details) section(out, `${UNCONFIRMED_MARK} ${t(ctx, L.unconfirmed)}`, p.unconfirmed);
  else if (p.unconfirmed.length > 0 || out.some((l) => l.includes(UNCONFIRMED_MARK))) {
    out.push('', `${t(ctx, L.marks, { n: p.unconfirmed.length })}. ${t(ctx, MARK_LEGEND, { code: p.code })}`);
  }
  out.push('', `${t(ctx, L.source)}: ${p.source.url}`);
  if (p.source.crawl) out.push(`  ${p.source.crawl}`);
  for (const s of p.source.also) out.push(`  ${s}`);
  if (e.origin === 'home') out.push(`  ${t(ctx, L.local, { file: e.file })}`);
  return out.join('\n');
}

export const showHandler: Handler = async (ctx, { args, opts }) => {
  const catalog = await open(ctx);
  const code = (args[0] ?? '').trim();
  const procedure = catalog.require(code);
  const entry = catalog.entry(procedure.code)!;
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, procedure, origin: { origin: entry.origin, file: entry.file, hash: entry.hash, overrides: entry.overrides } });
    return 0;
  }
  writeOut(ctx, renderProcedure(ctx, entry, Boolean(opts.full), Boolean(opts.details)));
  return 0;
};

function parseLimit(raw: unknown): number {
  if (raw === undefined) return 10;
  const s = String(raw).trim();
  const n = /^\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw usageError('INVALID_OPTION', L.badLimit, { vars: { option: '--limit' } });
  return n;
}

export const searchHandler: Handler = async (ctx, { args, opts }) => {
  const limit = parseLimit(opts.limit);
  const catalog = await open(ctx);
  const query = args.join(' ').trim();
  const hits = catalog.search(query, limit).map((h) => ({ ...h, procedure: catalog.get(h.code)! }));
  if (opts.json) {
    printJson(ctx, {
      schemaVersion: 1,
      query,
      procedures: hits.map((h) => ({ code: h.code, name: h.procedure.name, field: h.procedure.field, score: h.score })),
    });
    return 0;
  }
  if (hits.length === 0) {
    writeErr(ctx, t(ctx, L.noHit, { q: query }));
    return 0;
  }
  writeOut(ctx, hits.map((h, i) => `${pad(`${i + 1}.`, 4)}${pad(h.code, 9)} ${h.procedure.name} — ${h.procedure.field}`).join('\n'));
  return 0;
};

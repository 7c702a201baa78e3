import { type Context, printJson, t, writeOut } from '../../context.js';
import { derive, PORTAL_CODE } from '../../domain/dossier/status.js';
import { statusText } from '../../domain/dossier/apply.js';
import { summarize } from '../../domain/dossier/summary.js';
import type { Dossier } from '../../domain/dossier/types.js';
import { maskMiddle } from '../../domain/text.js';
import { formatVnDate, toVnIso } from '../../domain/time.js';
import { usageError } from '../../errors.js';
import { openRepository } from '../../store/index.js';
import type { Handler } from '../types.js';
import { notifyShowLines } from '../../notify/dossier-events.js';
import { styles } from '../../style.js';
import { eventText, formatStamp, pad, portalText } from '../format.js';
import { copyText } from '../../intake/documents.js';
import { coverageJson, coverageOf, type ExemptReason } from '../../scan/coverage.js';

const CHANNEL_TEXT = {
  'in-person': { vi: 'trực tiếp', en: 'in person' },
  online: { vi: 'trực tuyến', en: 'online' },
  postal: { vi: 'bưu chính công ích', en: 'public postal service' },
} as const;

const EXEMPT_TEXT: Record<ExemptReason, [string, string]> = {
  'present-only': ['chỉ xuất trình', 'shown only'],
  'not-applicable': ['không áp dụng', 'not applicable'],
  'filed-online': ['hồ sơ nộp trực tuyến', 'filed online'],
  'reused-data': ['dữ liệu đã có trong CSDL', 'data already in a database'],
};

export async function loadDossier(ctx: Context, code: string): Promise<{ dossier: Dossier; archived: boolean }> {
  const found = await openRepository(ctx).getDossier(code.trim());
  if (!found) {
    throw usageError('DOSSIER_UNKNOWN', { vi: 'Không có hồ sơ mã {code}.', en: 'No dossier with code {code}.' }, {
      vars: { code },
      hint: { vi: 'Xem danh sách: `gov-desk list --open`.', en: 'See the list: `gov-desk list --open`.' },
    });
  }
  return found;
}

export const showHandler: Handler = async (ctx, { args, opts }) => {
  const code = (args[0] ?? '').trim();
  if (/^(HD|TC)-/.test(code) && (await (await import('./draft.js')).showDraft(ctx, code, Boolean(opts.json)))) return 0;
  const { dossier: d, archived } = await loadDossier(ctx, code);
  const now = ctx.now();
  const sum = summarize(d, now, archived);
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, dossier: { ...d, ...sum, receivedDueAt: d.dueAt, now: toVnIso(now) }, coverage: coverageJson(coverageOf(d)) });
    return 0;
  }
  const reveal = Boolean(opts.reveal);
  const id = (s: string | null) => (s ? (reveal ? s : maskMiddle(s, 3, 3)) : '—');
  const phone = (s: string | null) => (s ? (reveal ? s : maskMiddle(s, 2, 2)) : '—');
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const label = (s: string) => pad(`${s}:`, 16);
  const state = derive(d, now);
  const lines: string[] = [];
  const s = await styles(ctx, 'stdout');
  lines.push(s.heading(`${L('Hồ sơ', 'Dossier')} ${d.code}${archived ? L(' (đã lưu trữ)', ' (archived)') : ''}`));
  lines.push(`  ${label(L('Thủ tục', 'Procedure'))}${d.procedure.code} ${d.procedure.name}`);
  lines.push(`  ${label(L('Trạng thái', 'Status'))}${s.status(t(ctx, statusText(state.status)), state.status, sum.flags.overdue)} (TrangThaiHoSo ${PORTAL_CODE[state.status]}) · ${L('cổng tỉnh', 'portal')}: ${t(ctx, portalText(state.portal))}`);
  const flags = [
    sum.flags.overdue ? L('QUÁ HẠN', 'OVERDUE') : '',
    sum.flags.paused ? L('tạm dừng tính hạn (chờ bổ sung)', 'clock paused (waiting for supplement)') : '',
    sum.flags.possibleDuplicate ? L('có thể trùng hồ sơ khác', 'possible duplicate') : '',
  ].filter(Boolean);
  if (flags.length) lines.push(`  ${label(L('Lưu ý', 'Flags'))}${s.warn(flags.join(' · '))}`);
  lines.push(...notifyShowLines(d, ctx.lang));
  const a = d.applicant;
  lines.push(`  ${label(L('Người nộp', 'Applicant'))}${a.fullName} · ${L('số định danh', 'ID')} ${id(a.personalId)} · ${L('ĐT', 'phone')} ${phone(a.phone)}${a.email ? ` · ${a.email}` : ''}`);
  if (a.address) lines.push(`  ${label(L('Địa chỉ', 'Address'))}${a.address}`);
  for (const p of d.parties ?? []) lines.push(`  ${label(p.label)}${p.person.fullName} · ${L('số định danh', 'ID')} ${id(p.person.personalId)}${p.person.birthDate ? ` · ${L('sinh', 'born')} ${formatVnDate(p.person.birthDate)}` : ''}`);
  if (d.representative) lines.push(`  ${label(L('Người đại diện', 'Representative'))}${d.representative.fullName} · ${L('số định danh', 'ID')} ${id(d.representative.personalId)}`);
  lines.push(`  ${label(L('Tiếp nhận', 'Received'))}${formatStamp(d.receivedAt)} · ${L('Hẹn trả', 'Due')}: ${formatStamp(sum.dueAt)}${sum.dueAt !== d.dueAt ? ` (${L('hẹn ban đầu', 'first due')} ${formatStamp(d.dueAt)})` : ''}`);
  lines.push(`  ${label(L('Kênh', 'Channel'))}${t(ctx, CHANNEL_TEXT[d.channel])} · ${L('nhận kết quả', 'result')}: ${d.delivery.method === 'post' ? `${L('bưu chính', 'by post')}: ${d.delivery.address ?? ''}` : L('tại Trung tâm', 'at the counter')}`);
  lines.push(`  ${label(L('Sổ theo dõi', 'Register'))}${L('Quyển số', 'book')} ${d.register.book}, ${L('số thứ tự', 'no.')} ${d.register.number}`);
  if (state.department) lines.push(`  ${label(L('Phòng xử lý', 'Department'))}${state.department}`);
  lines.push(s.heading(L('Danh mục giấy tờ:', 'Checklist:')));
  for (const c of d.procedure.components) {
    const line = d.checklist.find((x) => x.id === c.id);
    const mark = !line || !line.applicable ? '(–)' : line.provided ? '[x]' : '[ ]';
    const kind = c.kind === 'present' ? L('xuất trình', 'present') : L('nộp', 'submit');
    lines.push(`  ${mark} ${c.id}  ${c.name} (${kind}${c.quantity ? `, ${c.quantity}` : ''}${c.copy ? ` ${copyText(c.copy)?.toLowerCase()}` : ''})`);
  }
  const cov = coverageOf(d);
  lines.push(`${L('Số hóa', 'Digitised')}: ${cov.readyToSubmit ? L('đủ, sẵn sàng nộp trực tuyến', 'complete, ready to submit') : `${L('còn thiếu', 'missing')} ${cov.missing.join(', ')}`}`);
  for (const c of cov.components) {
    const state = c.state === 'digitised' ? `${L('đã số hóa', 'digitised')} (${c.files} ${L('tệp', c.files === 1 ? 'file' : 'files')}, ${c.pages} ${L('trang', c.pages === 1 ? 'page' : 'pages')})` : c.state === 'missing' ? L('CHƯA SỐ HÓA', 'NOT DIGITISED') : `${L('không phải số hóa', 'exempt')}: ${L(...EXEMPT_TEXT[c.reason ?? 'not-applicable'])}`;
    lines.push(`  ${c.state === 'digitised' ? '[x]' : c.state === 'missing' ? '[ ]' : '(–)'} ${c.id}  ${state}`);
  }
  lines.push(s.heading(L('Lịch sử:', 'History:')));
  for (const e of d.events) lines.push(`  #${e.seq} ${formatStamp(e.at)}  ${t(ctx, eventText(e.type))}  (${e.operator})${e.data && 'note' in e.data ? ` ${String(e.data.note)}` : ''}`);
  writeOut(ctx, lines.join('\n'));
  return 0;
};

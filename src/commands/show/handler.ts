import { type Context, printJson, t, writeOut } from '../../context.js';
import { derive, PORTAL_CODE } from '../../domain/dossier/status.js';
import { statusText } from '../../domain/dossier/apply.js';
import { summarize } from '../../domain/dossier/summary.js';
import type { Dossier } from '../../domain/dossier/types.js';
import { applicantOrganisation } from '../../domain/applicant-kind.js';
import { codeMatches } from '../../domain/dossier/search.js';
import { type AmendableField, amendedView, amendmentOf, FIELD_TEXT } from '../../domain/dossier/amend.js';
import { maskEmail } from '../../domain/email.js';
import { maskMiddle, terminalSafe as safe } from '../../domain/text.js';
import { formatVnDate, toVnIso } from '../../domain/time.js';
import { usageError } from '../../errors.js';
import { openStore, type Store } from '../../store/index.js';
import { storeWarnings } from '../store-warnings.js';
import type { Handler } from '../types.js';
import { notifyShowLines } from '../../notify/dossier-events.js';
import { styles } from '../../style.js';
import { channelText, eventText, formatStamp, pad, portalText } from '../format.js';
import { copyText } from '../../intake/documents.js';
import { coverageJson, coverageOf, type ExemptReason } from '../../scan/coverage.js';
import { damagedFiles, recordedFiles } from '../../scan/integrity.js';

const EXEMPT_TEXT: Record<ExemptReason, [string, string]> = {
  'present-only': ['chỉ xuất trình', 'shown only'],
  'not-applicable': ['không áp dụng', 'not applicable'],
  'filed-online': ['hồ sơ nộp trực tuyến', 'filed online'],
  'reused-data': ['dữ liệu đã có trong CSDL', 'data already in a database'],
};

/**
 * The dossier a typed code names: the whole code in any case, or a unique end of it (`0001`,
 * `260302-0001`), among open and archived dossiers. Several matches: exit 2 listing them.
 */
export async function loadDossier(ctx: Context, code: string, given?: Store): Promise<{ dossier: Dossier; archived: boolean }> {
  const repo = given ?? (await openStore(ctx));
  const typed = code.trim();
  const found = (await repo.getDossier(typed)) ?? (typed !== typed.toUpperCase() ? await repo.getDossier(typed.toUpperCase()) : undefined) ?? (await bySuffix(repo, typed));
  if (!found) {
    storeWarnings(ctx, repo); // a damaged archive line may be the reason it is not found
    throw usageError('DOSSIER_UNKNOWN', { vi: 'Không có hồ sơ mã {code}.', en: 'No dossier with code {code}.' }, {
      vars: { code },
      hint: { vi: 'Xem danh sách: `gov-desk list --open`.', en: 'See the list: `gov-desk list --open`.' },
    });
  }
  return found;
}

async function bySuffix(repo: Store, typed: string): Promise<{ dossier: Dossier; archived: boolean } | undefined> {
  if (!typed) return undefined;
  const hits = new Map<string, { dossier: Dossier; archived: boolean }>();
  for (const d of await repo.openDossiers()) if (codeMatches(d.code, typed)) hits.set(d.code, { dossier: d, archived: false });
  for await (const d of repo.archived()) if (!hits.has(d.code) && codeMatches(d.code, typed)) hits.set(d.code, { dossier: d, archived: true });
  if (hits.size > 1) {
    const list = [...hits.keys()].sort().reverse();
    throw usageError('DOSSIER_AMBIGUOUS', { vi: '"{code}" khớp {n} hồ sơ: {list}', en: '"{code}" matches {n} dossiers: {list}' }, {
      vars: { code: typed, n: list.length, list: list.slice(0, 20).join(', ') + (list.length > 20 ? ', …' : '') },
      details: { candidates: list },
      hint: { vi: 'Gõ thêm phần cuối của mã (ví dụ 260302-0001) hoặc cả mã.', en: 'Type more of the end of the code (e.g. 260302-0001) or the whole code.' },
    });
  }
  return hits.values().next().value;
}

export const showHandler: Handler = async (ctx, { args, opts }) => {
  const typed = (args[0] ?? '').trim();
  const code = /^(HD|TC)-/i.test(typed) ? typed.toUpperCase() : typed;
  if (/^(HD|TC)-/.test(code) && (await (await import('./draft.js')).showDraft(ctx, code, Boolean(opts.json)))) return 0;
  const repo = await openStore(ctx);
  const { dossier: d, archived } = await loadDossier(ctx, code, repo);
  const warnings = storeWarnings(ctx, repo);
  const now = ctx.now();
  const sum = summarize(d, now, archived);
  // every stored scan and result document, checked against the SHA-256 recorded when it was stored
  const damaged = await damagedFiles(repo.files, d);
  if (opts.json) {
    const cur = amendedView(d);
    printJson(ctx, { schemaVersion: 1, dossier: { ...d, applicantKind: d.applicantKind ?? 'citizen', organisation: applicantOrganisation(d), ...sum, receivedDueAt: d.dueAt, now: toVnIso(now), current: { applicant: cur.applicant, representative: cur.representative } }, coverage: coverageJson(coverageOf(d)), integrity: { files: recordedFiles(d).length, damaged }, warnings });
    return 0;
  }
  const reveal = Boolean(opts.reveal);
  const id = (s: string | null) => (s ? (reveal ? s : maskMiddle(s, 3, 3)) : '—');
  const phone = (s: string | null) => (s ? (reveal ? s : maskMiddle(s, 2, 2)) : '—');
  const email = (s: string) => safe(reveal ? s : maskEmail(s));
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const label = (s: string) => pad(`${s}:`, 16);
  const state = derive(d, now);
  const lines: string[] = [];
  const s = await styles(ctx, 'stdout');
  lines.push(s.heading(`${L('Hồ sơ', 'Dossier')} ${safe(d.code)}${archived ? L(' (đã lưu trữ)', ' (archived)') : ''}`));
  lines.push(`  ${label(L('Thủ tục', 'Procedure'))}${safe(d.procedure.code)} ${safe(d.procedure.name)}${d.procedure.variant ? ` · ${L('trường hợp', 'case')}: ${safe(d.procedure.variant.name)}` : ''}`);
  lines.push(`  ${label(L('Trạng thái', 'Status'))}${s.status(t(ctx, statusText(state.status)), state.status, sum.flags.overdue)} (TrangThaiHoSo ${PORTAL_CODE[state.status]}) · ${L('cổng tỉnh', 'portal')}: ${t(ctx, portalText(state.portal))}`);
  const flags = [
    sum.flags.overdue ? L('QUÁ HẠN', 'OVERDUE') : '',
    sum.flags.paused ? L('tạm dừng tính hạn (chờ bổ sung)', 'clock paused (waiting for supplement)') : '',
    sum.flags.possibleDuplicate ? L('có thể trùng hồ sơ khác', 'possible duplicate') : '',
  ].filter(Boolean);
  if (flags.length) lines.push(`  ${label(L('Lưu ý', 'Flags'))}${s.warn(flags.join(' · '))}`);
  if (state.portal === 'conflict') {
    lines.push(`  ${label(L('Cổng tỉnh', 'Portal'))}${L('mã này đã được cấp cho hồ sơ khác trên cổng (khôi phục bản sao lưu cũ, hoặc hai máy cùng mã cơ quan). Không gửi gì; thống nhất với tỉnh rồi chạy lại `gov-desk submit', 'this code was given to another dossier on the portal (an older backup restored, or two PCs with one agency code). Nothing is sent; settle it with the province, then run `gov-desk submit')} ${d.code}\` (docs/portal.md).`);
  }
  lines.push(...notifyShowLines(d, ctx.lang));
  const now_ = amendedView(d); // the details as corrected (gov-desk amend); the history keeps both
  const a = now_.applicant;
  const org = applicantOrganisation(d);
  if (org) lines.push(`  ${label(L('Tổ chức', 'Organisation'))}${safe(org.name)}${org.taxCode ? ` · ${L('MST', 'tax code')} ${safe(org.taxCode)}` : ''}${org.address ? ` · ${safe(org.address)}` : ''}`);
  lines.push(`  ${label(org ? L('Đại diện tổ chức', 'Acting for it') : L('Người nộp', 'Applicant'))}${safe(a.fullName)} · ${L('số định danh', 'ID')} ${id(a.personalId)} · ${L('ĐT', 'phone')} ${phone(a.phone)}${a.email ? ` · ${email(a.email)}` : ''}`);
  if (a.address) lines.push(`  ${label(L('Địa chỉ', 'Address'))}${safe(a.address)}`);
  for (const p of d.parties ?? []) lines.push(`  ${label(safe(p.label))}${safe(p.person.fullName)} · ${L('số định danh', 'ID')} ${id(p.person.personalId)}${p.person.birthDate ? ` · ${L('sinh', 'born')} ${formatVnDate(p.person.birthDate)}` : ''}`);
  if (now_.representative) lines.push(`  ${label(L('Người đại diện', 'Representative'))}${safe(now_.representative.fullName)} · ${L('số định danh', 'ID')} ${id(now_.representative.personalId)}`);
  for (const e of d.events) {
    const am = amendmentOf(e);
    if (!am) continue;
    const shown = (f: AmendableField, v: string | null) => (v === null ? '—' : f === 'personalId' ? id(v) : f === 'phone' ? phone(v) : f === 'email' ? email(v) : safe(v));
    const what = (Object.keys(am.changes) as AmendableField[]).map((f) => `${t(ctx, FIELD_TEXT[f])} ${shown(f, am.changes[f]!.from)} → ${shown(f, am.changes[f]!.to)}`).join('; ');
    lines.push(`  ${label(L('Đính chính', 'Corrected'))}${formatStamp(e.at)} (${safe(e.operator)})${am.target === 'representative' ? L(' người nộp thay', ' representative') : ''}: ${what} · ${L('lý do', 'reason')}: ${safe(am.reason)}`);
  }
  lines.push(`  ${label(L('Tiếp nhận', 'Received'))}${formatStamp(d.receivedAt)} · ${L('Hẹn trả', 'Due')}: ${formatStamp(sum.dueAt)}${sum.dueAt !== d.dueAt ? ` (${L('hẹn ban đầu', 'first due')} ${formatStamp(d.dueAt)})` : ''}`);
  lines.push(`  ${label(L('Kênh', 'Channel'))}${t(ctx, channelText(d.channel))} · ${L('nhận kết quả', 'result')}: ${d.delivery.method === 'post' ? `${L('bưu chính', 'by post')}: ${safe(d.delivery.address ?? '')}` : L('tại Trung tâm', 'at the counter')}`);
  lines.push(`  ${label(L('Sổ theo dõi', 'Register'))}${L('Quyển số', 'book')} ${safe(d.register.book)}, ${L('số thứ tự', 'no.')} ${d.register.number}`);
  if (state.department) lines.push(`  ${label(L('Phòng xử lý', 'Department'))}${safe(state.department)}`);
  lines.push(s.heading(L('Danh mục giấy tờ:', 'Checklist:')));
  for (const c of d.procedure.components) {
    const line = d.checklist.find((x) => x.id === c.id);
    const mark = !line || !line.applicable ? '(–)' : line.provided ? '[x]' : '[ ]';
    const kind = c.kind === 'present' ? L('xuất trình', 'present') : L('nộp', 'submit');
    lines.push(`  ${mark} ${safe(c.id)}  ${safe(c.name)} (${kind}${c.quantity ? `, ${c.quantity}` : ''}${c.copy ? ` ${copyText(c.copy)?.toLowerCase()}` : ''})`);
  }
  const cov = coverageOf(d);
  lines.push(`${L('Số hóa', 'Digitised')}: ${cov.readyToSubmit ? L('đủ, sẵn sàng nộp trực tuyến', 'complete, ready to submit') : `${L('còn thiếu', 'missing')} ${safe(cov.missing.join(', '))}`}`);
  for (const c of cov.components) {
    const state = c.state === 'digitised' ? `${L('đã số hóa', 'digitised')} (${c.files} ${L('tệp', c.files === 1 ? 'file' : 'files')}, ${c.pages} ${L('trang', c.pages === 1 ? 'page' : 'pages')})` : c.state === 'missing' ? L('CHƯA SỐ HÓA', 'NOT DIGITISED') : `${L('không phải số hóa', 'exempt')}: ${L(...EXEMPT_TEXT[c.reason ?? 'not-applicable'])}`;
    lines.push(`  ${c.state === 'digitised' ? '[x]' : c.state === 'missing' ? '[ ]' : '(–)'} ${safe(c.id)}  ${state}`);
  }
  for (const f of damaged) {
    const what = f.problem === 'missing' ? L('không còn trong thư mục dữ liệu', 'missing from the data folder') : L('đã bị thay đổi (SHA-256 khác với lúc lưu)', 'changed since it was stored (SHA-256 differs)');
    lines.push(`  ${L('TỆP HỎNG', 'DAMAGED FILE')}: ${f.path} (${f.label}): ${what}`);
  }
  lines.push(s.heading(L('Lịch sử:', 'History:')));
  for (const e of d.events) lines.push(`  #${e.seq} ${formatStamp(e.at)}  ${t(ctx, eventText(e.type))}  (${safe(e.operator)}${e.desk ? ` · ${safe(e.desk)}` : ''})${e.data && 'note' in e.data ? ` ${safe(String(e.data.note))}` : ''}${e.data && 'reason' in e.data && typeof e.data.reason === 'string' ? ` ${safe(e.data.reason)}` : ''}`);
  writeOut(ctx, lines.join('\n'));
  return 0;
};

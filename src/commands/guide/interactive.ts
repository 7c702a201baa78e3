/**
 * The guidance desk at a terminal, built for speed (issue 17): the ID card's QR scan is the welcome
 * (the scanner types name and number, no key pressed), the kinds and the procedure of the previous
 * citizen of this session are offered first, and the summary saves on Enter. The common case (a
 * scan, the same help as the last citizen) takes 4 key presses. Prompts only; no writes.
 */
import { type Context, t, writeErr } from '../../context.js';
import { checkGuidance, type GuidanceDraft, type GuidanceInput, type GuidanceProblem } from '../../domain/guidance/check.js';
import { GUIDANCE_KINDS, type GuidanceKind } from '../../domain/guidance/types.js';
import { looksLikeIdQr, parseIdQr } from '../../domain/id-qr.js';
import { validatePersonalId } from '../../domain/identity.js';
import { normaliseName } from '../../domain/person.js';
import { validatePhone } from '../../domain/phone.js';
import { terminalSafe } from '../../domain/text.js';
import { vnDate } from '../../domain/time.js';
import { cancelled } from '../../errors.js';
import type { Msg } from '../../i18n/index.js';
import { KIND_TEXT } from './labels.js';
import { type GuideEnv, invalidGuidance, linkDossier, memberLookup } from './save.js';
import { readGuideSession } from './session.js';

type Welcome = { field: 'id_qr' | 'id' | 'phone' | 'name'; value: string } | null;

/** What the first answer is: a QR line, an ID number, a mobile number or a name (or a problem). */
function readWelcome(text: string, today: string): { ok: true; value: Welcome } | { ok: false; message: Msg } {
  const v = text.trim();
  if (!v) return { ok: true, value: null };
  const first = <T extends { ok: boolean }>(r: T, field: NonNullable<Welcome>['field']) =>
    r.ok ? { ok: true as const, value: { field, value: v } } : { ok: false as const, message: (r as unknown as { problems: { message: Msg }[] }).problems[0]!.message };
  if (looksLikeIdQr(v)) return first(parseIdQr(v, today), 'id_qr');
  const digits = v.replace(/[\s.\-()]/g, '');
  if (/^\d{12}$/.test(digits)) return first(validatePersonalId(v), 'id');
  if (/^\+?\d+$/.test(digits)) return first(validatePhone(v), 'phone');
  return first(normaliseName(v), 'name');
}

export async function askGuidance(ctx: Context, env: GuideEnv, given: GuidanceInput): Promise<GuidanceDraft> {
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const p = await ctx.prompter();
  const today = vnDate(ctx.now());
  let member: string;
  if (given.member) {
    const m = memberLookup(ctx, given.member);
    if (!m.ok) throw invalidGuidance(ctx.lang, [{ field: 'member', message: m.message }]);
    member = m.value;
  } else {
    const { intakeOperator } = await import('../intake/operator-prompt.js');
    member = await intakeOperator(ctx, undefined, true);
  }
  const session = readGuideSession(ctx.home, ctx.now());
  const input: GuidanceInput = { ...given, member };

  // 1. the welcome: a QR scan fills name and number; a typed number or name is taken as it is
  if (!input.id_qr && !input.id && !input.name && !input.phone) {
    const answer = await p.input({
      message: L('Quét QR thẻ căn cước, hoặc gõ số định danh / số điện thoại / họ tên (Enter: bỏ qua)', 'Scan the ID card QR, or type the ID number / mobile / name (Enter: skip)'),
      validate: (s) => {
        const r = readWelcome(s, today);
        return r.ok ? true : t(ctx, r.message);
      },
    });
    const w = readWelcome(answer, today);
    if (w.ok && w.value) {
      input[w.value.field] = w.value.value;
      if (w.value.field === 'id_qr') {
        const q = parseIdQr(w.value.value, today);
        if (q.ok) writeErr(ctx, `  ${terminalSafe(q.value.fullName)} · ${q.value.personalId}`);
      }
    }
  }

  // 2. the kinds: the last citizen's ticked first
  let kinds: GuidanceKind[] = [];
  const ticked = session?.kinds.length ? session.kinds : (['explain', 'checklist'] as GuidanceKind[]);
  while (kinds.length === 0) {
    kinds = await p.checkbox<GuidanceKind>({
      message: L('Đã hỗ trợ gì? (Space chọn/bỏ, Enter xác nhận)', 'What help was given? (Space to tick, Enter to confirm)'),
      choices: GUIDANCE_KINDS.map((k) => ({ name: t(ctx, KIND_TEXT[k]), value: k, checked: ticked.includes(k) })),
    });
    if (kinds.length === 0) writeErr(ctx, L('Chọn ít nhất một loại hỗ trợ.', 'Tick at least one kind of help.'));
  }
  input.kind = kinds.join(',');

  // 3. the procedure: the last one first, search words without diacritics
  if (!input.procedure) {
    const NONE = '';
    const last = session?.procedure ? env.search(session.procedure, 1).filter((x) => x.code === session.procedure) : [];
    const code = await p.search<string>({
      message: L('Thủ tục (gõ vài chữ, không cần dấu; Enter: như lượt trước)', 'Procedure (a few words, diacritics optional; Enter: as last time)'),
      source: (term) => {
        const none = { name: L('(không theo thủ tục nào)', '(no particular procedure)'), value: NONE };
        const hits = term?.trim() ? env.search(term, 10) : last;
        return [...hits.map((x) => ({ name: `${x.code}  ${x.name}`, value: x.code })), ...(term?.trim() ? [] : [none])];
      },
    });
    if (code) input.procedure = code;
  }

  // 4. an online filing for the citizen names the dossier intake created (theirs, newest first)
  if (kinds.includes('assisted') && !input.dossier) {
    const id = input.id ?? (input.id_qr ? (parseIdQr(input.id_qr, today) as { ok: true; value: { personalId: string } }).value.personalId : undefined);
    const open = await env.store.openDossiers();
    const theirs = id ? open.filter((d) => d.applicant.personalId === id).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)) : [];
    input.dossier = await p.input({
      message: L('Mã hồ sơ đã nộp trực tuyến thay công dân (phần cuối của mã là đủ)', 'Code of the dossier filed online for the citizen (its end is enough)'),
      ...(theirs[0] ? { default: theirs[0].code } : {}),
      // the dossier was just received, so it is open: asked again until one open dossier matches
      validate: (s) => (open.filter((d) => d.code === s.trim() || (s.trim() && d.code.endsWith(s.trim()))).length === 1 ? true : L('Không có (hoặc có nhiều) hồ sơ đang mở mang mã này', 'No open dossier (or several) has this code')),
    });
  }

  // 5. a phone number for the follow-up, unless already known
  if (!input.phone) {
    const phone = await p.input({
      message: L('Số điện thoại di động (Enter: bỏ qua)', 'Mobile number (Enter: skip)'),
      validate: (s) => (!s.trim() || validatePhone(s).ok ? true : L('Số di động gồm 10 chữ số (0xxxxxxxxx)', 'A mobile number has 10 digits (0xxxxxxxxx)')),
    });
    if (phone.trim()) input.phone = phone;
  }
  if (!input.minutes && session?.minutes) input.minutes = String(session.minutes);

  // 6. the summary: Enter saves
  for (;;) {
    const r = checkGuidance(input, { now: ctx.now(), member: { ok: true, value: member }, procedure: env.procedure });
    if (!r.ok) throw invalidGuidance(ctx.lang, r.problems);
    const d = r.draft;
    writeErr(ctx, L('— Tóm tắt —', '— Summary —'));
    writeErr(ctx, `  ${d.citizen.fullName ?? L('(không ghi tên)', '(no name)')}${d.citizen.personalId ? ` · ${d.citizen.personalId}` : ''}${d.citizen.phone ? ` · ${d.citizen.phone}` : ''}`);
    writeErr(ctx, `  ${d.kinds.map((k) => t(ctx, KIND_TEXT[k])).join('; ')}`);
    if (d.procedure) writeErr(ctx, `  ${d.procedure} ${env.procedureName(d.procedure) ?? ''}`);
    if (d.dossier) writeErr(ctx, `  ${L('Hồ sơ', 'Dossier')}: ${d.dossier}`);
    writeErr(ctx, `  ${L('Thời gian', 'Time spent')}: ${d.minutes ? `${d.minutes} ${L('phút', 'min')}` : '—'}${d.note ? ` · ${d.note}` : ''} · ${d.member}`);
    const choice = await p.select<'save' | 'minutes' | 'note' | 'cancel'>({
      message: L('Ghi nhận', 'Record'),
      choices: [
        { name: L('Lưu', 'Save'), value: 'save' },
        { name: L('Sửa số phút…', 'Minutes…'), value: 'minutes' },
        { name: L('Thêm ghi chú…', 'Add a note…'), value: 'note' },
        { name: L('Hủy, không ghi gì', 'Cancel, write nothing'), value: 'cancel' },
      ],
    });
    if (choice === 'cancel') throw cancelled();
    if (choice === 'minutes') {
      input.minutes = await p.input({ message: L('Số phút đã hỗ trợ', 'Minutes spent'), ...(input.minutes ? { default: input.minutes } : {}), validate: (s) => (/^\d{1,3}$/.test(s.trim()) && Number(s) >= 1 ? true : L('Một số nguyên (phút)', 'A whole number of minutes')) });
      continue;
    }
    if (choice === 'note') {
      input.note = await p.input({ message: L('Ghi chú', 'Note'), ...(input.note ? { default: input.note } : {}) });
      continue;
    }
    const problems: GuidanceProblem[] = [];
    const linked = await linkDossier(env, d, problems, (m) => writeErr(ctx, t(ctx, m)));
    if (problems.length) throw invalidGuidance(ctx.lang, problems);
    return linked;
  }
}

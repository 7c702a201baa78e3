import { vnDate } from '../../domain/time.js';
import { type Context, t, writeErr } from '../../context.js';
import type { Channel, Organisation, Person } from '../../domain/dossier/types.js';
import { POSTAL_TARIFF_TT22_2017, type PostalZone, postageText, postalPrice, postalZoneLabels } from '../../domain/postal.js';
import { cleanText, foldForSearch } from '../../domain/text.js';
import { toVnIso } from '../../domain/time.js';
import { formatStamp } from '../format.js';
import { cancelled } from '../../errors.js';
import { copyText } from '../../intake/documents.js';
import { evaluateChecklist } from '../../intake/evaluate.js';
import { checkCase } from '../../intake/case.js';
import { assertChannelAllowed, onlineOnly } from '../../intake/channel.js';
import { caseRequired, componentsFor, snapshotProcedure, timeFor } from '../../intake/snapshot.js';
import type { IntakeAnswers } from '../../intake/types.js';
import type { Prompter } from '../../prompts.js';
import { askParties, askPerson } from './applicant-prompts.js';
import { askOrganisation } from './organisation-prompts.js';
import { timeCaption } from '../../catalog/captions.js';
import type { CatalogPort, ProcedureInfo } from './catalog-port.js';

const CHANNEL_TEXT: Record<Channel, { vi: string; en: string }> = {
  'in-person': { vi: 'Trực tiếp tại quầy', en: 'In person' },
  postal: { vi: 'Qua dịch vụ bưu chính công ích', en: 'By public postal service' },
  online: { vi: 'Trực tuyến (cán bộ nộp thay trên DVCQG)', en: 'Online (filed for the citizen on DVCQG)' },
};

/** Flags given with the interactive intake: their prompts are skipped (issue 12). */
export interface GivenAnswers {
  applicant?: Partial<Person>;
  representative?: Partial<Person>;
  /** --components / --all-components: the checklist prompt is skipped. */
  provided?: string[];
  allComponents?: boolean;
  /** An ID-card QR given with --id-qr: the identity paper is ticked. */
  idQr?: boolean;
  /** --organisation: the organisation question is skipped. */
  organisation?: Organisation;
}

export interface InteractiveDeps {
  catalog: CatalogPort;
  /** Open dossiers of the same person for the procedure (duplicate warning). */
  duplicates(personalId: string | null, procedureCode: string): Promise<string[]>;
  /** Warnings about earlier dossiers with the same ID number under another name or birth date. */
  identityWarnings?(people: (Person | null)[]): Promise<string[]>;
  /** The appointment the receipt would give (null without a time limit), with a warning when outside counter hours. */
  appointment?(proc: ProcedureInfo, channel: Channel, receivedAt: Date | null): { dueAt: Date; warning: string | null } | null;
}

/** Walk the counter steps; every answer can also come from flags (`prefill`). Pure gathering: no writes. */
export async function askIntake(ctx: Context, p: Prompter, deps: InteractiveDeps, prefill: Partial<IntakeAnswers>, given: GivenAnswers = {}): Promise<IntakeAnswers> {
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  // 1. procedure
  let proc: ProcedureInfo;
  if (prefill.procedureCode) proc = deps.catalog.require(prefill.procedureCode);
  else {
    const code = await p.search<string>({
      message: L('Thủ tục (gõ vài chữ, có dấu hay không đều được)', 'Procedure (type a few words, with or without diacritics)'),
      source: (term) =>
        deps.catalog.search(term ?? '', 12).map((x) => ({ name: `${x.code}  ${x.name}`, value: x.code, description: deps.catalog.describe(x, ctx.lang) })),
    });
    proc = deps.catalog.require(code);
  }
  writeErr(ctx, `${proc.code} ${proc.name}`);
  // the short facts stay on screen; the long legal text (fee decisions, exemptions, guidance) is
  // folded into one line and shown on request at the summary (issue 18)
  const details = deps.catalog.details(proc, ctx.lang);
  for (const line of details.filter((l) => !l.startsWith('  '))) writeErr(ctx, `  ${oneLine(line)}`);
  const notes = [...details.filter((l) => l.startsWith('  ')).map((l) => l.trim()), ...deps.catalog.guidance(proc)];

  // 2. channel: an online-only service is said so before the question, and offers only the assisted online channel
  const paperRefused = onlineOnly(proc, prefill.receivedAt ?? ctx.now());
  if (paperRefused) {
    writeErr(ctx, L('Lưu ý: từ 01/10/2025 thủ tục này chỉ nhận hồ sơ trực tuyến (Chỉ thị 24/CT-TTg), không nhận hồ sơ giấy. Cán bộ quét giấy tờ của công dân và nộp trực tuyến thay công dân trên Cổng DVCQG.', 'Note: from 1/10/2025 this procedure is online only (Chỉ thị 24/CT-TTg): no paper dossier. The counter scans the citizen\'s papers and files online for them on the national portal.'));
    if (prefill.channel) assertChannelAllowed(proc, prefill.channel, prefill.receivedAt ?? ctx.now());
  }
  const channels = paperRefused ? (['online'] as Channel[]) : (proc.channels?.length ? proc.channels : (['in-person'] as Channel[])).filter((c): c is Channel => c in CHANNEL_TEXT);
  let channel: Channel = prefill.channel ?? (channels.length === 1 ? channels[0]! : await p.select<Channel>({ message: L('Kênh nộp hồ sơ', 'Channel'), choices: channels.map((c) => ({ name: t(ctx, CHANNEL_TEXT[c]), value: c })), default: channels.includes('in-person') ? 'in-person' : channels[0] }));
  // the case, where the time limit depends on it (1.013225: nhà ở riêng lẻ 15 days, 20 otherwise)
  let variant = prefill.variant ?? null;
  if (variant === null && caseRequired(proc)) {
    variant = await p.select<string>({ message: L('Trường hợp (thời hạn giải quyết tùy trường hợp)', 'Case (the time limit depends on it)'), choices: proc.variants.map((v) => ({ name: `${v.name}${v.processingTime ? ` · ${timeCaption(v.processingTime, ctx.lang)}` : ''}`, value: v.id })) });
  }
  variant = checkCase(proc, variant);
  // a procedure whose record gives no time limit cannot be received (no appointment can be
  // computed): say so now, before the questions, and offer only guidance or refusal at the end
  const noTime = timeFor(proc, channel, variant) === null;
  if (noTime) {
    writeErr(ctx, L('Lưu ý: danh mục không ghi thời hạn giải quyết của thủ tục này và xã chưa đặt thời hạn (config.json, "procedureTimes"), nên chưa thể cấp Giấy tiếp nhận và hẹn trả. Vẫn có thể hướng dẫn bổ sung (Mẫu 02) hoặc từ chối (Mẫu 03). Xem docs/catalog.md.', 'Note: the catalogue gives no time limit for this procedure and the commune has set none (config.json, "procedureTimes"), so no receipt with an appointment can be issued. You can still guide (Mẫu 02) or refuse (Mẫu 03). See docs/catalog.md.'));
  }
  let vneidLevel2 = prefill.vneidLevel2 ?? null;
  if (channel === 'online' && vneidLevel2 === null) {
    vneidLevel2 = await p.confirm({ message: L('Công dân đã có tài khoản VNeID mức 2?', 'Does the citizen have a level-2 VNeID account?'), default: true });
    if (!vneidLevel2) {
      writeErr(ctx, L('Chưa có VNeID mức 2: hướng dẫn công dân đăng ký định danh điện tử mức 2 tại Công an cấp xã (mang thẻ căn cước).', 'No level-2 VNeID: send the citizen to the commune police to register level-2 electronic identification (bring the ID card).'));
      if (!paperRefused) writeErr(ctx, L('Trong lúc chờ, có thể nộp trực tiếp.', 'Meanwhile they can file in person.'));
      if (!paperRefused && channels.includes('in-person') && (await p.confirm({ message: L('Chuyển sang nộp trực tiếp?', 'Switch to in-person filing?'), default: true }))) channel = 'in-person';
    }
  }

  // 3. applicant (for an organisation: the person acting for it) and representative
  const organisation = await askOrganisation(ctx, p, proc, prefill.organisation, given.organisation);
  let qrScanned = given.idQr === true;
  const onQr = () => (qrScanned = true);
  const askApplicant = (pre: Partial<Person> | undefined, fixed: Partial<Person> | undefined) =>
    askPerson(ctx, p, { role: 'applicant', prefill: pre, given: fixed, contactRequired: true, onQr });
  const askRepresentative = (pre: Partial<Person> | undefined, fixed: Partial<Person> | undefined) =>
    askPerson(ctx, p, { role: 'representative', prefill: pre, given: fixed, contactRequired: false, onQr });
  let applicant = await askApplicant(prefill.applicant, given.applicant);
  let representative = prefill.representative ?? null;
  if (given.representative) representative = await askRepresentative(prefill.representative ?? undefined, given.representative);
  else if (!representative && (await p.confirm({ message: L('Có người nộp thay (đại diện, được ủy quyền)?', 'Is someone filing on their behalf?'), default: false }))) {
    representative = await askRepresentative(undefined, undefined);
  }
  let allowDuplicate = prefill.allowDuplicate ?? false;
  let parties = proc.parties?.length ? await askParties(ctx, p, proc.parties, applicant, prefill.parties) : [];
  // the party who is the applicant (if any) follows an edit of the applicant
  const applicantRole = parties.find((x) => x.person.personalId !== null && x.person.personalId === applicant.personalId && x.person.fullName === applicant.fullName)?.role;
  const checkPeople = async () => {
    const dups = await deps.duplicates(applicant.personalId, proc.code);
    if (dups.length > 0 && !allowDuplicate) {
      writeErr(ctx, L(`Cảnh báo: người này đang có hồ sơ mở cùng thủ tục: ${dups.join(', ')}`, `Warning: this person has an open dossier for the same procedure: ${dups.join(', ')}`));
      allowDuplicate = await p.confirm({ message: L('Vẫn tiếp nhận hồ sơ mới?', 'Receive a new dossier anyway?'), default: false });
      if (!allowDuplicate) throw cancelled();
    }
    // the same ID number under another name or birth date: said now, long before the receipt
    for (const w of (await deps.identityWarnings?.([applicant, representative])) ?? []) writeErr(ctx, w);
  };
  await checkPeople();

  // 4. checklist: conditional cases first (one screen of yes/no), then the papers
  const comps = componentsFor(proc, channel, variant);
  const conditional = comps.filter((c) => !c.required && c.condition);
  const identityIds = comps.filter(isIdentityPaper).map((c) => c.id);
  let conditionsYes = prefill.conditionsYes ?? [];
  const askConditions = async () => {
    conditionsYes = await p.checkbox<string>({
      message: L('Trường hợp nào áp dụng? (Space chọn, Enter nếu không có)', 'Which cases apply? (Space to tick, Enter for none)'),
      choices: conditional.map((c) => ({ name: c.condition ?? c.name, value: c.id, checked: conditionsYes.includes(c.id) })),
    });
  };
  const papersFixed = given.allComponents === true || given.provided !== undefined;
  if (conditional.length > 0 && conditionsYes.length === 0 && !papersFixed) await askConditions();
  if (notes.length > 0) {
    writeErr(ctx, L(`Lưu ý khi kiểm tra: ${notes.length} điểm (không phải giấy tờ phải nộp) · ${oneLine(notes[0]!, 60)} — xem đủ ở bước tóm tắt`, `Guidance: ${notes.length} notes (not papers to hand in) · ${oneLine(notes[0]!, 60)} — shown in full at the summary`));
  }
  let provided: string[];
  const askPapers = async (current: string[] | undefined) => {
    const applicable = comps.filter((c) => c.required || conditionsYes.includes(c.id));
    return p.checkbox<string>({
      message: L('Giấy tờ đã có (bỏ chọn cái còn thiếu; "xuất trình" = chỉ đối chiếu)', 'Papers present (untick what is missing; "present" = shown only)'),
      choices: applicable.map((c) => ({
        name: `${c.kind === 'present' ? L('[xuất trình] ', '[present] ') : ''}${c.name}${c.quantity ? ` · ${c.quantity}` : ''}${c.copy ? ` ${copyText(c.copy)?.toLowerCase()}` : ''}${qrScanned && identityIds.includes(c.id) ? L(' (đã quét QR thẻ căn cước)', ' (ID card QR scanned)') : ''}`,
        value: c.id,
        // of a "one of" group only the first (usual) paper is ticked: the receipt lists what was handed in
        checked: current ? current.includes(c.id) || (qrScanned && identityIds.includes(c.id)) : c.group === undefined || applicable.find((x) => x.group === c.group) === c,
      })),
      pageSize: 12,
    });
  };
  if (given.allComponents) provided = comps.filter((c) => c.required && (c.group === undefined || comps.find((x) => x.required && x.group === c.group) === c)).map((c) => c.id);
  else if (given.provided) provided = [...given.provided];
  else provided = await askPapers(prefill.provided);
  // the ID card's QR was read at this desk: the identity paper was shown
  const withQr = (ids: string[]) => (qrScanned ? [...new Set([...ids, ...identityIds])] : ids);
  provided = withQr(provided);

  // 5. result delivery: only for a dossier that will be received (an incomplete one gets Mẫu 02)
  const snapshot = snapshotProcedure(proc, channel, variant);
  let delivery = prefill.delivery ?? null;
  const complete = () => evaluateChecklist(snapshot, { provided, conditionsYes, invalid: base.invalid }, (m) => t(ctx, m)).complete;
  const askDelivery = async (current: IntakeAnswers['delivery'] | null): Promise<IntakeAnswers['delivery']> => {
    const method = await p.select<'counter' | 'post'>({
      message: L('Nhận kết quả', 'Result delivery'),
      choices: [
        { name: L('Tại Trung tâm (quầy)', 'At the counter'), value: 'counter' },
        { name: L('Qua dịch vụ bưu chính công ích (trả phí, thêm thời gian chuyển phát)', 'By public postal service (paid, adds delivery time)'), value: 'post' },
      ],
      ...(current ? { default: current.method } : {}),
    });
    if (method !== 'post') return { method: 'counter', address: null, zone: null, weightGrams: null };
    const address = cleanText(await p.input({ message: L('Địa chỉ nhận kết quả', 'Delivery address'), default: current?.address ?? applicant.address ?? undefined, validate: (s) => (s.trim() ? true : L('Cần địa chỉ', 'Required')) }));
    const zone = await p.select<PostalZone>({ message: L('Vùng giá cước (TT 22/2017)', 'Price zone (TT 22/2017)'), choices: Object.entries(postalZoneLabels(vnDate(ctx.now()))).map(([k, v]) => ({ name: t(ctx, v), value: k as PostalZone })) });
    const price = postalPrice({ direction: 'return', zone, weightGrams: 100 });
    const ceiling = POSTAL_TARIFF_TT22_2017.ceiling ?? false;
    writeErr(ctx, L(`Cước trả kết quả: ${postageText(price, ceiling, 'vi')} (đến 100 g; TT 22/2017). Thời gian chuyển phát cộng thêm sau ngày hẹn trả.`, `Return postage: ${postageText(price, ceiling, 'en')} (up to 100 g; TT 22/2017). Delivery time comes on top of the appointment.`));
    return { method: 'post', address, zone, weightGrams: 100 };
  };

  // 6. summary and outcome
  const base: IntakeAnswers = {
    procedureCode: proc.code,
    channel,
    variant,
    vneidLevel2,
    applicant,
    ...(organisation ? { organisation } : {}),
    representative,
    ...(parties.length ? { parties } : {}),
    provided,
    conditionsYes,
    invalid: prefill.invalid ?? [],
    delivery: delivery ?? { method: 'counter', address: null, zone: null, weightGrams: null },
    refuseReason: null,
    supplementNote: prefill.supplementNote ?? null,
    receivedAt: prefill.receivedAt ?? null,
    operator: prefill.operator ?? 'operator',
    allowDuplicate,
    declineNotifications: prefill.declineNotifications ?? false,
    setCount: prefill.setCount ?? 1,
    resumeRef: prefill.resumeRef ?? null,
  };
  if (!delivery && complete()) delivery = await askDelivery(null);
  type Choice = 'receive' | 'supplement' | 'invalid' | 'refuse' | 'cancel' | 'notes' | 'edit-procedure' | 'edit-applicant' | 'edit-representative' | 'edit-papers' | 'edit-delivery';
  for (;;) {
    Object.assign(base, { applicant, representative, provided, conditionsYes, allowDuplicate, delivery: delivery ?? base.delivery, ...(parties.length ? { parties } : {}) });
    const ev = evaluateChecklist(snapshot, base, (m) => t(ctx, m));
    writeErr(ctx, L('— Tóm tắt —', '— Summary —'));
    writeErr(ctx, `  ${proc.code} ${proc.name} · ${t(ctx, CHANNEL_TEXT[channel])}`);
    if (organisation) writeErr(ctx, `  ${L('Tổ chức', 'Organisation')}: ${organisation.name}${organisation.taxCode ? ` · MST ${organisation.taxCode}` : ''}`);
    writeErr(ctx, `  ${applicant.fullName} · ${applicant.personalId ?? ''}${representative ? ` · ${L('người nộp thay', 'filed by')} ${representative.fullName}` : ''}`);
    if (ev.missing.length === 0) writeErr(ctx, L('  Giấy tờ: đủ', '  Papers: complete'));
    else for (const m of ev.missing) writeErr(ctx, `  ${L('Thiếu/không hợp lệ', 'Missing/invalid')}: ${m.name} (${m.reason})`);
    const appt = ev.complete && !noTime ? deps.appointment?.(proc, channel, base.receivedAt) ?? null : null;
    if (ev.complete && delivery) writeErr(ctx, `  ${L('Nhận kết quả', 'Result')}: ${delivery.method === 'post' ? `${L('bưu chính', 'by post')}: ${delivery.address ?? ''}` : L('tại Trung tâm', 'at the counter')}`);
    if (appt) {
      writeErr(ctx, `  ${L('Hẹn trả kết quả', 'Appointment')}: ${formatStamp(toVnIso(appt.dueAt))}`);
      if (appt.warning) writeErr(ctx, appt.warning);
    }
    const choice = await p.select<Choice>({
      message: L('Kết quả kiểm tra', 'Outcome'),
      choices: [
        ...(ev.complete && !noTime ? [{ name: L('Tiếp nhận: cấp mã hồ sơ, in Giấy tiếp nhận (Mẫu 01)', 'Receive: issue the code, print the receipt (Mẫu 01)'), value: 'receive' as const }] : []),
        ...(!ev.complete ? [{ name: L('Chưa đủ: in Phiếu yêu cầu bổ sung (Mẫu 02)', 'Incomplete: print the supplement request (Mẫu 02)'), value: 'supplement' as const }] : []),
        { name: L('Đánh dấu giấy tờ không hợp lệ…', 'Mark a paper as not acceptable…'), value: 'invalid' as const },
        { name: L('Từ chối tiếp nhận (Mẫu 03)', 'Refuse (Mẫu 03)'), value: 'refuse' as const },
        ...(notes.length > 0 ? [{ name: L(`Xem lưu ý khi kiểm tra (${notes.length})`, `Show the guidance (${notes.length})`), value: 'notes' as const }] : []),
        { name: L('Sửa: thủ tục, kênh', 'Edit: procedure, channel'), value: 'edit-procedure' as const },
        { name: L('Sửa: người nộp', 'Edit: applicant'), value: 'edit-applicant' as const },
        { name: L('Sửa: người nộp thay', 'Edit: representative'), value: 'edit-representative' as const },
        { name: L('Sửa: giấy tờ', 'Edit: papers'), value: 'edit-papers' as const },
        ...(ev.complete ? [{ name: L('Sửa: nhận kết quả', 'Edit: result delivery'), value: 'edit-delivery' as const }] : []),
        { name: L('Hủy, không ghi gì', 'Cancel, write nothing'), value: 'cancel' as const },
      ],
    });
    if (choice === 'cancel') throw cancelled();
    if (choice === 'receive' || choice === 'supplement') {
      if (choice === 'receive' && !delivery) {
        delivery = await askDelivery(null);
        continue;
      }
      return base;
    }
    if (choice === 'refuse') {
      base.refuseReason = cleanText(await p.input({ message: L('Lý do từ chối', 'Reason for refusal'), validate: (s) => (s.trim() ? true : L('Cần ghi lý do', 'A reason is required')) }));
      return base;
    }
    if (choice === 'notes') {
      for (const n of notes) writeErr(ctx, `  • ${n}`);
      continue;
    }
    if (choice === 'edit-procedure') {
      // everything after the procedure depends on it: start again, keeping the people and delivery
      const keep = { applicant, ...(representative ? { representative } : {}), idQr: qrScanned };
      return askIntake(ctx, p, deps, { ...prefill, procedureCode: undefined, channel: undefined, organisation, applicant, representative, delivery: delivery ?? undefined, allowDuplicate, provided: undefined, conditionsYes: undefined }, keep);
    }
    if (choice === 'edit-applicant') {
      applicant = await askApplicant(applicant, undefined);
      if (applicantRole) parties = parties.map((x) => (x.role === applicantRole ? { ...x, person: { ...applicant } } : x));
      await checkPeople();
      continue;
    }
    if (choice === 'edit-representative') {
      representative = (await p.confirm({ message: L('Có người nộp thay (đại diện, được ủy quyền)?', 'Is someone filing on their behalf?'), default: representative !== null }))
        ? await askRepresentative(representative ?? undefined, undefined)
        : null;
      await checkPeople();
      continue;
    }
    if (choice === 'edit-papers') {
      if (conditional.length > 0) await askConditions();
      provided = withQr(await askPapers(provided));
      continue;
    }
    if (choice === 'edit-delivery') {
      delivery = await askDelivery(delivery);
      continue;
    }
    const id = await p.select<string>({ message: L('Giấy tờ nào?', 'Which paper?'), choices: comps.filter((c) => base.provided.includes(c.id)).map((c) => ({ name: c.name, value: c.id })) });
    const reason = cleanText(await p.input({ message: L('Lý do không hợp lệ', 'Why is it not acceptable?'), validate: (s) => (s.trim() ? true : L('Cần ghi lý do', 'A reason is required')) }));
    base.invalid = [...base.invalid.filter((x) => x.id !== id), { id, reason }];
  }
}

/** The identity paper (giấy tờ tùy thân / thẻ căn cước) a QR scan of the card stands for. */
export function isIdentityPaper(c: { id: string; name: string; kind: string }): boolean {
  const name = foldForSearch(c.name);
  return c.id === 'giay-to-tuy-than' || name.startsWith('giay to tuy than') || (c.kind === 'present' && /\bcan cuoc\b/.test(name));
}

function oneLine(s: string, max = 110): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

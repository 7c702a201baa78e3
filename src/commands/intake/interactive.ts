import { type Context, t, writeErr } from '../../context.js';
import type { Channel } from '../../domain/dossier/types.js';
import { formatVnd, POSTAL_ZONES, type PostalZone, postalPrice } from '../../domain/postal.js';
import { cleanText } from '../../domain/text.js';
import { cancelled } from '../../errors.js';
import { copyText } from '../../intake/documents.js';
import { evaluateChecklist } from '../../intake/evaluate.js';
import { componentsFor, snapshotProcedure, timeFor } from '../../intake/snapshot.js';
import type { IntakeAnswers } from '../../intake/types.js';
import type { Prompter } from '../../prompts.js';
import { askParties, askPerson } from './applicant-prompts.js';
import type { CatalogPort, ProcedureInfo } from './catalog-port.js';

const CHANNEL_TEXT: Record<Channel, { vi: string; en: string }> = {
  'in-person': { vi: 'Trực tiếp tại quầy', en: 'In person' },
  postal: { vi: 'Qua dịch vụ bưu chính công ích', en: 'By public postal service' },
  online: { vi: 'Trực tuyến (cán bộ nộp thay trên DVCQG)', en: 'Online (filed for the citizen on DVCQG)' },
};

export interface InteractiveDeps {
  catalog: CatalogPort;
  /** Open dossiers of the same person for the procedure (duplicate warning). */
  duplicates(personalId: string | null, procedureCode: string): Promise<string[]>;
}

/** Walk the counter steps; every answer can also come from flags (`prefill`). Pure gathering: no writes. */
export async function askIntake(ctx: Context, p: Prompter, deps: InteractiveDeps, prefill: Partial<IntakeAnswers>): Promise<IntakeAnswers> {
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
  for (const line of deps.catalog.details(proc, ctx.lang)) writeErr(ctx, `  ${line}`);

  // 2. channel
  const channels = (proc.channels?.length ? proc.channels : (['in-person'] as Channel[])).filter((c): c is Channel => c in CHANNEL_TEXT);
  let channel: Channel = prefill.channel ?? (channels.length === 1 ? channels[0]! : await p.select<Channel>({ message: L('Kênh nộp hồ sơ', 'Channel'), choices: channels.map((c) => ({ name: t(ctx, CHANNEL_TEXT[c]), value: c })), default: channels.includes('in-person') ? 'in-person' : channels[0] }));
  if (proc.paperAllowed === false && channel !== 'online') {
    writeErr(ctx, L('Lưu ý: từ 1/10/2025 thủ tục này chỉ nhận hồ sơ trực tuyến (Chỉ thị 24/CT-TTg): hỗ trợ công dân nộp trên DVCQG bằng VNeID.', 'Note: since 1/10/2025 this procedure is online only (Chỉ thị 24/CT-TTg): help the citizen file on DVCQG with VNeID.'));
  }
  // a procedure whose record gives no time limit cannot be received (no appointment can be
  // computed): say so now, before the questions, and offer only guidance or refusal at the end
  const noTime = timeFor(proc, channel) === null;
  if (noTime) {
    writeErr(ctx, L('Lưu ý: danh mục không ghi thời hạn giải quyết của thủ tục này, nên chưa thể cấp Giấy tiếp nhận và hẹn trả. Vẫn có thể hướng dẫn bổ sung (Mẫu 02) hoặc từ chối (Mẫu 03). Xã bổ sung thời hạn trong thư mục procedures/ (xem docs/catalog.md).', 'Note: the catalogue gives no time limit for this procedure, so no receipt with an appointment can be issued. You can still guide (Mẫu 02) or refuse (Mẫu 03). The commune can add the time limit in procedures/ (see docs/catalog.md).'));
  }
  let vneidLevel2 = prefill.vneidLevel2 ?? null;
  if (channel === 'online' && vneidLevel2 === null) {
    vneidLevel2 = await p.confirm({ message: L('Công dân đã có tài khoản VNeID mức 2?', 'Does the citizen have a level-2 VNeID account?'), default: true });
    if (!vneidLevel2) {
      writeErr(ctx, L('Chưa có VNeID mức 2: hướng dẫn công dân đăng ký định danh điện tử mức 2 tại Công an cấp xã (mang thẻ căn cước). Trong lúc chờ, có thể nộp trực tiếp.', 'No level-2 VNeID: send the citizen to the commune police to register level-2 electronic identification (bring the ID card). Meanwhile they can file in person.'));
      if (channels.includes('in-person') && (await p.confirm({ message: L('Chuyển sang nộp trực tiếp?', 'Switch to in-person filing?'), default: true }))) channel = 'in-person';
    }
  }

  // 3. applicant and representative
  const applicant = await askPerson(ctx, p, { role: 'applicant', prefill: prefill.applicant, contactRequired: true });
  let representative = prefill.representative ?? null;
  if (!representative && (await p.confirm({ message: L('Có người nộp thay (đại diện, được ủy quyền)?', 'Is someone filing on their behalf?'), default: false }))) {
    representative = await askPerson(ctx, p, { role: 'representative', contactRequired: false });
  }
  let allowDuplicate = prefill.allowDuplicate ?? false;
  const parties = proc.parties?.length ? await askParties(ctx, p, proc.parties, applicant, prefill.parties) : [];
  const dups = await deps.duplicates(applicant.personalId, proc.code);
  if (dups.length > 0 && !allowDuplicate) {
    writeErr(ctx, L(`Cảnh báo: người này đang có hồ sơ mở cùng thủ tục: ${dups.join(', ')}`, `Warning: this person has an open dossier for the same procedure: ${dups.join(', ')}`));
    allowDuplicate = await p.confirm({ message: L('Vẫn tiếp nhận hồ sơ mới?', 'Receive a new dossier anyway?'), default: false });
    if (!allowDuplicate) throw cancelled();
  }

  // 4. checklist: conditional cases first (one screen of yes/no), then the papers
  const comps = componentsFor(proc, channel);
  const conditional = comps.filter((c) => !c.required && c.condition);
  let conditionsYes = prefill.conditionsYes ?? [];
  if (conditional.length > 0 && conditionsYes.length === 0) {
    conditionsYes = await p.checkbox<string>({
      message: L('Trường hợp nào áp dụng? (Space chọn, Enter nếu không có)', 'Which cases apply? (Space to tick, Enter for none)'),
      choices: conditional.map((c) => ({ name: c.condition ?? c.name, value: c.id, checked: false })),
    });
  }
  const guidance = deps.catalog.guidance(proc);
  if (guidance.length > 0) {
    writeErr(ctx, L('Lưu ý khi kiểm tra (không phải giấy tờ phải nộp):', 'Guidance (not papers to hand in):'));
    for (const g of guidance) writeErr(ctx, `  • ${g}`);
  }
  const applicable = comps.filter((c) => c.required || conditionsYes.includes(c.id));
  const provided = await p.checkbox<string>({
    message: L('Giấy tờ đã có (bỏ chọn cái còn thiếu; "xuất trình" = chỉ đối chiếu)', 'Papers present (untick what is missing; "present" = shown only)'),
    choices: applicable.map((c) => ({
      name: `${c.kind === 'present' ? L('[xuất trình] ', '[present] ') : ''}${c.name}${c.quantity ? ` · ${c.quantity}` : ''}${c.copy ? ` ${copyText(c.copy)?.toLowerCase()}` : ''}`,
      value: c.id,
      checked: prefill.provided ? prefill.provided.includes(c.id) : true,
    })),
    pageSize: 12,
  });

  // 5. result delivery
  let delivery = prefill.delivery ?? null;
  if (!delivery) {
    const method = await p.select<'counter' | 'post'>({
      message: L('Nhận kết quả', 'Result delivery'),
      choices: [
        { name: L('Tại Trung tâm (quầy)', 'At the counter'), value: 'counter' },
        { name: L('Qua dịch vụ bưu chính công ích (trả phí, thêm thời gian chuyển phát)', 'By public postal service (paid, adds delivery time)'), value: 'post' },
      ],
    });
    if (method === 'post') {
      const address = cleanText(await p.input({ message: L('Địa chỉ nhận kết quả', 'Delivery address'), default: applicant.address ?? undefined, validate: (s) => (s.trim() ? true : L('Cần địa chỉ', 'Required')) }));
      const zone = await p.select<PostalZone>({ message: L('Vùng giá cước (TT 22/2017)', 'Price zone (TT 22/2017)'), choices: Object.entries(POSTAL_ZONES).map(([k, v]) => ({ name: t(ctx, v), value: k as PostalZone })) });
      const price = postalPrice({ direction: 'return', zone, weightGrams: 100 });
      writeErr(ctx, L(`Cước trả kết quả tối đa: ${formatVnd(price.priceVnd)} đồng (đến 100 g; TT 22/2017). Thời gian chuyển phát cộng thêm sau ngày hẹn trả.`, `Maximum return postage: ${formatVnd(price.priceVnd)} VND (up to 100 g; TT 22/2017). Delivery time comes on top of the appointment.`));
      delivery = { method: 'post', address, zone, weightGrams: 100 };
    } else delivery = { method: 'counter', address: null, zone: null, weightGrams: null };
  }

  // 6. summary and outcome
  const base: IntakeAnswers = {
    procedureCode: proc.code,
    channel,
    vneidLevel2,
    applicant,
    representative,
    ...(parties.length ? { parties } : {}),
    provided,
    conditionsYes,
    invalid: prefill.invalid ?? [],
    delivery,
    refuseReason: null,
    supplementNote: prefill.supplementNote ?? null,
    receivedAt: prefill.receivedAt ?? null,
    operator: prefill.operator ?? 'operator',
    allowDuplicate,
    declineNotifications: prefill.declineNotifications ?? false,
    setCount: prefill.setCount ?? 1,
    resumeRef: prefill.resumeRef ?? null,
  };
  for (;;) {
    const ev = evaluateChecklist(snapshotProcedure(proc, channel), base, (m) => t(ctx, m));
    writeErr(ctx, L('— Tóm tắt —', '— Summary —'));
    writeErr(ctx, `  ${proc.code} ${proc.name} · ${t(ctx, CHANNEL_TEXT[channel])}`);
    writeErr(ctx, `  ${applicant.fullName} · ${applicant.personalId ?? ''}${representative ? ` · ${L('người nộp thay', 'filed by')} ${representative.fullName}` : ''}`);
    if (ev.missing.length === 0) writeErr(ctx, L('  Giấy tờ: đủ', '  Papers: complete'));
    else for (const m of ev.missing) writeErr(ctx, `  ${L('Thiếu/không hợp lệ', 'Missing/invalid')}: ${m.name} (${m.reason})`);
    const choice = await p.select<'receive' | 'supplement' | 'invalid' | 'refuse' | 'cancel'>({
      message: L('Kết quả kiểm tra', 'Outcome'),
      choices: [
        ...(ev.complete && !noTime ? [{ name: L('Tiếp nhận: cấp mã hồ sơ, in Giấy tiếp nhận (Mẫu 01)', 'Receive: issue the code, print the receipt (Mẫu 01)'), value: 'receive' as const }] : []),
        ...(!ev.complete ? [{ name: L('Chưa đủ: in Phiếu yêu cầu bổ sung (Mẫu 02)', 'Incomplete: print the supplement request (Mẫu 02)'), value: 'supplement' as const }] : []),
        { name: L('Đánh dấu giấy tờ không hợp lệ…', 'Mark a paper as not acceptable…'), value: 'invalid' as const },
        { name: L('Từ chối tiếp nhận (Mẫu 03)', 'Refuse (Mẫu 03)'), value: 'refuse' as const },
        { name: L('Hủy, không ghi gì', 'Cancel, write nothing'), value: 'cancel' as const },
      ],
    });
    if (choice === 'cancel') throw cancelled();
    if (choice === 'receive' || choice === 'supplement') return base;
    if (choice === 'refuse') {
      base.refuseReason = cleanText(await p.input({ message: L('Lý do từ chối', 'Reason for refusal'), validate: (s) => (s.trim() ? true : L('Cần ghi lý do', 'A reason is required')) }));
      return base;
    }
    const id = await p.select<string>({ message: L('Giấy tờ nào?', 'Which paper?'), choices: comps.filter((c) => base.provided.includes(c.id)).map((c) => ({ name: c.name, value: c.id })) });
    const reason = cleanText(await p.input({ message: L('Lý do không hợp lệ', 'Why is it not acceptable?'), validate: (s) => (s.trim() ? true : L('Cần ghi lý do', 'A reason is required')) }));
    base.invalid = [...base.invalid.filter((x) => x.id !== id), { id, reason }];
  }
}

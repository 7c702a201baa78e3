import { printJson, writeOut } from '../../context.js';
import { type Profile, requireProfile } from '../../config/profile.js';
import type { Dossier } from '../../domain/dossier/types.js';
import { applyAction } from '../../domain/dossier/apply.js';
import { derive, isClosed } from '../../domain/dossier/status.js';
import { toVnIso, vnDate } from '../../domain/time.js';
import { rulesInForce } from '../../documents/rules.js';
import { usageError } from '../../errors.js';
import { keepDocument, receiptModelFor, refusalModelFor, supplementModelFor, writeDocument } from '../../intake/documents.js';
import { intakeDraft } from '../../intake/receive.js';
import { openStore, operatorName } from '../../store/index.js';
import { sendOut } from '../../print/send.js';
import type { Handler } from '../types.js';

const FORMS = { receipt: '01', supplement: '02', refusal: '03' } as const;
type Kind = keyof typeof FORMS;

/** Mẫu 01 regenerated from a stored dossier, written next to the earlier prints (keep `pdf` in the store with keepDocument). */
export async function receiptFile(home: string, profile: Profile, d: Dossier): Promise<{ file: string; prints: number; pdf: Buffer }> {
  const { renderReceipt } = await import('../../documents/form01-receipt.js');
  const received = d.events.find((e) => e.type === 'received');
  const setCount = Number((received?.data as { setCount?: number } | undefined)?.setCount ?? 1);
  const pdf = await renderReceipt(receiptModelFor(profile, d, rulesInForce(vnDate(new Date(d.receivedAt))), setCount));
  const prints = d.events.filter((e) => e.type === 'printed' && (e.data as { form?: string } | undefined)?.form === '01').length;
  return { file: await writeDocument(home, d.code, new Date(d.receivedAt), '01', pdf, prints), prints, pdf };
}

/** Regenerate a document from what is stored, and record the reprint in the history. */
export const printHandler: Handler = async (ctx, { args, opts }) => {
  const code = (args[0] ?? '').trim();
  const kind = (args[1] ?? '').trim() as Kind;
  if (!(kind in FORMS)) {
    throw usageError('USAGE', { vi: 'Loại giấy tờ không hợp lệ "{k}": receipt, supplement hoặc refusal.', en: 'Unknown document "{k}": receipt, supplement or refusal.' }, { vars: { k: kind } });
  }
  const profile = await requireProfile(ctx);
  const store = await openStore(ctx);
  const operator = operatorName(ctx, opts.operator);
  const now = ctx.now();
  // a closed dossier lives in the archive, which is not rewritten: its receipt is printed again
  // without a history entry
  const found = await store.getDossier(code);
  if (found?.archived) {
    if (kind !== 'receipt') throw usageError('DOCUMENT_NOT_AVAILABLE', { vi: 'Hồ sơ {code} đã được tiếp nhận: chỉ in lại được Giấy tiếp nhận (receipt).', en: 'Dossier {code} was received: only the receipt can be reprinted.' }, { vars: { code } });
    const { file, pdf } = await receiptFile(ctx.home, profile, found.dossier);
    await keepDocument(store.files, ctx.home, file, pdf, code);
    const sent = await sendOut(ctx, file, opts);
    if (opts.json) printJson(ctx, { schemaVersion: 1, code, document: kind, form: '01', path: file, archived: true, ...sent });
    else writeOut(ctx, file);
    return 0;
  }
  let kept: { file: string; pdf: Buffer } | undefined;
  const path = await store.tx(async (t) => {
    const stored = await t.dossier(code);
    const d = stored && !isClosed(derive(stored).status) ? stored : undefined; // one archived meanwhile is not reprinted here
    if (d) {
      if (kind !== 'receipt') throw usageError('DOCUMENT_NOT_AVAILABLE', { vi: 'Hồ sơ {code} đã được tiếp nhận: chỉ in lại được Giấy tiếp nhận (receipt).', en: 'Dossier {code} was received: only the receipt can be reprinted.' }, { vars: { code } });
      const { file, prints, pdf } = await receiptFile(ctx.home, profile, d);
      await t.putDossier(applyAction(d, 'printed', { at: now, operator, data: { form: '01', path: file, reprint: prints > 0 } }).dossier);
      kept = { file, pdf };
      return file;
    }
    const draft = intakeDraft(await t.draft(code));
    if (!draft) {
      throw usageError('DOSSIER_UNKNOWN', { vi: 'Không có hồ sơ hay mã tham chiếu {code}.', en: 'No dossier or reference {code}.' }, { vars: { code } });
    }
    const want = draft.kind === 'incomplete' ? 'supplement' : 'refusal';
    if (kind !== want) throw usageError('DOCUMENT_NOT_AVAILABLE', { vi: '{code} chỉ có {want}.', en: '{code} only has a {want}.' }, { vars: { code, want } });
    const issuedAt = new Date(draft.documents.at(-1)?.at ?? draft.updatedAt);
    const rules = rulesInForce(vnDate(issuedAt));
    const a = draft.answers;
    const common = { rules, ref: draft.ref, procedureCode: a.procedureCode, applicant: a.applicant, organisation: a.organisation ?? null, operator: draft.operator, issuedAt };
    const procName = draft.procedureName ?? a.procedureCode;
    let pdf: Buffer;
    if (kind === 'supplement') {
      const { renderSupplement } = await import('../../documents/form02-supplement.js');
      pdf = await renderSupplement(supplementModelFor(profile, { ...common, procedureName: procName, number: draft.number ?? '', missing: draft.missing, note: a.supplementNote }));
    } else {
      const { renderRefusal } = await import('../../documents/form03-refusal.js');
      pdf = await renderRefusal(refusalModelFor(profile, { ...common, representative: a.representative ?? null, procedureName: procName, reasons: draft.reasons }));
    }
    const form = FORMS[kind] as '02' | '03';
    const version = draft.documents.filter((x) => x.form === form).length;
    const file = await writeDocument(ctx.home, draft.ref, issuedAt, form, pdf, version);
    await t.putDraft({ ...draft, documents: [...draft.documents, { form, path: file, at: toVnIso(now), reprint: true }] });
    kept = { file, pdf };
    return file;
  });
  if (kept) await keepDocument(store.files, ctx.home, kept.file, kept.pdf, code);
  // the PDF and its history entry are saved first; a printer that fails is then exit 1, the file stays
  if (!opts.json) writeOut(ctx, path);
  const sent = await sendOut(ctx, path, opts);
  if (opts.json) printJson(ctx, { schemaVersion: 1, code, document: kind, form: FORMS[kind], path, ...sent });
  return 0;
};

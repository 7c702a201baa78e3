import { type Context, printJson, t, writeErr, writeOut } from '../../context.js';
import { requireProfile } from '../../config/profile.js';
import { type AmendableField, type AmendmentData, amendedView, diffPerson, FIELD_TEXT } from '../../domain/dossier/amend.js';
import { applyAction } from '../../domain/dossier/apply.js';
import type { Person } from '../../domain/dossier/types.js';
import { type Failed, validatePersonalId } from '../../domain/identity.js';
import { cleanText } from '../../domain/text.js';
import { checkPersonField } from '../../intake/person-field.js';
import { vnDate } from '../../domain/time.js';
import { failure, usageError } from '../../errors.js';
import { keepDocument } from '../../intake/documents.js';
import { openStore, operatorName } from '../../store/index.js';
import { requireOpen, saveStep } from '../../workflow/steps.js';
import { loadDossier } from '../show/handler.js';
import type { Handler } from '../types.js';

const FLAGS: Record<AmendableField, string> = { fullName: 'name', personalId: 'idNumber', birthDate: 'birthDate', phone: 'phone', email: 'email', address: 'address' };
const FLAG_TEXT: Record<AmendableField, string> = { fullName: '--name', personalId: '--id-number', birthDate: '--birth-date', phone: '--phone', email: '--email', address: '--address' };

type Wanted = Partial<Record<AmendableField, string | null>>;

/** The corrected values from the flags, each checked like at intake; exit 2 naming every bad flag. */
function wantedFrom(ctx: Context, opts: Record<string, unknown>, current: Person): Wanted {
  const today = vnDate(ctx.now());
  const out: Wanted = {};
  const problems: { field: string; message: { vi: string; en: string } }[] = [];
  const fail = (f: AmendableField, r: Failed) => problems.push({ field: FLAG_TEXT[f], message: { vi: r.problems.map((p) => p.message.vi).join('; '), en: r.problems.map((p) => p.message.en).join('; ') } });
  for (const f of Object.keys(FLAGS) as AmendableField[]) {
    const v = opts[FLAGS[f]];
    if (typeof v !== 'string') continue;
    // an empty phone, e-mail or address removes it; a name, number or birth date cannot be empty
    if (v.trim() === '' && (f === 'phone' || f === 'email' || f === 'address')) {
      out[f] = null;
      continue;
    }
    const r = checkPersonField(f, v, today);
    if (r.ok) out[f] = r.value;
    else fail(f, r);
  }
  // the number's digits 4–6 encode the century and year of birth: check the pair as it will stand
  const id = out.personalId ?? current.personalId;
  const birth = out.birthDate ?? current.birthDate;
  if ((out.personalId || out.birthDate) && id && birth && problems.length === 0) {
    const r = validatePersonalId(id, { birthDate: birth });
    if (!r.ok) fail(out.personalId ? 'personalId' : 'birthDate', r);
  }
  if (problems.length) {
    const text = problems.map((p) => `${p.field}: ${t(ctx, p.message)}`).join('\n  ');
    throw usageError('INVALID_INPUT', { vi: 'Dữ liệu không hợp lệ:\n  {text}', en: 'Invalid input:\n  {text}' }, { vars: { text }, details: problems });
  }
  return out;
}

export const amendHandler: Handler = async (ctx, { args, opts }) => {
  const reason = typeof opts.reason === 'string' ? cleanText(opts.reason) : '';
  const any = (Object.values(FLAGS) as string[]).some((k) => typeof opts[k] === 'string');
  if (!any) throw usageError('USAGE', { vi: 'Cần ít nhất một thông tin đính chính: --name, --id-number, --birth-date, --phone, --email hoặc --address.', en: 'Give at least one correction: --name, --id-number, --birth-date, --phone, --email or --address.' });
  if (!reason) throw usageError('AMEND_REASON_REQUIRED', { vi: 'Cần --reason "lý do đính chính": lịch sử hồ sơ ghi lại vì sao thông tin được sửa.', en: 'Give --reason "why": the history records why the details were changed.' });
  const target: AmendmentData['target'] = opts.representative ? 'representative' : 'applicant';
  const store = await openStore(ctx);
  const { dossier: found, archived } = await loadDossier(ctx, String(args[0] ?? ''), store);
  if (archived) {
    throw failure('DOSSIER_CLOSED', { vi: 'Hồ sơ {code} đã kết thúc và nằm trong kho lưu trữ: không đính chính được.', en: 'Dossier {code} is closed and archived: it cannot be corrected.' }, { vars: { code: found.code } });
  }
  const before = amendedView(found)[target];
  if (!before) throw usageError('AMEND_NO_REPRESENTATIVE', { vi: 'Hồ sơ {code} không có người nộp thay.', en: 'Dossier {code} has no representative.' }, { vars: { code: found.code } });
  const wanted = wantedFrom(ctx, opts, before);
  const profile = await requireProfile(ctx);
  const now = ctx.now();
  const operator = operatorName(ctx, opts.operator);
  const L = (m: { vi: string; en: string }) => t(ctx, m);
  let kept: { file: string; pdf: Buffer } | undefined;
  const result = await store.tx(async (t) => {
    const d = await requireOpen(t, found.code);
    const current = amendedView(d)[target]!;
    const changes = diffPerson(current, wanted);
    const fields = Object.keys(changes) as AmendableField[];
    if (fields.length === 0) return { applied: false, changes, file: null as string | null, dossier: d };
    const data: AmendmentData = { target, changes, reason };
    let next = applyAction(d, 'amended', { at: now, operator, data: data as unknown as Record<string, unknown> }).dossier;
    // once the portal knows the dossier, the corrected record goes there too (as route/result do)
    await saveStep(t, next, { profile, now, operator }, { department: profile.commune.centreName, content: `Đính chính ${fields.map((f) => FIELD_TEXT[f].vi).join(', ')}: ${reason}` });
    let file: string | null = null;
    if (opts.reprint) {
      const { receiptFile } = await import('../print/handler.js');
      const r = await receiptFile(ctx.home, profile, next);
      file = r.file;
      kept = { file, pdf: r.pdf };
      next = applyAction(next, 'printed', { at: now, operator, data: { form: '01', path: file, reprint: true, reason: 'amended' } }).dossier;
      await t.putDossier(next);
    }
    return { applied: true, changes, file, dossier: next };
  });
  if (kept) await keepDocument(store.files, ctx.home, kept.file, kept.pdf, result.dossier.code);
  const queued = result.applied && result.dossier.events.some((e) => e.type === 'submit-queued');
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, code: result.dossier.code, action: 'amend', applied: result.applied, target, changes: result.changes, reason, portalQueued: queued, ...(result.file ? { document: { form: '01', path: result.file } } : {}) });
    return 0;
  }
  if (!result.applied) {
    writeErr(ctx, L({ vi: 'Không có gì thay đổi: thông tin đã như vậy.', en: 'Nothing to change: the details are already so.' }));
    return 0;
  }
  const lines = [`${L({ vi: 'Đã đính chính hồ sơ', en: 'Corrected dossier' })} ${result.dossier.code}:`];
  for (const f of Object.keys(result.changes) as AmendableField[]) {
    const c = result.changes[f]!;
    lines.push(`  ${L(FIELD_TEXT[f])}: ${c.from ?? '—'} → ${c.to ?? '—'}`);
  }
  lines.push(`  ${L({ vi: 'Lý do', en: 'Reason' })}: ${reason}`);
  if (queued) lines.push(`  ${L({ vi: 'Đã xếp hàng cập nhật lên cổng tỉnh (gov-desk submit hoặc sync gửi đi).', en: 'Queued for the portal (sent by gov-desk submit or sync).' })}`);
  if (result.file) lines.push(`  Mẫu 01: ${result.file}`);
  writeOut(ctx, lines.join('\n'));
  return 0;
};

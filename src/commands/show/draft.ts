import { type Context, printJson, t, writeOut } from '../../context.js';
import { intakeDraft } from '../../intake/receive.js';
import { terminalSafe as safe } from '../../domain/text.js';
import { openStore } from '../../store/index.js';
import { formatStamp } from '../format.js';

/** `show HD-…` / `show TC-…`: a kept incomplete or refused intake. Returns false when there is none. */
export async function showDraft(ctx: Context, ref: string, json: boolean): Promise<boolean> {
  const d = intakeDraft(await (await openStore(ctx)).draft(ref));
  if (!d) return false;
  if (json) {
    printJson(ctx, { schemaVersion: 1, intake: d });
    return true;
  }
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const lines = [
    `${d.kind === 'incomplete' ? L('Tiếp nhận chưa đủ giấy tờ', 'Incomplete intake') : L('Từ chối tiếp nhận', 'Refused intake')} ${d.ref}${d.dossierCode ? ` → ${d.dossierCode}` : ''}`,
    `  ${L('Thủ tục', 'Procedure')}: ${safe(d.answers.procedureCode)} ${safe(d.procedureName)}`,
    `  ${L('Người nộp', 'Applicant')}: ${safe(d.answers.applicant.fullName)}`,
    `  ${L('Lập lúc', 'Created')}: ${formatStamp(d.createdAt)} · ${L('số', 'number')} ${d.number ?? '—'}`,
  ];
  for (const m of d.missing) lines.push(`  - ${safe(m.name)}: ${safe(m.reason)}`);
  for (const r of d.reasons) lines.push(`  ${L('Lý do', 'Reason')}: ${safe(r)}`);
  for (const doc of d.documents) lines.push(`  Mẫu ${doc.form}: ${doc.path}`);
  if (d.kind === 'incomplete' && !d.dossierCode) lines.push(`  ${L('Tiếp tục', 'Resume')}: gov-desk intake --resume ${d.ref}`);
  writeOut(ctx, lines.join('\n'));
  return true;
}

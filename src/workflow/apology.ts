import type { Profile } from '../config/profile.js';
import { applyAction } from '../domain/dossier/apply.js';
import { currentDueAt } from '../domain/dossier/summary.js';
import type { Dossier } from '../domain/dossier/types.js';
import { toVnIso, vnDate } from '../domain/time.js';
import { rulesInForce } from '../documents/rules.js';
import { usageError } from '../errors.js';
import { agencyModel, partyModel, writeDocument } from '../intake/documents.js';
import type { StoreTx } from '../store/port.js';
import { saveStep, requireOpen } from './steps.js';

async function nextApologyNumber(t: StoreTx, at: Date): Promise<string> {
  const n = await t.nextNumber('register', `PXL-${vnDate(at).slice(0, 4)}`);
  return `${String(n).padStart(2, '0')}/PXL`;
}

/**
 * Confirm an apology: Mẫu 04 with the reason and the new date (numbered per year), the
 * `apology-issued` event (which moves the appointment in force) and the portal update.
 */
export async function issueApology(t: StoreTx, o: { code: string; reason: string; newDueAt: Date; signer: string | null; profile: Profile; home: string; now: Date; operator: string }): Promise<{ dossier: Dossier; number: string; path: string }> {
  const d = await requireOpen(t, o.code);
  const missed = currentDueAt(d);
  if (o.newDueAt.getTime() <= o.now.getTime()) {
    throw usageError('INVALID_INPUT', { vi: '--new-date phải ở sau thời điểm hiện tại.', en: '--new-date must be in the future.' });
  }
  const number = await nextApologyNumber(t, o.now);
  const rules = rulesInForce(vnDate(new Date(d.receivedAt)));
  const { renderApology } = await import('../documents/form04-apology.js');
  const pdf = await renderApology({
    rules,
    agency: agencyModel(o.profile, new Date(d.receivedAt)),
    number,
    code: d.code,
    procedureCode: d.procedure.code,
    procedureName: d.procedure.name,
    applicant: partyModel(d.applicant),
    receivedAt: new Date(d.receivedAt),
    dueAt: new Date(missed),
    reason: o.reason,
    newDueAt: o.newDueAt,
    issuedAt: o.now,
    signer: { name: o.signer },
  });
  const prior = d.events.filter((e) => e.type === 'apology-issued').length;
  const file = await writeDocument(o.home, d.code, new Date(d.receivedAt), '04', pdf, prior);
  const r = applyAction(d, 'apology-issued', { at: o.now, operator: o.operator, key: `apology:${missed}`, data: { number, reason: o.reason, newDueAt: toVnIso(o.newDueAt), missedDueAt: missed, path: file } });
  await saveStep(t, r.dossier, { profile: o.profile, now: o.now, operator: o.operator }, { department: o.profile.commune.centreName, content: `Xin lỗi và hẹn lại ngày trả kết quả: ${toVnIso(o.newDueAt)}. Lý do: ${o.reason}` });
  for (const a of await t.drafts()) {
    if (a.kind === 'apology' && a.code === o.code && !a.confirmedAt) await t.putDraft({ ...a, confirmedAt: toVnIso(o.now) });
  }
  return { dossier: r.dossier, number, path: file };
}

import { type Context, printJson, writeOut } from '../../context.js';
import { requireProfile } from '../../config/profile.js';
import { applyAction } from '../../domain/dossier/apply.js';
import { derive, isClosed } from '../../domain/dossier/status.js';
import { currentDueAt } from '../../domain/dossier/summary.js';
import { controlSlipRows } from '../../domain/handover.js';
import { vnDate } from '../../domain/time.js';
import { rulesInForce } from '../../documents/rules.js';
import { agencyModel, partyModel, printedFormNumber, writeDocument } from '../../intake/documents.js';
import { openStore, operatorName } from '../../store/index.js';
import { loadDossier } from '../show/handler.js';

/** Mẫu 05 (TT 03/2025: Mẫu 06) from the hand-over history; recorded as printed on open dossiers. */
export async function printControlSlip(ctx: Context, code: string, json: boolean): Promise<number> {
  const profile = await requireProfile(ctx);
  const operator = operatorName(ctx); // before anything is written: no person, no form (exit 2)
  const { dossier: d, archived } = await loadDossier(ctx, code);
  const { renderControlSlip } = await import('../../documents/form05-control.js');
  const rules = rulesInForce(vnDate(new Date(d.receivedAt)));
  const departmentNames = Object.fromEntries(profile.departments.map((x) => [x.id, x.name]));
  const rows = controlSlipRows(d, { counterName: profile.commune.centreName, departmentNames });
  const now = ctx.now();
  const pdf = await renderControlSlip({
    rules,
    agency: agencyModel(profile, new Date(d.receivedAt)),
    code: d.code,
    procedureCode: d.procedure.code,
    procedureName: d.procedure.name,
    applicant: partyModel(d.applicant),
    receivedAt: new Date(d.receivedAt),
    dueAt: new Date(currentDueAt(d)),
    handlingAgency: rows.at(-1)?.toId ? rows.at(-1)!.to : profile.commune.centreName,
    rows: rows.map((r) => ({ from: r.from, to: r.to, handedAt: new Date(r.handedAt), handedBy: r.handedBy, receivedAt: r.receivedAt ? new Date(r.receivedAt) : null, receivedBy: r.receivedBy, timing: r.timing, note: r.note })),
    issuedAt: now,
  });
  // earlier prints: recorded with kind 'control' (and, before, as form '05' under both rule sets)
  const prints = d.events.filter((e) => e.type === 'printed' && ((e.data as { kind?: string } | undefined)?.kind === 'control' || (e.data as { form?: string } | undefined)?.form === '05')).length;
  const form = printedFormNumber('05', new Date(d.receivedAt));
  const file = await writeDocument(ctx.home, d.code, new Date(d.receivedAt), '05', pdf, prints);
  if (!archived) {
    await (await openStore(ctx)).tx(async (t) => {
      const cur = await t.dossier(d.code);
      if (cur && !isClosed(derive(cur).status)) await t.putDossier(applyAction(cur, 'printed', { at: now, operator, data: { form, kind: 'control', path: file } }).dossier);
    });
  }
  if (json) printJson(ctx, { schemaVersion: 1, code: d.code, form, path: file, rows });
  else writeOut(ctx, file);
  return 0;
}

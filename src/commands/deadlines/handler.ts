import { printJson, t, writeErr, writeOut } from '../../context.js';
import { requireProfile } from '../../config/profile.js';
import { derive, isClosed } from '../../domain/dossier/status.js';
import { currentDueAt } from '../../domain/dossier/summary.js';
import { fromVn, vnParts } from '../../domain/time.js';
import { usageError } from '../../errors.js';
import { openStore, operatorName } from '../../store/index.js';
import { issueApology } from '../../workflow/apology.js';
import { type ApologyDraft, pendingApologies, sweepDeadlines } from '../../workflow/deadlines.js';
import { afterApology } from '../../workflow/hooks.js';
import { parseDateOption } from '../date-option.js';
import { formatStamp } from '../format.js';
import type { Handler } from '../types.js';

export const deadlinesHandler: Handler = async (ctx, { opts }) => {
  const profile = await requireProfile(ctx);
  const store = await openStore(ctx);
  const { loadCalendarFor } = await import('../../store/overrides.js');
  const { calendar } = await loadCalendarFor(ctx);
  const now = ctx.now();
  if (typeof opts.confirm === 'string') {
    const code = opts.confirm.trim();
    const reason = typeof opts.reason === 'string' ? opts.reason.trim().normalize('NFC') : '';
    if (!reason) throw usageError('MISSING_VALUE', { vi: 'Thiếu giá trị bắt buộc: --reason', en: 'Missing required value: --reason' });
    const newDate = typeof opts.newDate === 'string' ? parseDateOption(opts.newDate, '--new-date') : null;
    const r = await store.tx(async (t) => {
      const draft = (await pendingApologies(t)).find((a) => a.code === code);
      let newDue: Date;
      if (newDate) {
        // same clock time as the appointment in force (not the moment the apology is typed)
        const found = await t.dossier(code);
        const open = found && !isClosed(derive(found).status) ? found : undefined;
        const base = draft ? new Date(draft.proposedNewDueAt) : open ? new Date(currentDueAt(open)) : now;
        const p = vnParts(base);
        newDue = fromVn(newDate, p.hour, p.minute);
      } else if (draft) newDue = new Date(draft.proposedNewDueAt);
      else throw usageError('MISSING_VALUE', { vi: 'Hồ sơ {code} chưa có đề xuất xin lỗi: ghi rõ --new-date.', en: 'No apology was proposed for {code}: give --new-date.' }, { vars: { code } });
      const issued = await issueApology(t, { code, reason, newDueAt: newDue, signer: typeof opts.signer === 'string' ? opts.signer.trim().normalize('NFC') : null, profile, home: ctx.home, now, operator: operatorName(ctx, opts.operator) });
      const notes = await afterApology(ctx, t, issued.dossier, profile);
      return { ...issued, notes };
    });
    if (opts.json) printJson(ctx, { schemaVersion: 1, code, apology: { number: r.number, path: r.path }, notifications: r.notes });
    else writeOut(ctx, t(ctx, { vi: 'Đã lập Phiếu xin lỗi số {n}: {p}', en: 'Apology {n} issued: {p}' }, { n: r.number, p: r.path }));
    return 0;
  }
  const res = await store.tx(async (t) => ({ sweep: await sweepDeadlines(t, calendar, now), pending: await pendingApologies(t) }));
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, dueSoon: res.sweep.dueSoon, overdue: res.sweep.overdue, drafted: res.sweep.drafted, pendingApologies: res.pending });
    return 0;
  }
  const lines: string[] = [];
  if (res.sweep.overdue.length) {
    lines.push(t(ctx, { vi: 'Quá hạn:', en: 'Overdue:' }));
    for (const o of res.sweep.overdue) {
      const draft = res.pending.find((p: ApologyDraft) => p.ref === o.draft);
      lines.push(`  ${o.code}  ${formatStamp(o.dueAt)}${draft ? t(ctx, { vi: '  → cần lập phiếu xin lỗi (đề xuất hẹn mới {d})', en: '  → apology needed (proposed new date {d})' }, { d: formatStamp(draft.proposedNewDueAt) }) : ''}`);
    }
  }
  if (res.sweep.dueSoon.length) {
    lines.push(t(ctx, { vi: 'Sắp đến hạn (trong một ngày làm việc):', en: 'Due within one working day:' }));
    for (const o of res.sweep.dueSoon) lines.push(`  ${o.code}  ${formatStamp(o.dueAt)}`);
  }
  if (lines.length) writeOut(ctx, lines.join('\n'));
  else writeErr(ctx, t(ctx, { vi: 'Không có hồ sơ sắp đến hạn hay quá hạn.', en: 'Nothing due soon or overdue.' }));
  if (res.pending.length) writeErr(ctx, t(ctx, { vi: 'Xác nhận phiếu xin lỗi: gov-desk deadlines --confirm MÃ --reason "…"', en: 'Confirm an apology: gov-desk deadlines --confirm CODE --reason "…"' }));
  return 0;
};

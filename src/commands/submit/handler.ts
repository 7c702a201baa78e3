import { type Context, printJson, printNdjson, t, writeErr, writeOut } from '../../context.js';
import { requireProfile } from '../../config/profile.js';
import { applyAction } from '../../domain/dossier/apply.js';
import { derive, isClosed } from '../../domain/dossier/status.js';
import type { Dossier } from '../../domain/dossier/types.js';
import { EXIT, usageError } from '../../errors.js';
import { resolvePortalConfig } from '../../portal/config.js';
import { buildHoSo } from '../../portal/hoso.js';
import { queueDossierSync } from '../../portal/outbox.js';
import type { FlushResult } from '../../portal/sender.js';
import { coverageOf } from '../../scan/coverage.js';
import { openStore, operatorName } from '../../store/index.js';
import type { Handler } from '../types.js';

function positiveInt(v: unknown, flag: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw usageError('USAGE', { vi: '{flag} cần số nguyên từ 1 đến 64', en: '{flag} needs a whole number from 1 to 64' }, { vars: { flag } });
  return n;
}

/** Human line for a flush result. */
export function describeResult(ctx: Context, r: FlushResult): string {
  const text = {
    accepted: { vi: 'cổng đã nhận', en: 'accepted by the portal' },
    failed: { vi: 'bị từ chối', en: 'refused' },
    'retry-scheduled': { vi: 'đã xếp hàng đợi (chưa gửi được, sẽ thử lại)', en: 'queued (not sent yet, will retry)' },
    waiting: { vi: 'chờ hồ sơ được cổng nhận', en: 'waiting for the dossier to be accepted' },
    conflict: { vi: 'TRÙNG MÃ với một hồ sơ khác trên cổng: không gửi, hồ sơ giữ tại máy (xem docs/portal.md)', en: 'CODE CONFLICT with another dossier on the portal: not sent, kept here (see docs/portal.md)' },
  }[r.outcome];
  const detail = r.text ? t(ctx, r.text) : r.message;
  return `${r.code} [${r.op}] ${t(ctx, text)}${detail && r.outcome !== 'accepted' ? `: ${detail}` : ''}`;
}

export const submitHandler: Handler = async (ctx, { args, opts }) => {
  const json = Boolean(opts.json);
  if (args.length === 0 && !opts.allReady) throw usageError('USAGE', { vi: 'Cho biết mã hồ sơ hoặc --all-ready.', en: 'Give dossier codes or --all-ready.' });
  const concurrency = positiveInt(opts.concurrency, '--concurrency', 4);
  const profile = await requireProfile(ctx);
  const operator = operatorName(ctx, opts.operator);
  const store = await openStore(ctx);
  const open = new Map((await store.openDossiers()).map((d) => [d.code, d]));
  const refused: { code: string; missing: string[]; reason: string }[] = [];
  const ready: Dossier[] = [];
  const candidates = opts.allReady ? [...open.values()].filter((d) => !d.events.some((e) => e.type === 'submit-queued')) : args.map((c) => c.trim());
  for (const c of candidates) {
    const d = typeof c === 'string' ? open.get(c) : c;
    const code = typeof c === 'string' ? c : c.code;
    if (!d) {
      refused.push({ code, missing: [], reason: t(ctx, { vi: 'không có hồ sơ đang mở mã này', en: 'no open dossier with this code' }) });
      continue;
    }
    if (isClosed(derive(d).status)) continue;
    const cov = coverageOf(d);
    if (!cov.readyToSubmit) {
      if (!opts.allReady) refused.push({ code, missing: cov.missing, reason: t(ctx, { vi: 'chưa số hóa đủ', en: 'not fully digitised' }) });
      continue;
    }
    if (!d.applicant.personalId) {
      refused.push({ code, missing: [], reason: t(ctx, { vi: 'thiếu số định danh của người nộp', en: "the applicant's identification number is missing" }) });
      continue;
    }
    ready.push(d);
  }
  for (const r of refused) {
    const line = `${r.code}: ${r.reason}${r.missing.length ? ` (${t(ctx, { vi: 'còn thiếu', en: 'missing' })}: ${r.missing.join(', ')})` : ''}`;
    if (json) printNdjson(ctx, { schemaVersion: 1, code: r.code, outcome: 'not-ready', missing: r.missing, message: r.reason });
    writeErr(ctx, `gov-desk: ${line}`);
  }
  if (opts.dryRun) {
    const records = ready.map((d) => buildHoSo(d, profile, []));
    printJson(ctx, { schemaVersion: 1, dryRun: true, records });
    return refused.length ? 1 : 0;
  }
  if (ready.length === 0) {
    if (!refused.length) writeErr(ctx, t(ctx, { vi: 'Không có hồ sơ nào sẵn sàng để gửi.', en: 'No dossier is ready to submit.' }));
    return refused.length ? 1 : 0;
  }
  const codes = ready.map((d) => d.code);
  // a configuration error is a usage error (exit 2), so it must come before anything is written
  resolvePortalConfig(profile, ctx.env, ctx.home);
  await store.tx(async (tx) => {
    const now = ctx.now();
    // rows are locked in code order, as every transaction that locks several dossiers does: two
    // desks submitting overlapping sets in different orders would otherwise deadlock (one fails)
    for (const code of [...codes].sort(byCode)) {
      const d = await tx.dossier(code);
      if (!d || isClosed(derive(d).status)) continue; // closed meanwhile (at another desk): nothing to send
      const queued = applyAction(d, 'submit-queued', { at: now, operator, key: 'submit-queued' });
      if (queued.applied) await tx.putDossier(queued.dossier);
      await queueDossierSync(tx, code, now, { retryConflict: true });
    }
  });
  const { flushWithProgress } = await import('./flush.js');
  const results = await flushWithProgress(ctx, store, profile, { codes, json, concurrency });
  const failed = results.filter((r) => r.outcome === 'failed' || r.outcome === 'conflict').length;
  const by = (o: FlushResult['outcome']) => results.filter((r) => r.op === 'dongbo' && r.outcome === o).length;
  // still waiting in the outbox (this run's attempt failed, or an earlier one is not due again yet)
  const after = await store.outbox('portal', { codes });
  const queued = codes.filter((c) => after.some((e) => e.code === c && e.op === 'dongbo' && (e.status === 'queued' || e.status === 'retry-scheduled'))).length;
  if (!json) {
    writeOut(ctx, t(ctx, { vi: 'Cổng đã nhận: {a}; xếp hàng đợi (sẽ thử lại): {r}; bị từ chối: {f}.', en: 'Accepted by the portal: {a}; queued (will retry): {r}; refused: {f}.' }, { a: by('accepted'), r: queued, f: by('failed') }));
    if (by('conflict')) writeOut(ctx, t(ctx, { vi: 'Trùng mã trên cổng (không gửi, giữ tại máy): {c}.', en: 'Code conflict on the portal (not sent, kept here): {c}.' }, { c: by('conflict') }));
    if (queued > 0) writeErr(ctx, t(ctx, { vi: 'Hồ sơ đã xếp hàng đợi: chưa kết nối được cổng. `gov-desk sync` sẽ gửi lại.', en: 'Dossiers queued: the portal could not be reached. `gov-desk sync` will send them.' }));
  }
  if (failed > 0 || refused.length > 0) return EXIT.failed;
  // only queued because the portal was unreachable: its own exit code (75, EX_TEMPFAIL)
  return queued > 0 ? EXIT.queued : EXIT.ok;
};

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

import { type Context, isInteractive, printJson, t, writeErr, writeOut } from '../../context.js';
import type { Dossier } from '../../domain/dossier/types.js';
import { type GovDeskError, isGovDeskError, usageError } from '../../errors.js';
import { type Candidate, candidateFor, listFolder, type ReadCandidate, readCandidate } from '../../scan/candidates.js';
import type { ScanLimits } from '../../scan/check.js';
import { type AssignedFile, type ImportEnv, importScans, requireScannable } from '../../scan/import.js';
import { openStore, operatorName } from '../../store/index.js';
import { loadDossier } from '../show/handler.js';
import type { Handler } from '../types.js';
import { assignByName, assignInteractive, checklistLines, validateComponent } from './assign.js';
import { resolveLimits, settleMs } from './options.js';
import { coverageLine, printResult, resultJson } from './output.js';
import { coverageJson } from '../../scan/coverage.js';

export interface ScanSession {
  dossier: Dossier;
  env: ImportEnv;
  component: string | null;
  json: boolean;
}

/** The dossier must exist and be open; the code is also a folder name, so it must be a plain one. */
async function openSession(ctx: Context, code: string, opts: Record<string, unknown>, limits: ScanLimits): Promise<ScanSession> {
  const store = await openStore(ctx);
  const { dossier, archived } = await loadDossier(ctx, code, store);
  requireScannable(dossier, archived);
  const component = typeof opts.component === 'string' ? validateComponent(dossier, opts.component) : null;
  return {
    dossier,
    component,
    json: Boolean(opts.json),
    env: { store, home: ctx.home, now: ctx.now(), operator: operatorName(ctx, opts.operator), limits },
  };
}

/** Print every refusal but the last, then throw the last (main prints it with its hint): nothing is stored when any file is refused. */
export function refuseAll(ctx: Context, problems: GovDeskError[]): void {
  if (problems.length === 0) return;
  for (const p of problems.slice(0, -1)) writeErr(ctx, `gov-desk: ${p.render(ctx.lang).message}`);
  throw problems[problems.length - 1]!;
}

/** Read and check every candidate; collect the refusals instead of stopping at the first. */
export async function readAll(candidates: Candidate[], limits: ScanLimits): Promise<{ ok: ReadCandidate[]; problems: GovDeskError[] }> {
  const ok: ReadCandidate[] = [];
  const problems: GovDeskError[] = [];
  for (const c of candidates) {
    try {
      ok.push(await readCandidate(c, limits));
    } catch (e) {
      if (!isGovDeskError(e)) throw e;
      problems.push(e);
    }
  }
  return { ok, problems };
}

async function assign(ctx: Context, s: ScanSession, files: ReadCandidate[]): Promise<AssignedFile[]> {
  if (s.component) return files.map((f) => ({ ...f, component: s.component! }));
  if (isInteractive(ctx, { json: s.json })) {
    const prompter = await ctx.prompter();
    writeErr(ctx, `${t(ctx, { vi: 'Danh mục giấy tờ của hồ sơ', en: 'Checklist of dossier' })} ${s.dossier.code}:`);
    writeErr(ctx, checklistLines(ctx, s.dossier).join('\n'));
    return assignInteractive(ctx, prompter, s.dossier, files);
  }
  const { assigned, problems } = assignByName(s.dossier, files);
  refuseAll(ctx, problems);
  return assigned;
}

export const scanImportHandler: Handler = async (ctx, { args, opts }) => {
  const code = (args[0] ?? '').trim();
  const files = args.slice(1);
  if (typeof opts.detach === 'string') return detach(ctx, code, files, opts);
  const sources = [files.length > 0, typeof opts.fromDir === 'string', typeof opts.watch === 'string'].filter(Boolean).length;
  if (sources !== 1) {
    throw usageError(sources === 0 ? 'SCAN_NO_FILES' : 'SCAN_OPTIONS_CONFLICT', sources === 0
      ? { vi: 'Chưa có tệp nào: đưa tên tệp, hoặc --from-dir THƯ_MỤC, hoặc --watch THƯ_MỤC.', en: 'No files given: name the files, or use --from-dir DIR, or --watch DIR.' }
      : { vi: 'Chỉ dùng một trong: danh sách tệp, --from-dir, --watch.', en: 'Use only one of: a list of files, --from-dir, --watch.' });
  }
  const limits = await resolveLimits(ctx, opts);
  const session = await openSession(ctx, code, opts, limits);
  if (typeof opts.watch === 'string') {
    const { watchFolder } = await import('./watch.js');
    return watchFolder(ctx, session, opts.watch, { settleMs: settleMs(opts) });
  }
  const candidates = typeof opts.fromDir === 'string' ? await listFolder(candidateFor(ctx.cwd, opts.fromDir).path) : files.map((f) => candidateFor(ctx.cwd, f));
  const { ok, problems } = await readAll(candidates, limits);
  refuseAll(ctx, problems);
  const assigned = await assign(ctx, session, ok);
  const result = await importScans(session.env, session.dossier.code, assigned);
  if (session.json) printJson(ctx, resultJson(result));
  else printResult(ctx, result);
  return 0;
};

/** `--detach COMPONENT[:FILE]`: alone (no files, no folder), on an open dossier. */
async function detach(ctx: Context, code: string, files: string[], opts: Record<string, unknown>): Promise<number> {
  if (files.length > 0 || typeof opts.fromDir === 'string' || typeof opts.watch === 'string' || typeof opts.component === 'string') {
    throw usageError('SCAN_OPTIONS_CONFLICT', { vi: '--detach đi một mình: không kèm tệp, --from-dir, --watch hay --component.', en: '--detach goes alone: no files, --from-dir, --watch or --component.' });
  }
  const { detachScans, parseDetachSpec } = await import('../../scan/detach.js');
  const spec = parseDetachSpec(String(opts.detach));
  const store = await openStore(ctx);
  const { dossier, archived } = await loadDossier(ctx, code, store);
  requireScannable(dossier, archived);
  validateComponent(dossier, spec.component);
  const reason = typeof opts.reason === 'string' && opts.reason.trim() ? opts.reason.trim().normalize('NFC') : null;
  const r = await detachScans({ store, home: ctx.home, now: ctx.now(), operator: operatorName(ctx, opts.operator) }, dossier.code, spec, reason);
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, dossier: r.code, detached: r.detached, portalQueued: r.portalQueued, coverage: coverageJson(r.coverage) });
    return 0;
  }
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const lines = [`${L('Đã gỡ bản quét khỏi hồ sơ', 'Detached from dossier')} ${r.code}:`];
  for (const x of r.detached) lines.push(`  - ${x.component}: ${x.sourceName} → ${x.movedTo} (${L('giữ lại để đối chiếu', 'kept for audit')})`);
  if (r.portalQueued) lines.push(`  ${L('Đã xếp hàng cập nhật lên cổng tỉnh.', 'Queued for the portal.')}`);
  lines.push(coverageLine(ctx, r.coverage));
  writeOut(ctx, lines.join('\n'));
  return 0;
}

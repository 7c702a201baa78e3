import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { type Context, printNdjson, t, writeErr, writeOut } from '../../context.js';
import { type GovDeskError, isGovDeskError } from '../../errors.js';
import { type Candidate, listFolder } from '../../scan/candidates.js';
import { coverageJson, coverageOf } from '../../scan/coverage.js';
import { type AssignedFile, importScans } from '../../scan/import.js';
import { assignByName } from './assign.js';
import { readAll, type ScanSession } from './handler.js';
import { coverageLine, lowResolutionWarnings, printResult, resultJson } from './output.js';

/**
 * `--watch DIR`: poll the scanner's output folder (fs.watch misses events on network drives) and
 * import each new file once its size and modification time have not changed for `settleMs`.
 * Files already in the folder when watching starts are left alone (use --from-dir for them). A
 * refused file is reported and skipped; it is looked at again only if it changes. Ctrl-C stops
 * the watch with exit 0. The component comes from --component or the file name (never a prompt).
 */
export interface WatchOptions {
  settleMs: number;
  /** Polling period; default: half the settle time, between 25 ms and 1 s. */
  pollMs?: number;
}

async function signature(file: string): Promise<string | undefined> {
  try {
    const st = await fsp.stat(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

const FATAL = new Set(['DOSSIER_CLOSED', 'SCAN_NOT_ALLOWED', 'DOSSIER_UNKNOWN', 'STORE_CORRUPT', 'STORE_NEWER_VERSION']);

export async function watchFolder(ctx: Context, s: ScanSession, dirArg: string, o: WatchOptions): Promise<number> {
  const dir = path.resolve(ctx.cwd, dirArg);
  const pollMs = o.pollMs ?? Math.min(1000, Math.max(25, Math.floor(o.settleMs / 2)));
  const handled = new Map<string, string>();
  const pending = new Map<string, { sig: string; since: number }>();
  for (const c of await listFolder(dir)) {
    const sig = await signature(c.path);
    if (sig) handled.set(c.name, sig);
  }
  let stopped = false;
  let wake: (() => void) | undefined;
  const stop = () => {
    stopped = true;
    wake?.();
  };
  const offs = [ctx.onSignal?.('SIGINT', stop), ctx.onSignal?.('SIGTERM', stop)];
  const code = s.dossier.code;
  writeErr(ctx, t(ctx, { vi: 'Đang theo dõi {dir} cho hồ sơ {code}. Bấm Ctrl-C để dừng.', en: 'Watching {dir} for dossier {code}. Press Ctrl-C to stop.' }, { dir, code }));

  const refused = (file: string, e: GovDeskError) => {
    if (s.json) printNdjson(ctx, { schemaVersion: 1, event: 'refused', dossier: code, file, code: e.code, message: e.render(ctx.lang).message });
    else writeErr(ctx, `gov-desk: ${e.render(ctx.lang).message}`);
  };

  const processBatch = async (batch: Candidate[]) => {
    const { ok, problems } = await readAll(batch, s.env.limits);
    for (const p of problems) refused(String(p.vars?.file ?? ''), p);
    let assigned: AssignedFile[];
    if (s.component) assigned = ok.map((f) => ({ ...f, component: s.component! }));
    else {
      const r = assignByName(s.dossier, ok);
      for (const p of r.problems) refused(String(p.vars?.file ?? p.vars?.id ?? ''), p);
      assigned = r.assigned;
    }
    if (assigned.length === 0) return;
    try {
      const result = await importScans({ ...s.env, now: ctx.now() }, code, assigned);
      if (s.json) {
        printNdjson(ctx, { event: 'imported', ...resultJson(result) });
        lowResolutionWarnings(ctx, result);
      } else printResult(ctx, result);
    } catch (e) {
      if (!isGovDeskError(e) || FATAL.has(e.code)) throw e;
      refused(assigned.map((f) => f.name).join(', '), e);
    }
  };

  try {
    while (!stopped) {
      let list: Candidate[] = [];
      try {
        list = await listFolder(dir);
      } catch (e) {
        if (!isGovDeskError(e)) throw e;
        writeErr(ctx, `gov-desk: ${e.render(ctx.lang).message}`); // e.g. a network drive went away: keep trying
      }
      const now = Date.now();
      const ready: Candidate[] = [];
      for (const c of list) {
        const sig = await signature(c.path);
        if (!sig || handled.get(c.name) === sig) continue;
        const p = pending.get(c.name);
        if (!p || p.sig !== sig) pending.set(c.name, { sig, since: now });
        else if (now - p.since >= o.settleMs) {
          ready.push(c);
          pending.delete(c.name);
          handled.set(c.name, sig);
        }
      }
      if (ready.length > 0 && !stopped) await processBatch(ready);
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  } finally {
    for (const off of offs) off?.();
  }
  const found = await s.env.store.getDossier(code);
  const cov = coverageOf(found?.dossier ?? s.dossier);
  if (s.json) printNdjson(ctx, { schemaVersion: 1, event: 'stopped', dossier: code, coverage: coverageJson(cov) });
  else writeOut(ctx, coverageLine(ctx, cov));
  return 0;
}

import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { applyAction } from '../domain/dossier/apply.js';
import { usageError } from '../errors.js';
import { queueDossierSync } from '../portal/outbox.js';
import { ensureDir } from '../store/files.js';
import { type Coverage, coverageOf, type DetachedEventData, type ScannedRecord, scannedFiles } from './coverage.js';
import { type ImportEnv, keepAttachment, openInTx, requireScannable } from './import.js';
import { ATTACHMENTS_DIR, attachmentPath, DETACHED_DIR, isSafeSegment } from './store.js';

/**
 * `scan-import CODE --detach COMPONENT[:FILE]`: take back scans attached to the wrong component.
 * Each one gets a `scan-detached` event (the `scanned` event stays in the history); the stored copy
 * is moved to `attachments/<code>/detached/<component>/` and kept for audit, never deleted. Only
 * scans can be detached: result documents are not scans and are never touched.
 */
export interface DetachSpec {
  component: string;
  /** A stored file name, the scanned file's own name, or the start of its SHA-256; all of the component when absent. */
  file: string | null;
}

export interface DetachResult {
  code: string;
  detached: (DetachedEventData & { sourceName: string })[];
  portalQueued: boolean;
  coverage: Coverage;
}

export function parseDetachSpec(s: string): DetachSpec {
  const i = s.indexOf(':');
  const component = (i < 0 ? s : s.slice(0, i)).trim();
  const file = i < 0 ? null : s.slice(i + 1).trim() || null;
  if (!component) throw usageError('USAGE', { vi: '--detach cần THÀNH_PHẦN hoặc THÀNH_PHẦN:TỆP.', en: '--detach needs COMPONENT or COMPONENT:FILE.' });
  return { component, file };
}

function matches(r: ScannedRecord, file: string | null): boolean {
  if (file === null) return true;
  const f = file.toLowerCase();
  const names = [path.posix.basename(r.file.path), r.file.sourceName, ...(r.file.sources ?? []).map((x) => x.name)].map((n) => n.toLowerCase());
  return names.includes(f) || (f.length >= 8 && /^[0-9a-f]+$/.test(f) && r.file.sha256.startsWith(f));
}

function notAttached(code: string, spec: DetachSpec, attached: ScannedRecord[]) {
  const list = attached.map((r) => `${r.component}:${path.posix.basename(r.file.path)} (${r.file.sourceName})`).join(', ') || '—';
  return usageError('SCAN_NOT_ATTACHED', {
    vi: 'Hồ sơ {code} không có bản quét "{what}" để gỡ. Đang gắn: {list}',
    en: 'Dossier {code} has no scan "{what}" to detach. Attached: {list}',
  }, { vars: { code, what: spec.file ? `${spec.component}:${spec.file}` : spec.component, list } });
}

export async function detachScans(env: Omit<ImportEnv, 'limits'>, code: string, spec: DetachSpec, reason: string | null): Promise<DetachResult> {
  const moved: { from: string; to: string }[] = [];
  const setAside: DetachedEventData[] = []; // copies moved aside (not those still recorded elsewhere)
  let result: DetachResult;
  try {
    result = await env.store.tx(async (t) => {
      let d = await openInTx(t, code);
      requireScannable(d, false);
      const attached = scannedFiles(d);
      const chosen = attached.filter((r) => r.component === spec.component && matches(r, spec.file));
      if (chosen.length === 0) throw notAttached(code, spec, attached);
      const detached: DetachResult['detached'] = [];
      for (const r of chosen) {
        const name = path.posix.basename(r.file.path);
        const movedTo = [ATTACHMENTS_DIR, code, DETACHED_DIR, isSafeSegment(r.component) ? r.component : 'component', `${r.seq}-${name}`].join('/');
        const data: DetachedEventData = { scanSeq: r.seq, component: r.component, sha256: r.file.sha256, path: r.file.path, movedTo, reason };
        d = applyAction(d, 'scan-detached', { at: env.now, operator: env.operator, key: `detach:${r.seq}`, data: data as unknown as Record<string, unknown> }).dossier;
        detached.push({ ...data, sourceName: r.file.sourceName });
      }
      // the copy is moved last, under the lock; if the write fails the move is undone below
      for (const x of detached) {
        const from = attachmentPath(env.home, x.path);
        const to = attachmentPath(env.home, x.movedTo);
        // the same stored copy may still be recorded for this component (attached again): keep it there
        if (scannedFiles(d).some((r) => r.file.path === x.path)) continue;
        setAside.push(x);
        await ensureDir(path.dirname(to));
        await fsp.rename(from, to).then(
          () => moved.push({ from, to }),
          (e: NodeJS.ErrnoException) => {
            if (e.code !== 'ENOENT') throw e; // already gone: the event still records it
          },
        );
      }
      await t.putDossier(d);
      const portalQueued = d.events.some((e) => e.type === 'submit-queued');
      if (portalQueued) await queueDossierSync(t, code, env.now); // the portal's file list changes too
      return { code, detached, portalQueued, coverage: coverageOf(d) };
    });
  } catch (e) {
    for (const m of moved.reverse()) await fsp.rename(m.to, m.from).catch(() => undefined);
    throw e;
  }
  // the copy kept for audit, in the store too (embedded: it is already there)
  for (const x of setAside) {
    const bytes = (await fsp.readFile(attachmentPath(env.home, x.movedTo)).catch(() => undefined)) ?? (await env.store.files.get(x.path, x.sha256).catch(() => undefined));
    if (bytes) await keepAttachment(env, code, x.movedTo, bytes, x.sha256);
  }
  return result;
}

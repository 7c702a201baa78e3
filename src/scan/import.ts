import { applyAction, statusText } from '../domain/dossier/apply.js';
import { allowed, derive, isClosed } from '../domain/dossier/status.js';
import type { Dossier } from '../domain/dossier/types.js';
import { failure, type GovDeskError, isGovDeskError } from '../errors.js';
import type { Store, StoreTx } from '../store/port.js';
import { assembleImages, type ImageSource } from './assemble.js';
import type { ReadCandidate } from './candidates.js';
import { corrupt, mb, type ScanLimits, tooLarge, tooManyPages } from './check.js';
import { type Coverage, coverageOf, knownHashes, type ScannedEventData, type ScannedFileData, scanKey, scanKeyFor, scannedFiles } from './coverage.js';
import { sha256Hex } from './hash.js';
import { naturalCompare } from './match.js';
import { recordedFiles } from './integrity.js';
import { attachmentRel, cleanOrphans, discardAttachment, storeAttachment } from './store.js';

/**
 * The import itself, shared by file lists, --from-dir and --watch: drop what is already recorded,
 * assemble the images of each component into one PDF, keep PDFs as they are, check the limits,
 * store every copy, then record one `scanned` event per stored copy in a single transaction.
 * Any refusal happens before the first byte is stored.
 */
export interface AssignedFile extends ReadCandidate {
  component: string;
}

export interface ImportedFile extends ScannedEventData {
  /** Names of the files it came from, in page order. */
  from: string[];
}

export interface SkippedFile {
  file: string;
  component: string;
  reason: 'already-imported' | 'duplicate-in-batch';
}

export interface ImportResult {
  code: string;
  imported: ImportedFile[];
  skipped: SkippedFile[];
  lowResolution: { name: string; dpi: number }[];
  coverage: Coverage;
}

export interface ImportEnv {
  store: Store;
  home: string;
  now: Date;
  operator: string;
  limits: ScanLimits;
}

export function dossierClosed(code: string): GovDeskError {
  return failure('DOSSIER_CLOSED', {
    vi: 'Hồ sơ {code} đã kết thúc (đã trả kết quả, bị từ chối, rút hoặc dừng); không số hóa thêm được.',
    en: 'Dossier {code} is closed (returned, refused, withdrawn or stopped); nothing more can be digitised.',
  }, { vars: { code }, hint: { vi: 'Kiểm tra mã hồ sơ: `gov-desk show {code}`.', en: 'Check the code: `gov-desk show {code}`.' } });
}

/** The open dossier under `code` in a transaction (an archived one is closed: refused). */
export async function openInTx(t: StoreTx, code: string): Promise<Dossier> {
  const d = await t.dossier(code);
  if (!d || isClosed(derive(d).status)) throw dossierClosed(code);
  return d;
}

/** A copy written to the home is kept by the store too (a server store holds the bytes; embedded: already there). */
export async function keepAttachment(env: Pick<ImportEnv, 'store'>, code: string, rel: string, bytes: Uint8Array, sha256: string): Promise<void> {
  await env.store.files.put(rel, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { sha256, mediaType: 'application/pdf', dossier: code });
}

/** Refuse a dossier that cannot take scans now (closed, or a status where the table refuses `scanned`). */
export function requireScannable(d: Dossier, archived: boolean): void {
  const { status } = derive(d);
  if (archived || isClosed(status)) throw dossierClosed(d.code);
  if (!allowed(status, 'scanned')) {
    throw failure('SCAN_NOT_ALLOWED', {
      vi: 'Hồ sơ {code} đang ở trạng thái "{status}": không nhập bản quét lúc này.',
      en: 'Dossier {code} is "{status}": scans cannot be added now.',
    }, { vars: { code: d.code, status: statusText(status).vi } });
  }
}

interface Output {
  component: string;
  bytes: Uint8Array;
  file: ScannedFileData;
  from: string[];
}

async function plan(d: Dossier, files: AssignedFile[], limits: ScanLimits): Promise<{ outputs: Output[]; skipped: SkippedFile[]; lowResolution: ImportResult['lowResolution'] }> {
  const skipped: SkippedFile[] = [];
  const fresh: AssignedFile[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const key = `${f.component}:${f.checked.sha256}`;
    if (knownHashes(d, f.component).has(f.checked.sha256)) skipped.push({ file: f.name, component: f.component, reason: 'already-imported' });
    else if (seen.has(key)) skipped.push({ file: f.name, component: f.component, reason: 'duplicate-in-batch' });
    else {
      seen.add(key);
      fresh.push(f);
    }
  }
  const order = d.procedure.components.map((c) => c.id);
  const components = [...new Set(fresh.map((f) => f.component))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const outputs: Output[] = [];
  const lowResolution: ImportResult['lowResolution'] = [];
  for (const component of components) {
    const mine = fresh.filter((f) => f.component === component).sort((a, b) => naturalCompare(a.name, b.name));
    for (const pdf of mine.filter((f) => f.checked.type === 'pdf')) {
      const c = pdf.checked;
      outputs.push({ component, bytes: pdf.bytes, from: [pdf.name], file: { path: attachmentRel(d.code, component, c.sha256, pdf.name), sha256: c.sha256, size: c.size, pages: c.pages, sourceName: pdf.name, sourceType: 'pdf' } });
    }
    const images = mine.filter((f) => f.checked.type !== 'pdf');
    if (images.length === 0) continue;
    const sources: ImageSource[] = images.map((f) => ({ name: f.name, type: f.checked.type as ImageSource['type'], bytes: f.bytes, image: f.checked.image }));
    const label = `${component} (${images.map((f) => f.name).join(', ')})`;
    let built: Awaited<ReturnType<typeof assembleImages>>;
    try {
      built = await assembleImages(sources, { maxPixels: limits.maxPixels });
    } catch (e) {
      if (isGovDeskError(e)) throw e;
      throw corrupt(label, images[0]!.checked.type, e instanceof Error ? e.message.slice(0, 200) : 'cannot be embedded');
    }
    lowResolution.push(...built.lowResolution);
    if (built.bytes.length > limits.maxBytes) throw tooLarge(label, built.bytes.length, limits);
    if (built.pages > limits.maxPages) throw tooManyPages(label, built.pages, limits);
    const sha = sha256Hex(built.bytes);
    const first = images[0]!;
    outputs.push({
      component,
      bytes: built.bytes,
      from: images.map((f) => f.name),
      file: {
        path: attachmentRel(d.code, component, sha, first.name),
        sha256: sha,
        size: built.bytes.length,
        pages: built.pages,
        sourceName: first.name,
        sourceType: first.checked.type,
        assembledFrom: images.length,
        sources: images.map((f) => ({ name: f.name, sha256: f.checked.sha256, size: f.checked.size, type: f.checked.type })),
      },
    });
  }
  return { outputs, skipped, lowResolution };
}

export async function importScans(env: ImportEnv, code: string, files: AssignedFile[]): Promise<ImportResult> {
  const found = await env.store.getDossier(code);
  if (!found) throw dossierClosed(code);
  requireScannable(found.dossier, found.archived);
  const { outputs, skipped, lowResolution } = await plan(found.dossier, files, env.limits);
  const written: string[] = [];
  try {
    // store first (outside the lock: copies can be large), record afterwards
    for (const o of outputs) {
      const r = await storeAttachment(env.home, o.file.path, o.bytes, o.file.sha256);
      if (!r.existed) written.push(o.file.path);
      await keepAttachment(env, code, o.file.path, o.bytes, o.file.sha256);
    }
    const { dossier, recorded, raced } = await env.store.tx(async (t) => {
      let d = await openInTx(t, code);
      requireScannable(d, false);
      const recorded: Output[] = [];
      const raced: Output[] = [];
      for (const o of outputs) {
        // under the lock, where orphans are removed: make sure the copy is (still) there before recording it
        await storeAttachment(env.home, o.file.path, o.bytes, o.file.sha256);
        const data: ScannedEventData = { component: o.component, file: o.file };
        const r = applyAction(d, 'scanned', { at: env.now, operator: env.operator, key: scanKeyFor(d, o.component, o.file.sha256), data: data as unknown as Record<string, unknown> });
        d = r.dossier;
        (r.applied ? recorded : raced).push(o);
      }
      await t.putDossier(d);
      // every file the history records (scans and result documents) is kept
      await cleanOrphans(env.home, code, new Set(recordedFiles(d).map((f) => f.path)), Date.now());
      return { dossier: d, recorded, raced };
    });
    for (const o of raced) for (const name of o.from) skipped.push({ file: name, component: o.component, reason: 'already-imported' });
    // a centre desk's home only stages the copies: they are in the shared database now, and a
    // citizen's papers are not left on this PC (viewers get a cached copy: store.files.localPath)
    if (env.store.kind !== 'embedded') for (const o of outputs) await discardAttachment(env.home, o.file.path).catch(() => undefined);
    return {
      code,
      imported: recorded.map((o) => ({ component: o.component, file: o.file, from: o.from })),
      skipped,
      lowResolution,
      coverage: coverageOf(dossier),
    };
  } catch (e) {
    await discardUnrecorded(env, code, written);
    if (isGovDeskError(e) && e.code === 'TRANSITION_NOT_ALLOWED') throw dossierClosed(code);
    throw e;
  }
}

/**
 * Nothing was recorded: remove the copies this run stored in the home, in a transaction (under the
 * lock), unless an event (of another run) refers to them.
 */
async function discardUnrecorded(env: ImportEnv, code: string, written: string[]): Promise<void> {
  if (written.length === 0) return;
  await env.store
    .tx(async (t) => {
      const found = await t.dossier(code);
      const referenced = new Set(found ? recordedFiles(found).map((f) => f.path) : []);
      for (const rel of written) if (!referenced.has(rel)) await discardAttachment(env.home, rel).catch(() => undefined);
    })
    .catch(() => undefined); // a later import of this dossier removes them anyway
}

export function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KiB` : `${mb(bytes)} MiB`;
}

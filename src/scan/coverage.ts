import type { ComponentSnapshot, Dossier } from '../domain/dossier/types.js';
import type { ScanType } from './sniff.js';

/**
 * Which components of a dossier are digitised, exempt or still missing (regulations.md §5). Pure.
 *
 * Exempt from digitisation (TT 01/2023/TT-VPCP; TT 03/2025/TT-VPCP Art. 5):
 * - `present-only`: documents only shown for comparison (component kind "present");
 * - `not-applicable`: the component does not apply to this dossier (conditional case answered no);
 * - `filed-online`: the dossier was already filed online (channel "online");
 * - `reused-data`: data already shared with legal value by a national or sector database
 *   (the catalogue has no field for this yet: callers pass the ids).
 */
export interface ScannedSource {
  name: string;
  sha256: string;
  size: number;
  type: ScanType;
}

/** `data.file` of a `scanned` event. */
export interface ScannedFileData {
  /** Relative to GOV_DESK_HOME, with forward slashes. */
  path: string;
  sha256: string;
  size: number;
  pages: number;
  sourceName: string;
  sourceType: ScanType;
  /** Number of images assembled into this PDF (absent for a PDF kept as it was). */
  assembledFrom?: number;
  /** The images assembled into this PDF, in page order. */
  sources?: ScannedSource[];
}

/** `data` of a `scanned` event; its key is `scan:<component>:<sha256>`. */
export interface ScannedEventData {
  component: string;
  file: ScannedFileData;
}

export interface ScannedRecord extends ScannedEventData {
  seq: number;
  at: string;
  operator: string;
}

export function scanKey(component: string, sha256: string): string {
  return `scan:${component}:${sha256}`;
}

function isFileData(v: unknown): v is ScannedFileData {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return typeof f.path === 'string' && typeof f.sha256 === 'string' && typeof f.size === 'number' && typeof f.pages === 'number';
}

/** `data` of a `scan-detached` event: which `scanned` event it takes back, and where the file went. */
export interface DetachedEventData {
  scanSeq: number;
  component: string;
  sha256: string;
  path: string;
  /** Where the stored copy was kept for audit (relative to GOV_DESK_HOME). */
  movedTo: string;
  reason: string | null;
}

/** Seqs of the `scanned` events taken back by `scan-detached` events. */
export function detachedSeqs(d: Pick<Dossier, 'events'>): Set<number> {
  const s = new Set<number>();
  for (const e of d.events) if (e.type === 'scan-detached' && typeof e.data?.scanSeq === 'number') s.add(e.data.scanSeq);
  return s;
}

/**
 * The idempotency key of a scan: `scan:<component>:<sha256>`, plus `#n` after the same file of the
 * same component was detached n times (attaching it again is a new fact, not a repeat).
 */
export function scanKeyFor(d: Pick<Dossier, 'events'>, component: string, sha256: string): string {
  const n = d.events.filter((e) => e.type === 'scan-detached' && e.data?.component === component && e.data?.sha256 === sha256).length;
  return n > 0 ? `${scanKey(component, sha256)}#${n}` : scanKey(component, sha256);
}

/** The files recorded by `scanned` events and not detached since, oldest first (events with another shape are ignored). */
export function scannedFiles(d: Pick<Dossier, 'events'>): ScannedRecord[] {
  const out: ScannedRecord[] = [];
  const detached = detachedSeqs(d);
  for (const e of d.events) {
    if (e.type !== 'scanned' || !e.data || detached.has(e.seq)) continue;
    const { component, file } = e.data as { component?: unknown; file?: unknown };
    if (typeof component !== 'string' || !isFileData(file)) continue;
    out.push({ seq: e.seq, at: e.at, operator: e.operator, component, file });
  }
  return out;
}

/** SHA-256 of every file already recorded for a component (stored files and the images they were assembled from). */
export function knownHashes(d: Pick<Dossier, 'events'>, component: string): Set<string> {
  const s = new Set<string>();
  for (const r of scannedFiles(d)) {
    if (r.component !== component) continue;
    s.add(r.file.sha256);
    for (const src of r.file.sources ?? []) s.add(src.sha256);
  }
  return s;
}

export type CoverageState = 'digitised' | 'exempt' | 'missing';
export type ExemptReason = 'present-only' | 'not-applicable' | 'filed-online' | 'reused-data';

export interface ComponentCoverage {
  id: string;
  name: string;
  kind: ComponentSnapshot['kind'];
  /** Must be digitised before the dossier can be submitted. */
  required: boolean;
  state: CoverageState;
  reason: ExemptReason | null;
  files: number;
  pages: number;
}

export interface Coverage {
  components: ComponentCoverage[];
  /** Every required component is digitised. */
  readyToSubmit: boolean;
  /** Ids of required components not digitised yet. */
  missing: string[];
}

export function exemptReason(d: Pick<Dossier, 'checklist' | 'channel'>, c: ComponentSnapshot, reusedData: readonly string[] = []): ExemptReason | null {
  if (c.kind === 'present') return 'present-only';
  const line = d.checklist.find((l) => l.id === c.id);
  const applicable = line ? line.applicable : c.required;
  if (!applicable) return 'not-applicable';
  if (reusedData.includes(c.id)) return 'reused-data';
  if (d.channel === 'online') return 'filed-online';
  return null;
}

export function coverageOf(d: Pick<Dossier, 'procedure' | 'checklist' | 'channel' | 'events'>, opts: { reusedData?: readonly string[] } = {}): Coverage {
  const files = scannedFiles(d);
  const components = d.procedure.components.map((c): ComponentCoverage => {
    const mine = files.filter((f) => f.component === c.id);
    const reason = exemptReason(d, c, opts.reusedData);
    const state: CoverageState = mine.length > 0 ? 'digitised' : reason ? 'exempt' : 'missing';
    return {
      id: c.id,
      name: c.name,
      kind: c.kind,
      required: reason === null,
      state,
      reason: state === 'exempt' ? reason : null,
      files: mine.length,
      pages: mine.reduce((n, f) => n + f.file.pages, 0),
    };
  });
  const missing = components.filter((c) => c.state === 'missing').map((c) => c.id);
  return { components, readyToSubmit: missing.length === 0, missing };
}

/** The documented `coverage` object of `show --json` and `scan-import --json`. */
export function coverageJson(c: Coverage) {
  return {
    components: c.components.map((x) => ({ id: x.id, state: x.state, ...(x.reason ? { reason: x.reason } : {}), required: x.required, files: x.files, pages: x.pages })),
    readyToSubmit: c.readyToSubmit,
    missing: c.missing,
  };
}

import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Dossier } from '../../domain/dossier/types.js';
import { isGovDeskError } from '../../errors.js';
import type { Lang } from '../../i18n/index.js';
import { PROBLEM_TEXT } from '../store-warnings.js';
import { tr } from '../../i18n/index.js';
import { scannedFiles } from '../../scan/coverage.js';
import { verifyStoredFile } from '../../scan/hash.js';
import { type ArchiveProblem, archiveShards, archiveYears, readShard } from '../../store/archive.js';
import { exists, isAtomicTemp } from '../../store/files.js';
import { readActiveDossiers } from '../../store/active-file.js';
import { readDbFile } from '../../store/lowdb-store.js';

/**
 * `gov-desk doctor`: the whole home checked, read-only (issue 13 §5): the active file and its
 * `.bak` fully validated, every archive shard line by line, every stored scan and result document
 * against the SHA-256 (and size) recorded in the dossier's events.
 */
export interface DoctorProblem {
  code: string;
  file: string;
  line: number | null;
  dossierCode: string | null;
  detail: string;
}

export interface DoctorReport {
  home: string;
  activeFile: { path: string; state: 'ok' | 'absent' | 'problem'; openDossiers: number };
  backupFile: { path: string; state: 'ok' | 'absent' | 'problem' };
  archive: { shards: number; dossiers: number };
  storedFiles: { checked: number };
  problems: DoctorProblem[];
  /** Things found that lose nothing (a torn line written again later, a temporary file of a killed writer). */
  notes: DoctorProblem[];
}

/** Files a dossier's events record with their SHA-256: scans and result documents. */
export function recordedFiles(d: Dossier): { path: string; sha256: string; size?: number }[] {
  const out: { path: string; sha256: string; size?: number }[] = scannedFiles(d).map((r) => ({ path: r.file.path, sha256: r.file.sha256, size: r.file.size }));
  for (const e of d.events) {
    if (e.type !== 'result-recorded' || !Array.isArray(e.data?.documents)) continue;
    for (const doc of e.data.documents as unknown[]) {
      const f = doc as { path?: unknown; sha256?: unknown; size?: unknown };
      if (typeof f.path === 'string' && typeof f.sha256 === 'string') out.push({ path: f.path, sha256: f.sha256, ...(typeof f.size === 'number' ? { size: f.size } : {}) });
    }
  }
  return out;
}

/** A recorded relative path that stays inside the home (a hostile file could name `../../etc/...`). */
function insideHome(home: string, rel: string): string | undefined {
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) return undefined;
  return path.join(home, ...rel.split('/'));
}

function archiveDetail(lang: Lang, p: ArchiveProblem): string {
  const base = tr(lang, PROBLEM_TEXT[p.problem]);
  return p.superseded ? `${base}; ${tr(lang, { vi: 'có bản đầy đủ ghi sau, không mất gì', en: 'a complete copy follows, nothing lost' })}` : base;
}

export async function checkHome(home: string, lang: Lang): Promise<DoctorReport> {
  const dbDir = path.join(home, 'db');
  const activePath = path.join(dbDir, 'active.json');
  const bakPath = `${activePath}.bak`;
  const problems: DoctorProblem[] = [];
  const notes: DoctorProblem[] = [];
  const dbProblem = (file: string, e: unknown) => {
    if (!isGovDeskError(e)) throw e;
    problems.push({ code: e.code, file, line: null, dossierCode: null, detail: e.render(lang).message });
  };

  const report: DoctorReport = {
    home,
    activeFile: { path: activePath, state: 'absent', openDossiers: 0 },
    backupFile: { path: bakPath, state: 'absent' },
    archive: { shards: 0, dossiers: 0 },
    storedFiles: { checked: 0 },
    problems,
    notes,
  };
  const dossiers = new Map<string, Dossier>();

  // the archive first: the active copy of a code wins over an archived one
  const archiveProblems: ArchiveProblem[] = [];
  for (const year of await archiveYears(dbDir)) {
    for (const shard of await archiveShards(dbDir, year)) {
      report.archive.shards++;
      for (const [code, d] of await readShard(shard, archiveProblems)) dossiers.set(code, d);
    }
  }
  report.archive.dossiers = dossiers.size;
  for (const p of archiveProblems) {
    (p.superseded ? notes : problems).push({ code: 'ARCHIVE_DAMAGED', file: p.file, line: p.line, dossierCode: p.code, detail: archiveDetail(lang, p) });
  }

  try {
    const open = await readActiveDossiers(activePath);
    if (open) {
      report.activeFile = { path: activePath, state: 'ok', openDossiers: open.length };
      for (const d of open) dossiers.set(d.code, d);
    } else if ((await exists(bakPath)) || report.archive.shards > 0) {
      report.activeFile.state = 'problem';
      problems.push({ code: 'STORE_ACTIVE_MISSING', file: activePath, line: null, dossierCode: null, detail: tr(lang, { vi: 'thiếu tệp nhưng còn .bak hoặc kho lưu trữ: khôi phục bản sao lưu hoặc chép .bak', en: 'missing while a .bak or an archive exists: restore a backup or copy the .bak' }) });
    }
  } catch (e) {
    report.activeFile.state = 'problem';
    dbProblem(activePath, e);
  }
  try {
    if (await readDbFile(bakPath)) report.backupFile.state = 'ok';
  } catch (e) {
    report.backupFile.state = 'problem';
    dbProblem(bakPath, e);
  }

  for (const d of dossiers.values()) {
    for (const f of recordedFiles(d)) {
      report.storedFiles.checked++;
      const abs = insideHome(home, f.path);
      const r = abs ? await verifyStoredFile(abs, f) : ({ ok: false, problem: 'unsafe', detail: tr(lang, { vi: 'đường dẫn ra ngoài thư mục dữ liệu', en: 'the path leaves the data folder' }) } as const);
      if (r.ok) continue;
      const code = r.problem === 'missing' ? 'FILE_MISSING' : r.problem === 'unsafe' ? 'FILE_PATH_UNSAFE' : r.problem === 'unreadable' ? 'FILE_UNREADABLE' : 'FILE_CHANGED';
      problems.push({ code, file: abs ?? f.path, line: null, dossierCode: d.code, detail: r.detail });
    }
  }

  // temporary files of a killed writer: in db/ the next transaction removes them; elsewhere they are only listed
  for (const sub of ['db', 'documents', 'attachments']) {
    const entries = await fsp.readdir(path.join(home, sub), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (!e.isFile() || !isAtomicTemp(e.name)) continue;
      const detail = sub === 'db'
        ? tr(lang, { vi: 'tệp tạm của lần ghi bị ngắt; tự xóa ở lần ghi sau', en: 'temporary file of an interrupted write; removed by the next write' })
        : tr(lang, { vi: 'tệp tạm của lần ghi bị ngắt; xóa được', en: 'temporary file of an interrupted write; safe to delete' });
      notes.push({ code: 'TEMP_LEFT', file: path.join(e.parentPath ?? e.path, e.name), line: null, dossierCode: null, detail });
    }
  }
  return report;
}

import type { Dossier } from '../../domain/dossier/types.js';
import { isGovDeskError } from '../../errors.js';
import { type Lang, tr } from '../../i18n/index.js';
import { dossierLooksValid } from '../../store/fast-check.js';
import type { Store } from '../../store/port.js';
import type { DoctorProblem } from './checks.js';
import { recordedFiles } from './checks.js';

/** `gov-desk doctor` on a centre desk: the shared database checked, read-only (issue 14). */
export interface DatabaseReport {
  store: 'postgres';
  location: string;
  dossiers: { open: number; archived: number };
  storedFiles: { checked: number };
  problems: DoctorProblem[];
  notes: DoctorProblem[];
}

/**
 * Every dossier (open and archived) checked against the record shape, and every file its events
 * record (scans, result documents) read back from the database against its SHA-256. The schema
 * version was checked when the store opened.
 */
export async function checkDatabase(store: Store, lang: Lang): Promise<DatabaseReport> {
  const report: DatabaseReport = { store: 'postgres', location: store.location, dossiers: { open: 0, archived: 0 }, storedFiles: { checked: 0 }, problems: [], notes: [] };
  const check = async (d: Dossier) => {
    if (!dossierLooksValid(d)) {
      report.problems.push({ code: 'DOSSIER_INVALID', file: store.location, line: null, dossierCode: d.code, detail: tr(lang, { vi: 'bản ghi hồ sơ không đúng cấu trúc', en: 'the dossier record does not have the expected shape' }) });
      return;
    }
    for (const f of recordedFiles(d)) {
      report.storedFiles.checked++;
      try {
        const bytes = await store.files.get(f.path, f.sha256);
        if (!bytes) report.problems.push({ code: 'FILE_MISSING', file: f.path, line: null, dossierCode: d.code, detail: tr(lang, { vi: 'không có trong cơ sở dữ liệu', en: 'not in the database' }) });
        else if (f.size !== undefined && bytes.length !== f.size) report.problems.push({ code: 'FILE_CHANGED', file: f.path, line: null, dossierCode: d.code, detail: tr(lang, { vi: 'kích thước khác với khi lưu', en: 'the size differs from when it was kept' }) });
      } catch (e) {
        if (!isGovDeskError(e)) throw e;
        report.problems.push({ code: e.code === 'FILE_DAMAGED' ? 'FILE_CHANGED' : e.code, file: f.path, line: null, dossierCode: d.code, detail: e.render(lang).message });
      }
    }
  };
  for (const d of await store.openDossiers()) {
    report.dossiers.open++;
    await check(d);
  }
  for await (const d of store.archived()) {
    report.dossiers.archived++;
    await check(d);
  }
  return report;
}

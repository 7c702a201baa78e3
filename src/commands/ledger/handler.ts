import path from 'node:path';
import { printJson, t, writeErr, writeOut } from '../../context.js';
import { requireProfile } from '../../config/profile.js';
import { ledgerCsv, ledgerRows } from '../../domain/ledger.js';
import { vnDate } from '../../domain/time.js';
import { registerBooks } from '../../documents/models-456.js';
import { rulesInForce } from '../../documents/rules.js';
import { agencyModel } from '../../intake/documents.js';
import { writeFileAtomic } from '../../store/files.js';
import { openStore } from '../../store/index.js';
import { storeWarnings } from '../store-warnings.js';
import type { Handler } from '../types.js';
import { checkOrder, dateFlag, readDossiers, yearRange } from '../report/period.js';

/** `<home>/documents/reports/so-theo-doi-ho-so_<from>_<to>[_quyen-<book>].<ext>`. */
export function defaultLedgerPath(home: string, o: { from?: string; to: string; book?: string }, ext: 'csv' | 'pdf'): string {
  const book = o.book ? `_quyen-${o.book.replace(/[^0-9A-Za-z.-]+/g, '-')}` : '';
  return path.join(home, 'documents', 'reports', `so-theo-doi-ho-so_${o.from ?? 'tat-ca'}_${o.to}${book}.${ext}`);
}

export const ledgerHandler: Handler = async (ctx, { opts }) => {
  const from = dateFlag(opts, 'from');
  const to = dateFlag(opts, 'to');
  checkOrder(from, to);
  const book = typeof opts.book === 'string' && opts.book.trim() ? opts.book.trim().normalize('NFC') : undefined;
  const both = opts.csv === undefined && opts.pdf === undefined && !opts.json;
  const wantCsv = both || opts.csv !== undefined;
  const wantPdf = both || opts.pdf !== undefined;
  const profile = wantPdf ? await requireProfile(ctx) : undefined;

  // The archive is filed by year of receipt, the register's own criterion: read only those years.
  const years = from ? yearRange(Number(from.slice(0, 4)), Number((to ?? vnDate(ctx.now())).slice(0, 4))) : undefined;
  const repo = await openStore(ctx);
  const dossiers = await readDossiers(ctx, years, repo);
  const warnings = storeWarnings(ctx, repo);
  const rows = ledgerRows(dossiers, { from: from ?? null, to: to ?? null, book: book ?? null });
  const names = { ...(from ? { from } : {}), to: to ?? vnDate(ctx.now()), ...(book ? { book } : {}) };
  const target = (flag: unknown, ext: 'csv' | 'pdf'): string =>
    typeof flag === 'string' ? path.resolve(ctx.cwd, flag) : defaultLedgerPath(ctx.home, names, ext);

  const files: { pdf: string | null; csv: string | null } = { pdf: null, csv: null };
  if (wantPdf && profile) {
    const { renderRegister } = await import('../../documents/form06-register.js');
    const now = ctx.now();
    // each sheet follows the rules of its dossiers' receipt dates, not the printing date
    const last = to ?? vnDate(now);
    const rules = rulesInForce(last);
    const pdf = await renderRegister({
      rules,
      agency: agencyModel(profile, new Date(`${last}T12:00:00+07:00`)),
      books: registerBooks(rows, (at) => ({ rules: rulesInForce(vnDate(at)), agency: agencyModel(profile, at) })),
      period: from || to ? { from: from ?? null, to: to ?? null } : null,
      issuedAt: now,
    });
    files.pdf = target(opts.pdf, 'pdf');
    await writeFileAtomic(files.pdf, pdf);
  }
  if (wantCsv) {
    files.csv = target(opts.csv, 'csv');
    await writeFileAtomic(files.csv, ledgerCsv(rows));
  }

  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, kind: 'ledger', period: { from: from ?? null, to: to ?? null }, book: book ?? null, count: rows.length, files, rows, warnings });
    return 0;
  }
  for (const f of [files.pdf, files.csv]) if (f) writeOut(ctx, f);
  writeErr(ctx, t(ctx, { vi: '{n} hồ sơ trong sổ.', en: '{n} dossier(s) in the register.' }, { n: rows.length }));
  return 0;
};

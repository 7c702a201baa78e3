import { vnParts } from '../time.js';

/**
 * Dossier code of TT 01/2018/TT-VPCP Art. 19: `<agency identity code>-<YYMMDD>-<NNNN>`, the
 * date of receipt and a four-digit sequence within that day (from 0001). TT 03/2025's structure is
 * UNCONFIRMED (regulations.md §1.5), so the code is built here and treated as opaque elsewhere.
 */
export function dayKey(receivedAt: Date): string {
  const p = vnParts(receivedAt);
  return `${String(p.year % 100).padStart(2, '0')}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
}

export function formatDossierCode(agencyCode: string, receivedAt: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) throw new RangeError(`daily sequence out of range: ${sequence}`);
  return `${agencyCode}-${dayKey(receivedAt)}-${String(sequence).padStart(4, '0')}`;
}

const CODE_RE = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d{4})$/;

export interface ParsedCode {
  agency: string;
  year: number;
  month: number;
  day: number;
  sequence: number;
}

export function parseDossierCode(code: string): ParsedCode | undefined {
  const m = CODE_RE.exec(code.trim());
  if (!m) return undefined;
  return { agency: m[1]!, year: 2000 + Number(m[2]), month: Number(m[3]), day: Number(m[4]), sequence: Number(m[5]) };
}

/** QCVN 102:2016 (`000.00.00.H12`) or Quyết định 20/2020 style (`H55.242`): dots, digits, capitals, ≤ 35 chars. */
export function isAgencyCode(s: string): boolean {
  return s.length <= 35 && /^[0-9A-Z]+(\.[0-9A-Z]+)*$/.test(s);
}

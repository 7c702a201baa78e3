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

/**
 * The agency identity code (regulations.md §1.6): QCVN 102:2016 `V1V2V3.Z1Z2.Y1Y2.MX1X2`
 * (`000.00.00.H12`: three groups of 3, 2 and 2 digits, then the level-1 letter and two digits), or a
 * Quyết định 20/2020 code read left to right whose first group is the level-1 code (`H55.242`,
 * `G09.20`): dots, digits and capitals, at most 35 characters.
 */
export function isAgencyCode(s: string): boolean {
  if (s.length > 35) return false;
  return /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/.test(s) || /^[A-Z]\d{2}(\.[0-9A-Z]+)*$/.test(s);
}

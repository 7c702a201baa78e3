/**
 * QR codes drawn as vector squares (no PNG step). TT 01/2023/TT-VPCP asks for a QR code
 * (TCVN 7322:2009 = ISO/IEC 18004) at the top left of documents produced by the system, carrying at
 * least the dossier code and the procedure code (regulations.md §5; the rest of its data list is
 * UNCONFIRMED, and the applicant's identity number is deliberately left out of printed codes here).
 *
 * Payload format (gov-desk's own, not an official one): `key:value` pairs joined by `;`,
 * e.g. `MaHoSo:000.00.00.H41-260302-0001;MaTTHC:1.001193`.
 */
import { createRequire } from 'node:module';

// Only the encoder (qrcode's main entry also loads its PNG and terminal renderers), and through
// require() to skip the ESM scan of a CommonJS module.
const QRCode = createRequire(import.meta.url)('qrcode/lib/core/qrcode.js') as { create(text: string, o: { errorCorrectionLevel: string }): { modules: { size: number; get(r: number, c: number): boolean | number } } };

export type QrFields = Record<string, string | null | undefined>;

/** Build the payload; empty values are dropped, `;` and `:` inside values are replaced by spaces. */
export function qrPayload(fields: QrFields): string {
  return Object.entries(fields)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '')
    .map(([k, v]) => `${k}:${v.trim().replace(/[;:]/g, ' ')}`)
    .join(';');
}

/**
 * What the QR code of a dossier's form carries: the citizen's look-up page when the profile has a
 * tracking URL template (`{code}` replaced by the URL-encoded dossier code; the portal's address is
 * UNCONFIRMED, hence configured), else the plain-text payload above.
 */
export function dossierQr(trackingUrlTemplate: string | null | undefined, code: string, procedureCode: string | null | undefined): string {
  if (trackingUrlTemplate) return trackingUrlTemplate.split('{code}').join(encodeURIComponent(code));
  return qrPayload({ MaHoSo: code, MaTTHC: procedureCode ?? null });
}

/** Read a payload back (e.g. from a scanner at the counter). A bare code reads as `{MaHoSo}`. */
export function parseQrPayload(text: string): Record<string, string> {
  const t = text.trim();
  if (!t.includes(':')) return t ? { MaHoSo: t } : {};
  const out: Record<string, string> = {};
  for (const part of t.split(';')) {
    const i = part.indexOf(':');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** The module matrix (true = dark), error correction level M. */
export function qrMatrix(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: boolean[][] = [];
  for (let r = 0; r < modules.size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < modules.size; c++) row.push(modules.get(r, c) === 1);
    rows.push(row);
  }
  return rows;
}

/** The drawing surface needed (a pdfkit document satisfies it). */
export interface RectCanvas {
  save(): unknown;
  restore(): unknown;
  rect(x: number, y: number, w: number, h: number): unknown;
  fill(color?: string): unknown;
}

/**
 * Draw a QR code whose symbol (without quiet zone) is `size` points wide at (x, y).
 * Dark runs of each row become one rectangle, filled in a single operation.
 */
export function drawQr(doc: RectCanvas, text: string, x: number, y: number, size: number): void {
  const m = qrMatrix(text);
  const n = m.length;
  const cell = size / n;
  doc.save();
  for (let r = 0; r < n; r++) {
    const row = m[r] ?? [];
    let c = 0;
    while (c < n) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && row[c]) c++;
      // A hair of overlap hides the seams some viewers draw between adjacent squares.
      doc.rect(x + start * cell, y + r * cell, (c - start) * cell + 0.05, cell + 0.05);
    }
  }
  doc.fill('#000000');
  doc.restore();
}

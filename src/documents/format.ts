/**
 * Pure text formatting for the forms: Vietnamese long dates and times, component lines, names.
 * No pdfkit here, so commands can preview or test the texts without loading it.
 */
import { vnParts } from '../domain/time.js';
import type { Agency, ComponentLine } from './models.js';

export function pad2(n: number): string {
  return n >= 0 && n < 10 ? `0${n}` : String(n);
}

/** "ngày 02 tháng 3 năm 2026" (days under 10 and months 1–2 take a leading zero, ND 30/2020). */
export function vnLongDate(d: Date): string {
  const p = vnParts(d);
  return `ngày ${pad2(p.day)} tháng ${p.month <= 2 ? pad2(p.month) : p.month} năm ${p.year}`;
}

/** "09 giờ 15 phút, ngày 02 tháng 3 năm 2026". */
export function vnDateTime(d: Date): string {
  const p = vnParts(d);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút, ${vnLongDate(d)}`;
}

/** "Suối Kiết, ngày 02 tháng 3 năm 2026". */
export function placeDate(place: string, d: Date): string {
  return `${place.normalize('NFC')}, ${vnLongDate(d)}`;
}

/** The unit as named in running text; `unitName – name` when the model has no full name. */
export function unitText(a: Agency): string {
  return (a.unitFullName?.trim() || `${a.unitName} – ${a.name}`).normalize('NFC');
}

/** "GIẤY TIẾP NHẬN…" → "Giấy tiếp nhận…" (for PDF titles). */
export function sentenceCase(upper: string): string {
  const lower = upper.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/** "Tờ khai … (Bản chính: 01 bản) – ghi chú". */
export function describeComponent(c: ComponentLine): string {
  const q = c.quantity === null ? null : `${pad2(c.quantity)} bản`;
  const detail = c.copy && q ? `${c.copy}: ${q}` : (c.copy ?? q);
  const note = c.note ? ` – ${c.note}` : '';
  return `${c.name}${detail ? ` (${detail})` : ''}${note}`;
}

import { createRequire } from 'node:module';

/** A one-page "scan" (PDF) for the demo, made with pdf-lib; ASCII text: it only stands in for paper. */
export async function demoScan(title: string, person: string): Promise<Buffer> {
  const { PDFDocument, StandardFonts } = createRequire(import.meta.url)('pdf-lib') as typeof import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  const page = doc.addPage([595.28, 841.89]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(`DEMO SCAN - ${title}`, { x: 60, y: 760, size: 18, font });
  page.drawText(`Fictitious applicant: ${person}`, { x: 60, y: 730, size: 12, font });
  page.drawRectangle({ x: 60, y: 200, width: 475, height: 480, borderWidth: 1 });
  return Buffer.from(await doc.save());
}

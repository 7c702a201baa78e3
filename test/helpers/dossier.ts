import { receiveDossier } from '../../src/domain/dossier/create.js';
import type { Dossier, ProcedureSnapshot } from '../../src/domain/dossier/types.js';

export const PROC: ProcedureSnapshot = {
  code: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  field: 'Hộ tịch',
  version: 'test',
  processingTime: { value: 1, unit: 'working-days' },
  cutoff: '15:00',
  components: [
    { id: 'to-khai', name: 'Tờ khai đăng ký khai sinh', kind: 'submit', copy: 'original', quantity: 1, condition: null, required: true },
    { id: 'giay-chung-sinh', name: 'Giấy chứng sinh', kind: 'submit', copy: 'original', quantity: 1, condition: null, required: true },
    { id: 'giay-to-tuy-than', name: 'Giấy tờ tùy thân', kind: 'present', copy: 'original', quantity: 1, condition: null, required: true },
  ],
};

/** A fictitious dossier for tests. */
export function sampleDossier(code = '000.00.00.H99-260302-0001', receivedAt = new Date('2026-03-02T02:00:00Z')): Dossier {
  return receiveDossier({
    code,
    register: { book: '2026', number: 1 },
    procedure: PROC,
    applicant: { fullName: 'Nguyễn Thị Hường', personalId: '060190001234', birthDate: '1990-05-12', phone: '0912345678', email: null, address: 'Thôn 1, xã Suối Kiết' },
    representative: null,
    channel: 'in-person',
    delivery: { method: 'counter', address: null },
    checklist: PROC.components.map((c) => ({ id: c.id, applicable: true, provided: true })),
    receivedAt,
    recordedAt: receivedAt,
    dueAt: new Date(receivedAt.getTime() + 24 * 3600_000),
    operator: 'tester',
  });
}

/** One received dossier (sampleDossier) with its papers scanned, stored in `home`: ready to submit. */
export async function seedReadyDossier(home: string, code = '000.00.00.H99-260302-0001'): Promise<string> {
  const { createHash } = await import('node:crypto');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const path = await import('node:path');
  const { applyAction } = await import('../../src/domain/dossier/apply.js');
  const { LowdbRepository } = await import('../../src/store/lowdb-store.js');
  const { makePdf } = await import('./scan-files.js');
  const pdf = await makePdf(1);
  return new LowdbRepository(home).transact((db) => {
    let d = sampleDossier(code);
    const rel = `attachments/${d.code}/to-khai/0.pdf`;
    mkdirSync(path.join(home, path.dirname(rel)), { recursive: true });
    writeFileSync(path.join(home, rel), pdf);
    const sha = createHash('sha256').update(pdf).digest('hex');
    for (const c of ['to-khai', 'giay-chung-sinh']) {
      d = applyAction(d, 'scanned', { at: new Date(d.receivedAt), operator: 'test', key: `scan:${c}:${sha}`, data: { component: c, file: { path: rel, sha256: sha, size: pdf.length, pages: 1, sourceName: '0.pdf', sourceType: 'pdf' } } }).dossier;
    }
    db.dossiers[d.code] = d;
    return d.code;
  });
}

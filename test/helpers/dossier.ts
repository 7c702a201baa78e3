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


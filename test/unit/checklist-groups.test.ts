import { describe, expect, it } from 'vitest';
import type { ProcedureSnapshot } from '../../src/domain/dossier/types.js';
import { evaluateChecklist } from '../../src/intake/evaluate.js';
import { dossierLooksValid } from '../../src/store/fast-check.js';
import { dossierSchema } from '../../src/store/schema.js';
import { sampleDossier } from '../helpers/dossier.js';

const vi = (m: { vi: string }) => m.vi;
const member = (id: string, name: string, group?: string) => ({ id, name, kind: 'submit' as const, copy: 'original', quantity: 1, condition: null, required: true, ...(group ? { group } : {}) });
const P: ProcedureSnapshot = {
  code: '1.001022',
  name: 'Thủ tục đăng ký nhận cha, mẹ, con',
  field: 'Hộ tịch',
  version: 'test',
  processingTime: { value: 3, unit: 'working-days' },
  cutoff: null,
  groups: [{ id: 'quan-he', name: 'Giấy tờ chứng minh quan hệ cha, mẹ, con' }],
  components: [member('to-khai', 'Tờ khai'), member('y-te', 'Văn bản của cơ quan y tế', 'quan-he'), member('cam-doan', 'Văn bản cam đoan', 'quan-he')],
};
const ev = (provided: string[], invalid: { id: string; reason: string }[] = []) => evaluateChecklist(P, { provided, conditionsYes: [], invalid }, vi);

describe('"one of" groups in the checklist', () => {
  it('none of the members: incomplete, one line naming the alternatives', () => {
    const r = ev(['to-khai']);
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual([{ id: 'quan-he', name: 'Giấy tờ chứng minh quan hệ cha, mẹ, con (một trong các giấy tờ): Văn bản của cơ quan y tế; hoặc Văn bản cam đoan', kind: 'submit', copy: 'original', quantity: 1, reason: 'Chưa có trong hồ sơ' }]);
  });

  it('any one member completes it; the other member is not applicable', () => {
    const r = ev(['to-khai', 'cam-doan']);
    expect(r.complete).toBe(true);
    expect(r.lines).toEqual([
      { id: 'to-khai', applicable: true, provided: true },
      { id: 'y-te', applicable: false, provided: false },
      { id: 'cam-doan', applicable: true, provided: true },
    ]);
  });

  it('an invalid member does not satisfy the group; its reason is on the line', () => {
    const r = ev(['to-khai', 'cam-doan'], [{ id: 'cam-doan', reason: 'Thiếu người làm chứng' }]);
    expect(r.complete).toBe(false);
    expect(r.missing[0]!.reason).toBe('Văn bản cam đoan: Thiếu người làm chứng');
    expect(ev(['to-khai', 'cam-doan', 'y-te'], [{ id: 'cam-doan', reason: 'x' }]).complete).toBe(true);
  });

  it('a snapshot stored before groups existed is evaluated as before', () => {
    const old: ProcedureSnapshot = { ...P, groups: undefined, components: P.components.map(({ group: _g, ...c }) => c) };
    const r = evaluateChecklist(old, { provided: ['to-khai', 'cam-doan'], conditionsYes: [], invalid: [] }, vi);
    expect(r.missing.map((m) => m.id)).toEqual(['y-te']);
  });

  it('the store keeps the new snapshot fields, and old dossiers without them stay valid', () => {
    const d = sampleDossier();
    expect(dossierLooksValid(d)).toBe(true);
    expect(dossierSchema.safeParse(d).success).toBe(true);
    const withNew = { ...d, procedure: { ...d.procedure, ...P, variant: { id: 'a', name: 'A' }, cutoffRule: 'result-next-working-day', timeSource: 'commune', unitStated: false, timeText: '3' } };
    expect(dossierLooksValid(withNew)).toBe(true);
    const parsed = dossierSchema.parse(withNew);
    expect(parsed.procedure).toMatchObject({ groups: P.groups, variant: { id: 'a', name: 'A' }, cutoffRule: 'result-next-working-day', timeSource: 'commune' });
    expect(parsed.procedure.components[1]).toMatchObject({ group: 'quan-he' });
  });
});

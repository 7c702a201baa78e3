import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Action } from '../../src/domain/dossier/status.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { csvField, toCsv } from '../../src/domain/csv.js';
import { controlSlipRows } from '../../src/domain/handover.js';
import { compareBooks, ledgerCsv, ledgerRows, REGISTER_COLUMNS, registerCells, registerRow, stampText } from '../../src/domain/ledger.js';
import { fromVn, toVnIso } from '../../src/domain/time.js';
import { sampleDossier } from '../helpers/dossier.js';

type Step = [Action, Date, Record<string, unknown>?, string?];

function dossier(code: string, received: Date, book: string, number: number, steps: Step[] = [], over: Partial<Dossier> = {}): Dossier {
  let d: Dossier = { ...sampleDossier(code, received), register: { book, number }, ...over };
  for (const [a, at, data, operator] of steps) d = applyAction(d, a, { at, operator: operator ?? 'Trần Văn Đức', ...(data ? { data } : {}) }).dossier;
  return d;
}

const VP = { to: 'van-phong', toName: 'Văn phòng HĐND và UBND' };

describe('ledgerRows', () => {
  const a = dossier('000.00.00.H99-260302-0001', fromVn('2026-03-02', 9, 15), '2026', 2);
  const b = dossier('000.00.00.H99-260302-0002', fromVn('2026-03-02', 9, 40), '2026', 10);
  const c = dossier('000.00.00.H99-251230-0001', fromVn('2025-12-30', 8, 0), '2025', 300);
  const e = dossier('000.00.00.H99-260305-0001', fromVn('2026-03-05', 14, 0), '2026', 1);

  it('sorts by book, then by number as on the receipt', () => {
    expect(ledgerRows([b, e, a, c]).map((r) => [r.book, r.number])).toEqual([['2025', 300], ['2026', 1], ['2026', 2], ['2026', 10]]);
  });

  it('compares numbered books as numbers', () => {
    expect(['10/2026', '2/2026', '1/2026'].sort(compareBooks)).toEqual(['1/2026', '2/2026', '10/2026']);
  });

  it('filters by the Vietnamese date of receipt (inclusive) and by book', () => {
    expect(ledgerRows([a, b, c, e], { from: '2026-03-02', to: '2026-03-02' }).map((r) => r.number)).toEqual([2, 10]);
    expect(ledgerRows([a, b, c, e], { to: '2025-12-31' }).map((r) => r.code)).toEqual([c.code]);
    expect(ledgerRows([a, b, c, e], { book: '2026' })).toHaveLength(3);
    // received 00:30 on 03/03 in Vietnam = 17:30 UTC on 02/03: belongs to 03/03
    const night = dossier('000.00.00.H99-260303-0001', fromVn('2026-03-03', 0, 30), '2026', 3);
    expect(ledgerRows([night], { from: '2026-03-03', to: '2026-03-03' })).toHaveLength(1);
    expect(ledgerRows([night], { to: '2026-03-02' })).toHaveLength(0);
  });

  it('fills the dates of routing, result and return, the department and the notes', () => {
    const d = dossier('000.00.00.H99-260302-0003', fromVn('2026-03-02', 9, 15), '2026', 3, [
      ['routed', fromVn('2026-03-02', 9, 30), VP],
      ['apology-issued', fromVn('2026-03-03', 15, 0), { number: '05/PXL', reason: 'Cần xác minh', newDueAt: '2026-03-05T16:30:00+07:00' }],
      ['result-recorded', fromVn('2026-03-04', 14, 0), { decision: 'refused', reason: 'Không đủ điều kiện' }],
      ['result-returned', fromVn('2026-03-05', 8, 0), { method: 'post', timing: 'late', tracking: 'EV123456789VN' }],
    ]);
    const r = registerRow(d);
    expect(r).toMatchObject({
      book: '2026', number: 3, applicantName: 'Nguyễn Thị Hường', department: 'Văn phòng HĐND và UBND', phone: '0912345678',
      routedAt: '2026-03-02T09:30:00+07:00', resultAt: '2026-03-04T14:00:00+07:00', returnedAt: '2026-03-05T08:00:00+07:00',
      returnMethod: 'post', newDueAt: '2026-03-05T16:30:00+07:00',
    });
    expect(r.notes).toEqual([
      'Phiếu xin lỗi số 05/PXL, hẹn lại 05/03/2026 16:30',
      'Không giải quyết: Không đủ điều kiện',
      'Trả qua bưu chính công ích (EV123456789VN)',
    ]);
    const cells = registerCells(r);
    expect(cells).toHaveLength(REGISTER_COLUMNS.length);
    expect(cells[7]).toBe('02/03/2026 09:15');
    expect(cells[8]).toContain('hẹn lại: 05/03/2026 16:30');
  });

  it('leaves what has not happened empty', () => {
    const r = registerRow(dossier('000.00.00.H99-260302-0004', fromVn('2026-03-02', 9, 15), '2026', 4));
    expect([r.department, r.routedAt, r.resultAt, r.returnedAt, r.returnMethod, r.newDueAt, r.setCount]).toEqual([null, null, null, null, null, null, null]);
    expect(r.notes).toEqual([]);
  });
});

describe('CSV', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('x\ny')).toBe('"x\ny"');
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
  });

  it('writes the register with a BOM, CRLF and diacritics intact', () => {
    const d = dossier('000.00.00.H99-260302-0001', fromVn('2026-03-02', 9, 15), '2026', 1, [], {
      applicant: { ...sampleDossier().applicant, fullName: 'Đặng Thị Mỹ Dung', address: 'Thôn 2, xã Suối Kiết' },
    });
    const csv = ledgerCsv(ledgerRows([d]));
    expect(csv.startsWith('\uFEFFQuyển số,Số thứ tự,Mã hồ sơ')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(csv).toContain('Đặng Thị Mỹ Dung');
    expect(csv).toContain('"Thôn 2, xã Suối Kiết; 0912345678"');
    expect(toCsv(['a'], [['1']])).toBe('a\r\n1\r\n');
  });

  it('the register neutralises a name and an address typed as formulas', () => {
    const d = dossier('000.00.00.H99-260302-0001', fromVn('2026-03-02', 9, 15), '2026', 1, [], {
      applicant: { ...sampleDossier().applicant, fullName: '=cmd|\' /C calc\'!A0', address: '@SUM(1+1)' },
    });
    const csv = ledgerCsv(ledgerRows([d]));
    expect(csv).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(csv).toContain(`"'@SUM(1+1); 0912345678"`);
    expect(csv).not.toMatch(/,=cmd/);
    const noAddress = dossier('000.00.00.H99-260302-0002', fromVn('2026-03-02', 9, 20), '2026', 2, [], { applicant: { ...sampleDossier().applicant, address: null } });
    expect(ledgerCsv(ledgerRows([noAddress]))).toContain(',="0912345678",'); // the phone alone keeps its leading zero
  });

  it('prints stamps in Vietnam time', () => {
    expect(stampText('2026-03-02T02:15:00Z')).toBe('02/03/2026 09:15');
    expect(stampText(null)).toBe('');
  });
});

describe('controlSlipRows', () => {
  const received = fromVn('2026-03-02', 9, 15);
  const base = (steps: Step[]): Dossier => dossier('000.00.00.H99-260302-0009', received, '2026', 9, steps, { dueAt: toVnIso(fromVn('2026-03-04', 16, 30)) });

  it('makes one row per hand-over, with givers, receivers and the judgement of each step', () => {
    const d = base([
      ['routed', fromVn('2026-03-02', 9, 30), VP, 'Trần Văn Đức'],
      ['handover-accepted', fromVn('2026-03-02', 9, 45), { department: 'van-phong', by: 'Phạm Thị Ngọc Ánh' }, 'Phạm Thị Ngọc Ánh'],
      ['routed', fromVn('2026-03-03', 10, 0), { to: 'lanh-dao', toName: 'Lãnh đạo UBND xã' }, 'Phạm Thị Ngọc Ánh'],
      ['handover-accepted', fromVn('2026-03-03', 10, 5), { department: 'lanh-dao', by: 'Lê Văn Dẫn' }],
      ['returned-to-counter', fromVn('2026-03-04', 17, 0), { from: 'lanh-dao', note: 'Đã ký' }, 'Lê Văn Dẫn'],
      ['result-recorded', fromVn('2026-03-04', 17, 5), { decision: 'approved' }],
      ['result-returned', fromVn('2026-03-05', 8, 0), { method: 'counter', timing: 'late' }],
    ]);
    const rows = controlSlipRows(d, { counterName: 'Trung tâm Phục vụ hành chính công' });
    expect(rows.map((r) => [r.from, r.to, r.handedBy, r.receivedBy, r.timing])).toEqual([
      ['Trung tâm Phục vụ hành chính công', 'Văn phòng HĐND và UBND', 'Trần Văn Đức', 'Phạm Thị Ngọc Ánh', 'early'],
      ['Văn phòng HĐND và UBND', 'Lãnh đạo UBND xã', 'Phạm Thị Ngọc Ánh', 'Lê Văn Dẫn', 'late'],
      ['Lãnh đạo UBND xã', 'Trung tâm Phục vụ hành chính công', 'Lê Văn Dẫn', null, 'late'],
    ]);
    expect(rows[0]).toMatchObject({ handedAt: '2026-03-02T09:30:00+07:00', receivedAt: '2026-03-02T09:45:00+07:00', finishedAt: '2026-03-03T10:00:00+07:00' });
    expect(rows[1]!.finishedAt).toBe('2026-03-04T17:00:00+07:00');
    expect(rows[2]).toMatchObject({ toId: null, note: 'Đã ký', receivedAt: '2026-03-04T17:00:00+07:00', finishedAt: '2026-03-05T08:00:00+07:00' });
  });

  it('ends the last step held by a department at the result, and leaves an open step unjudged', () => {
    const open = base([['routed', fromVn('2026-03-02', 9, 30), VP]]);
    expect(controlSlipRows(open)).toEqual([
      expect.objectContaining({ from: 'Bộ phận tiếp nhận và trả kết quả', receivedAt: null, finishedAt: null, timing: null }),
    ]);
    const done = base([['routed', fromVn('2026-03-02', 9, 30), VP], ['result-recorded', fromVn('2026-03-04', 10, 0), { decision: 'approved' }]]);
    expect(controlSlipRows(done)[0]).toMatchObject({ finishedAt: '2026-03-04T10:00:00+07:00', timing: 'on-time' });
  });

  it('has no rows when the dossier never left the counter', () => {
    expect(controlSlipRows(base([['result-recorded', fromVn('2026-03-02', 10, 0), { decision: 'approved' }]]))).toEqual([]);
  });

  it('names a department by the configured names when no event carries its name', () => {
    const d = base([['routed', fromVn('2026-03-02', 9, 30), { to: 'kinh-te' }]]);
    expect(controlSlipRows(d, { departmentNames: { 'kinh-te': 'Phòng Kinh tế' } })[0]!.to).toBe('Phòng Kinh tế');
  });
});

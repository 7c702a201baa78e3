import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromVn } from '../../src/domain/time.js';
import { describeComponent, placeDate, sentenceCase, unitText, vnDateTime, vnLongDate } from '../../src/documents/format.js';
import { drawQr, parseQrPayload, qrMatrix, qrPayload, type RectCanvas } from '../../src/documents/qr.js';
import { FORMS, formLabel, formSpec, legalBasis, RULE_SETS, rulesInForce } from '../../src/documents/rules.js';

describe('rulesInForce', () => {
  it.each([
    ['2019-01-06', 'TT01/2018'],
    ['2025-06-30', 'TT01/2018'],
    ['2025-07-01', 'TT01/2018'],
    ['2025-09-14', 'TT01/2018'],
    ['2025-09-15', 'TT03/2025'],
    ['2025-09-16', 'TT03/2025'],
    ['2026-03-02', 'TT03/2025'],
  ])('%s → %s', (date, rules) => {
    expect(rulesInForce(date)).toBe(rules);
  });

  it('rejects a malformed date', () => {
    expect(() => rulesInForce('15/09/2025')).toThrow(RangeError);
  });

  it('switches exactly once, on 2025-09-15 (property)', () => {
    const day = fc.integer({ min: -3000, max: 3000 }).map((n) => {
      const d = new Date(Date.UTC(2025, 8, 15 + n));
      return { n, iso: d.toISOString().slice(0, 10) };
    });
    fc.assert(
      fc.property(day, ({ n, iso }) => {
        expect(rulesInForce(iso)).toBe(n < 0 ? 'TT01/2018' : 'TT03/2025');
      }),
    );
  });
});

describe('form catalogue', () => {
  it('keeps 01–03 numbered and titled alike under both rule sets', () => {
    for (const kind of ['receipt', 'supplement', 'refusal'] as const) {
      expect(formSpec('TT01/2018', kind)).toEqual(formSpec('TT03/2025', kind));
    }
    expect(formLabel('TT03/2025', 'receipt')).toBe('Mẫu số 01');
    expect(formSpec('TT01/2018', 'supplement').title).toBe('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(formSpec('TT01/2018', 'refusal').title).toBe('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
  });

  it('renumbers the later forms under TT 03/2025 (§1.4)', () => {
    expect(formLabel('TT01/2018', 'control')).toBe('Mẫu số 05');
    expect(formLabel('TT03/2025', 'control')).toBe('Mẫu số 06');
    expect(formLabel('TT01/2018', 'register')).toBe('Mẫu số 06');
    expect(formLabel('TT03/2025', 'register')).toBe('Mẫu số 07');
    expect(formSpec('TT03/2025', 'stop').number).toBe('05');
    expect(() => formSpec('TT01/2018', 'stop')).toThrow(RangeError);
    expect(formSpec('TT01/2018', 'register').paper).toBe('A4');
  });

  it('gives every rule set its own legal basis and unique form numbers', () => {
    expect(legalBasis('TT01/2018')).toContain('01/2018/TT-VPCP');
    expect(legalBasis('TT03/2025')).toContain('03/2025/TT-VPCP');
    for (const rules of RULE_SETS) {
      const numbers = Object.values(FORMS[rules])
        .filter((f) => f !== null)
        .map((f) => f.number);
      expect(new Set(numbers).size).toBe(numbers.length);
    }
  });
});

describe('Vietnamese date texts', () => {
  it('pads days under 10 and months 1–2 only', () => {
    expect(vnLongDate(fromVn('2026-03-02', 9, 15))).toBe('ngày 02 tháng 3 năm 2026');
    expect(vnLongDate(fromVn('2026-01-05'))).toBe('ngày 05 tháng 01 năm 2026');
    expect(vnLongDate(fromVn('2025-12-25'))).toBe('ngày 25 tháng 12 năm 2025');
  });

  it('prints the time in Vietnam whatever the instant’s UTC date', () => {
    // 2026-03-02T23:30Z is 06:30 on 3 March in Vietnam.
    expect(vnDateTime(new Date('2026-03-02T23:30:00Z'))).toBe('06 giờ 30 phút, ngày 03 tháng 3 năm 2026');
    expect(vnDateTime(fromVn('2026-03-03', 16, 5))).toBe('16 giờ 05 phút, ngày 03 tháng 3 năm 2026');
    expect(placeDate('Suối Kiết', fromVn('2026-03-02'))).toBe('Suối Kiết, ngày 02 tháng 3 năm 2026');
  });
});

describe('text helpers', () => {
  it('describes a component line with what is known', () => {
    expect(describeComponent({ name: 'Tờ khai', quantity: 1, copy: 'Bản chính' })).toBe('Tờ khai (Bản chính: 01 bản)');
    expect(describeComponent({ name: 'Giấy chứng sinh', quantity: null, copy: 'Bản sao' })).toBe('Giấy chứng sinh (Bản sao)');
    expect(describeComponent({ name: 'Ảnh', quantity: 12, copy: null, note: 'cỡ 4x6' })).toBe('Ảnh (12 bản) – cỡ 4x6');
    expect(describeComponent({ name: 'CCCD', quantity: null, copy: null })).toBe('CCCD');
  });

  it('names the unit, falling back to the header lines', () => {
    const a = { name: 'UBND XÃ SUỐI KIẾT', unitName: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', place: 'Suối Kiết' };
    expect(unitText(a)).toBe('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG – UBND XÃ SUỐI KIẾT');
    expect(unitText({ ...a, unitFullName: 'Trung tâm Phục vụ hành chính công xã Suối Kiết' })).toBe(
      'Trung tâm Phục vụ hành chính công xã Suối Kiết',
    );
    expect(sentenceCase('GIẤY TIẾP NHẬN HỒ SƠ')).toBe('Giấy tiếp nhận hồ sơ');
  });
});

describe('QR codes', () => {
  it('round-trips the payload (property)', () => {
    const value = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/[;:]/.test(s) && s.trim() === s && s !== '');
    fc.assert(
      fc.property(value, value, (code, proc) => {
        expect(parseQrPayload(qrPayload({ MaHoSo: code, MaTTHC: proc }))).toEqual({ MaHoSo: code, MaTTHC: proc });
      }),
    );
  });

  it('drops empty values and reads a bare code', () => {
    expect(qrPayload({ MaHoSo: '000.00.00.H41-260302-0001', MaTTHC: null })).toBe('MaHoSo:000.00.00.H41-260302-0001');
    expect(parseQrPayload('000.00.00.H41-260302-0001')).toEqual({ MaHoSo: '000.00.00.H41-260302-0001' });
  });

  it('draws exactly the dark modules of the symbol', () => {
    const text = qrPayload({ MaHoSo: '000.00.00.H41-260302-0001', MaTTHC: '1.001193' });
    const m = qrMatrix(text);
    const n = m.length;
    const size = n * 2; // 2 points per module
    const seen = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
    let fills = 0;
    const canvas: RectCanvas = {
      save: () => undefined,
      restore: () => undefined,
      rect: (x, y, w) => {
        const r = Math.round((y - 10) / 2);
        const c0 = Math.round((x - 5) / 2);
        const cells = Math.round((w - 0.05) / 2);
        for (let c = c0; c < c0 + cells; c++) (seen[r] as boolean[])[c] = true;
      },
      fill: () => {
        fills++;
      },
    };
    drawQr(canvas, text, 5, 10, size);
    expect(fills).toBe(1);
    expect(seen).toEqual(m);
    expect(n).toBeGreaterThanOrEqual(21);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NAME_MAX_LENGTH, nameKey, normaliseName, titleCaseName } from '../../src/domain/person.js';

const codes = (r: { ok: boolean; problems?: { code: string }[] }): string[] => (r.ok ? [] : (r.problems ?? []).map((p) => p.code));

describe('normaliseName: table', () => {
  it.each([
    ['Nguyễn Thị Mai Lan', 'Nguyễn Thị Mai Lan', false],
    ['nguyễn thị mai lan', 'Nguyễn Thị Mai Lan', true],
    ['NGUYỄN THỊ MAI LAN', 'Nguyễn Thị Mai Lan', true],
    ['  Trần   Văn  Tâm ', 'Trần Văn Tâm', false],
    ['Trần\tVăn\r\nTâm', 'Trần Văn Tâm', false],
    ['đặng đình đức', 'Đặng Đình Đức', true],
    ['ĐẶNG ĐÌNH ĐỨC', 'Đặng Đình Đức', true],
    ["K'BRIS", "K'Bris", true],
    ["h'lan niê", "H'Lan Niê", true],
    ['ka’ broi', 'Ka’ Broi', true],
    ['Y-MOAN ÊNUÔL', 'Y-Moan Ênuôl', true],
    ['Lê văn tám', 'Lê văn tám', false],
    ['McDonald Trần', 'McDonald Trần', false],
    ['Nguyen Van A', 'Nguyen Van A', false],
    ['Nguye\u0302\u0303n Thi\u0323 Hoa', 'Nguyễn Thị Hoa', false],
  ])('%s → %s', (input, value, recased) => {
    expect(normaliseName(input)).toEqual({ ok: true, value, recased });
  });

  it('keeps the case when titleCase is off', () => {
    expect(normaliseName('NGUYỄN THỊ MAI LAN', { titleCase: false })).toEqual({ ok: true, value: 'NGUYỄN THỊ MAI LAN', recased: false });
  });

  it.each([
    ['Nguyễn Văn 2', ['NAME_DIGITS']],
    ['L3 Văn Tâm', ['NAME_DIGITS']],
    ['Lê\u0007Văn', ['NAME_CONTROL']],
    ['Lê\u200BVăn', ['NAME_CONTROL']],
    ['Lê@Văn', ['NAME_CHARS']],
    ['Nguy?n Văn A', ['NAME_CHARS']],
    ['Nguy\uFFFDn', ['NAME_CHARS']],
    ['', ['NAME_EMPTY']],
    ['   ', ['NAME_EMPTY']],
    ["' - .", ['NAME_EMPTY']],
    ['123', ['NAME_DIGITS', 'NAME_EMPTY']],
    ['a'.repeat(NAME_MAX_LENGTH + 1), ['NAME_LENGTH']],
  ])('%j → %j', (input, expected) => {
    expect(codes(normaliseName(input))).toEqual(expected);
  });

  it('names the offending characters', () => {
    const r = normaliseName('Nguyễn Văn 2');
    if (r.ok) throw new Error('expected a problem');
    expect(r.problems[0]?.message).toEqual({ vi: 'Họ tên không được có chữ số: "2"', en: 'A name may not contain digits: "2"' });
    const c = normaliseName('Lê\u0007Văn');
    if (c.ok) throw new Error('expected a problem');
    expect(c.problems[0]?.message.en).toContain('U+0007');
  });
});

const syllable = fc.constantFrom('nguyễn', 'thị', 'hường', 'đặng', 'văn', 'ánh', 'ưu', 'ỷ', "k'bris", "h'lan", 'niê', 'trần', 'lê', 'ê', 'y-moan');
const casing = fc.constantFrom('lower', 'upper', 'title');
const nameArb = fc
  .tuple(fc.array(syllable, { minLength: 1, maxLength: 5 }), casing, fc.array(fc.constantFrom(' ', '  ', '\t'), { minLength: 5, maxLength: 5 }))
  .map(([parts, c, gaps]) => {
    const cased = parts.map((p) => (c === 'lower' ? p : c === 'upper' ? p.toUpperCase() : titleCaseName(p)));
    return ' ' + cased.map((p, i) => p + (i < cased.length - 1 ? gaps[i] : '')).join('') + ' ';
  });

describe('normaliseName: properties', () => {
  it('is idempotent, NFC, single-spaced, and keeps every letter and diacritic', () => {
    fc.assert(
      fc.property(nameArb, (input) => {
        const r = normaliseName(input);
        if (!r.ok) throw new Error(`expected valid: ${input}`);
        expect(r.value).toBe(r.value.normalize('NFC'));
        expect(r.value).not.toMatch(/\s{2}|^\s|\s$|\t/);
        expect(r.value.toLowerCase()).toBe(input.trim().replace(/\s+/g, ' ').toLowerCase());
        expect(nameKey(r.value)).toBe(nameKey(input));
        expect(normaliseName(r.value)).toEqual({ ok: true, value: r.value, recased: false });
      }),
    );
  });

  it('all-upper and all-lower input end up identical', () => {
    fc.assert(
      fc.property(fc.array(syllable, { minLength: 1, maxLength: 5 }), (parts) => {
        const lower = normaliseName(parts.join(' '));
        const upper = normaliseName(parts.join(' ').toUpperCase());
        if (!lower.ok || !upper.ok) throw new Error('expected valid');
        expect(lower.value).toBe(upper.value);
      }),
    );
  });

  it('any digit makes the name invalid', () => {
    fc.assert(
      fc.property(nameArb, fc.integer({ min: 0, max: 9 }), fc.nat(), (name, d, at) => {
        const i = at % (name.length + 1);
        expect(codes(normaliseName(name.slice(0, i) + d + name.slice(i)))).toContain('NAME_DIGITS');
      }),
    );
  });
});

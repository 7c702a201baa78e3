import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MOBILE_PREFIXES, maskPhone, validatePhone } from '../../src/domain/phone.js';

const codes = (r: { ok: boolean; problems?: { code: string }[] }): string[] => (r.ok ? [] : (r.problems ?? []).map((p) => p.code));

describe('validatePhone: table', () => {
  it.each([
    ['0912345678', '0912345678', 'VinaPhone'],
    ['+84912345678', '0912345678', 'VinaPhone'],
    ['84912345678', '0912345678', 'VinaPhone'],
    ['0912 345 678', '0912345678', 'VinaPhone'],
    ['091.234.5678', '0912345678', 'VinaPhone'],
    ['0912-345-678', '0912345678', 'VinaPhone'],
    ['+84 (0) 912 345 678', '0912345678', 'VinaPhone'],
    [' 0871234567 ', '0871234567', 'iTel'],
    ['+84871234567', '0871234567', 'iTel'],
    ['0551234567', '0551234567', 'Wintel (Reddi)'],
    ['0321234567', '0321234567', 'Viettel'],
    ['0861234567', '0861234567', 'Viettel'],
    ['0701234567', '0701234567', 'MobiFone'],
    ['0521234567', '0521234567', 'Vietnamobile'],
    ['0991234567', '0991234567', 'Gmobile'],
  ])('%s → %s (%s)', (input, national, operator) => {
    expect(validatePhone(input)).toEqual({ ok: true, value: national, international: '84' + national.slice(1), operator });
  });

  it.each([
    ['091234567', ['PHONE_LENGTH']],
    ['09123456789', ['PHONE_LENGTH']],
    ['+8491234567', ['PHONE_LENGTH']],
    ['912345678', ['PHONE_LENGTH']],
    ['', ['PHONE_LENGTH']],
    ['   ', ['PHONE_LENGTH']],
    ['0123456789', ['PHONE_PREFIX']],
    ['0241234567', ['PHONE_PREFIX']],
    ['0311234567', ['PHONE_PREFIX']],
    ['0951234567', ['PHONE_PREFIX']],
    ['012345678', ['PHONE_LENGTH', 'PHONE_PREFIX']],
    ['+14155550100', ['PHONE_PREFIX']],
    ['1234567890', ['PHONE_PREFIX']],
    ['09a2345678', ['PHONE_CHARS']],
    ['0912+345678', ['PHONE_CHARS']],
    ['0912/345/678', ['PHONE_CHARS']],
  ])('%s → %j', (input, expected) => {
    expect(codes(validatePhone(input))).toEqual(expected);
  });

  it('says exactly what is wrong', () => {
    const short = validatePhone('091234567');
    if (short.ok) throw new Error('expected a problem');
    expect(short.problems[0]?.message.vi).toBe('Số điện thoại có 9 chữ số; số di động cần đúng 10 chữ số (dạng 0xxxxxxxxx)');
    expect(short.problems[0]?.message.en).toBe('The phone number has 9 digits; a mobile number needs exactly 10 (0xxxxxxxxx)');
    const noZero = validatePhone('912345678');
    if (noZero.ok) throw new Error('expected a problem');
    expect(noZero.problems[0]?.message.vi).toContain('thiếu số 0 ở đầu (0912345678?)');
    const prefix = validatePhone('0123456789');
    if (prefix.ok) throw new Error('expected a problem');
    expect(prefix.problems[0]?.message.vi).toBe('Đầu số 012 không phải đầu số di động Việt Nam');
    const chars = validatePhone('09a2345678');
    if (chars.ok) throw new Error('expected a problem');
    expect(chars.problems[0]?.message.en).toContain('"a"');
  });

  it('accepts configured extra prefixes (numbering plan UNCONFIRMED)', () => {
    expect(codes(validatePhone('0951234567'))).toEqual(['PHONE_PREFIX']);
    expect(validatePhone('0951234567', { extraPrefixes: { '095': null } })).toEqual({
      ok: true,
      value: '0951234567',
      international: '84951234567',
      operator: null,
    });
  });

  it('087 (iTel) is in the table, which the common regex forgets', () => {
    expect(MOBILE_PREFIXES['087']).toBe('iTel');
    expect(Object.keys(MOBILE_PREFIXES)).toHaveLength(36);
  });
});

const prefixArb = fc.constantFrom(...Object.keys(MOBILE_PREFIXES));
const sevenDigits = fc.stringMatching(/^\d{7}$/);

describe('validatePhone: properties', () => {
  it('any listed prefix + 7 digits validates in 0, +84 and 84 forms to the same value', () => {
    fc.assert(
      fc.property(prefixArb, sevenDigits, (prefix, rest) => {
        const national = prefix + rest;
        const expected = { ok: true, value: national, international: '84' + national.slice(1), operator: MOBILE_PREFIXES[prefix] };
        expect(validatePhone(national)).toEqual(expected);
        expect(validatePhone('+84' + national.slice(1))).toEqual(expected);
        expect(validatePhone('84' + national.slice(1))).toEqual(expected);
        expect(validatePhone(`${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`)).toEqual(expected);
      }),
    );
  });

  it('any 0-number whose prefix is not listed is refused on its prefix', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{2}$/), sevenDigits, (two, rest) => {
        fc.pre(!Object.hasOwn(MOBILE_PREFIXES, '0' + two));
        expect(codes(validatePhone('0' + two + rest))).toEqual(['PHONE_PREFIX']);
      }),
    );
  });

  it('validating the normalised value again gives the same result', () => {
    fc.assert(
      fc.property(prefixArb, sevenDigits, (prefix, rest) => {
        const once = validatePhone('+84' + prefix.slice(1) + rest);
        if (!once.ok) throw new Error('expected valid');
        expect(validatePhone(once.value)).toEqual(once);
        expect(validatePhone(once.international)).toEqual(once);
      }),
    );
  });
});

describe('maskPhone', () => {
  it.each([
    ['0912345678', '0912***678'],
    ['+84 912 345 678', '0912***678'],
    ['12345', '**345'],
  ])('%s → %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });
  it('never shows digits 5–7 of a valid number', () => {
    fc.assert(
      fc.property(prefixArb, sevenDigits, (prefix, rest) => {
        const m = maskPhone(prefix + rest);
        expect(m).toBe(prefix + rest.slice(0, 1) + '***' + rest.slice(4));
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateEmail } from '../../src/domain/email.js';

const codes = (r: { ok: boolean; problems?: { code: string }[] }): string[] => (r.ok ? [] : (r.problems ?? []).map((p) => p.code));

describe('validateEmail: table', () => {
  it.each([
    ['nguyen.van.a@gmail.com', 'nguyen.van.a@gmail.com', 'gmail.com'],
    ['  tran.thi.b@yahoo.com.vn ', 'tran.thi.b@yahoo.com.vn', 'yahoo.com.vn'],
    ['A.B+tag@Example.VN', 'A.B+tag@example.vn', 'example.vn'],
    ["o'hara_1@mail-server.org", "o'hara_1@mail-server.org", 'mail-server.org'],
    ['x@sub.domain.com.vn', 'x@sub.domain.com.vn', 'sub.domain.com.vn'],
    ['a@xn--bcher-kva.example', 'a@xn--bcher-kva.example', 'xn--bcher-kva.example'],
  ])('%s is valid', (input, value, asciiDomain) => {
    expect(validateEmail(input)).toEqual({ ok: true, value, asciiDomain });
  });

  it('accepts an IDN domain and gives its ASCII form', () => {
    const r = validateEmail('lienhe@bưuđiện.vn');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).toBe('lienhe@bưuđiện.vn');
      expect(r.asciiDomain).toMatch(/^xn--[a-z0-9-]+\.vn$/);
    }
  });

  it.each([
    ['', ['EMAIL_EMPTY']],
    ['   ', ['EMAIL_EMPTY']],
    ['a b@x.vn', ['EMAIL_SPACE']],
    ['a@x .vn', ['EMAIL_SPACE']],
    ['ab.x.vn', ['EMAIL_AT']],
    ['a@@x.vn', ['EMAIL_AT']],
    ['a@b@x.vn', ['EMAIL_AT']],
    ['@x.vn', ['EMAIL_LOCAL']],
    ['.a@x.vn', ['EMAIL_LOCAL']],
    ['a.@x.vn', ['EMAIL_LOCAL']],
    ['a..b@x.vn', ['EMAIL_LOCAL']],
    ['a,b@x.vn', ['EMAIL_LOCAL']],
    ['nguyễn@gmail.com', ['EMAIL_LOCAL']],
    ['a@', ['EMAIL_DOMAIN']],
    ['a@gmail', ['EMAIL_DOMAIN']],
    ['a@gmail..com', ['EMAIL_DOMAIN']],
    ['a@.gmail.com', ['EMAIL_DOMAIN']],
    ['a@gmail.com.', ['EMAIL_DOMAIN']],
    ['a@-x.vn', ['EMAIL_DOMAIN']],
    ['a@x-.vn', ['EMAIL_DOMAIN']],
    ['a@x_y.vn', ['EMAIL_DOMAIN']],
    ['a@x.123', ['EMAIL_DOMAIN']],
    ['a@x.c', ['EMAIL_DOMAIN']],
    ['a\u0007b@x.vn', ['EMAIL_CHARS']],
    [`${'a'.repeat(65)}@x.vn`, ['EMAIL_LENGTH']],
    [`a@${'b'.repeat(64)}.vn`, ['EMAIL_DOMAIN']],
    [`a@${Array.from({ length: 5 }, () => 'c'.repeat(60)).join('.')}.vn`, ['EMAIL_LENGTH']],
  ])('%s → %j', (input, expected) => {
    expect(codes(validateEmail(input))).toEqual(expected);
  });

  it('points at the Vietnamese input method when the name part has accents', () => {
    const r = validateEmail('nguyễn@gmail.com');
    if (r.ok) throw new Error('expected a problem');
    expect(r.problems[0]?.message.vi).toContain('"ễ"');
    expect(r.problems[0]?.message.vi).toContain('bộ gõ tiếng Việt');
    expect(r.problems[0]?.message.en).toContain('input method');
  });

  it('names a missing domain ending', () => {
    const r = validateEmail('a@gmail');
    if (r.ok) throw new Error('expected a problem');
    expect(r.problems[0]?.message).toEqual({
      vi: 'Tên miền "gmail" thiếu phần đuôi (ví dụ .com, .vn)',
      en: 'The domain "gmail" has no ending (for example .com, .vn)',
    });
  });
});

describe('validateEmail: properties', () => {
  const local = fc.stringMatching(/^[a-z0-9]([a-z0-9._+-]{0,20}[a-z0-9])?$/).filter((s) => !s.includes('..'));
  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
  const tld = fc.stringMatching(/^[a-z]{2,6}$/);

  it('simple addresses validate, and validating the value again is stable', () => {
    fc.assert(
      fc.property(local, fc.array(label, { minLength: 1, maxLength: 3 }), tld, (l, labels, t) => {
        const address = `${l}@${[...labels, t].join('.')}`;
        const r = validateEmail(address);
        expect(r).toEqual({ ok: true, value: address, asciiDomain: [...labels, t].join('.') });
        expect(validateEmail(address.toUpperCase())).toEqual({ ok: true, value: `${l.toUpperCase()}@${[...labels, t].join('.')}`, asciiDomain: [...labels, t].join('.') });
      }),
    );
  });

  it('inserting a space anywhere breaks it', () => {
    fc.assert(
      fc.property(local, label, tld, fc.nat(), (l, d, t, at) => {
        const address = `${l}@${d}.${t}`;
        const i = 1 + (at % (address.length - 1));
        expect(codes(validateEmail(address.slice(0, i) + ' ' + address.slice(i)))).toContain('EMAIL_SPACE');
      }),
    );
  });
});

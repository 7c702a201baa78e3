/**
 * Vietnamese mobile numbers (regulations.md §7.2): 10 digits in the national form `0xxxxxxxxx`,
 * also written `+84xxxxxxxxx` or `84xxxxxxxxx`. The prefix table is the practitioner consensus
 * (the official numbering plan was not read): operator attribution is informative only, since
 * numbers move between operators. 087 (iTel) and 055 (Wintel) are valid. Pure.
 */
import type { Failed, Problem } from './identity.js';
import { nfc } from './text.js';

/** Mobile prefixes (national form, 3 digits) → operator name. */
export const MOBILE_PREFIXES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098'].map((p) => [p, 'Viettel'])),
  ...Object.fromEntries(['081', '082', '083', '084', '085', '088', '091', '094'].map((p) => [p, 'VinaPhone'])),
  ...Object.fromEntries(['070', '076', '077', '078', '079', '089', '090', '093'].map((p) => [p, 'MobiFone'])),
  ...Object.fromEntries(['052', '056', '058', '092'].map((p) => [p, 'Vietnamobile'])),
  ...Object.fromEntries(['059', '099'].map((p) => [p, 'Gmobile'])),
  '087': 'iTel',
  '055': 'Wintel (Reddi)',
};

export interface PhoneOptions {
  /** Further accepted prefixes (national form, 3 digits) → operator name or null. */
  extraPrefixes?: Readonly<Record<string, string | null>>;
}

export interface ValidPhone {
  ok: true;
  /** National form `0xxxxxxxxx`. */
  value: string;
  /** `84xxxxxxxxx` (no plus), as SMS gateways expect. */
  international: string;
  /** Operator the prefix was allocated to; informative only. */
  operator: string | null;
}

const quoteList = (chars: string[]): string => chars.map((c) => `"${c}"`).join(', ');

function lengthProblem(n: number, extra: { vi: string; en: string } = { vi: '', en: '' }): Problem {
  return {
    code: 'PHONE_LENGTH',
    message: {
      vi: `Số điện thoại có ${n} chữ số; số di động cần đúng 10 chữ số (dạng 0xxxxxxxxx)${extra.vi}`,
      en: `The phone number has ${n} digits; a mobile number needs exactly 10 (0xxxxxxxxx)${extra.en}`,
    },
  };
}

/** Validate and normalise a mobile number. Spaces, dots, hyphens and parentheses are ignored. */
export function validatePhone(s: string, opts: PhoneOptions = {}): ValidPhone | Failed {
  const compact = nfc(s).replace(/[\s.\-()]/g, '');
  if (compact === '') {
    return {
      ok: false,
      problems: [{ code: 'PHONE_LENGTH', message: { vi: 'Chưa nhập số điện thoại', en: 'No phone number was given' } }],
    };
  }
  const bad = [...new Set([...compact].filter((c, i) => !(c >= '0' && c <= '9') && !(c === '+' && i === 0)))];
  if (bad.length > 0) {
    return {
      ok: false,
      problems: [
        {
          code: 'PHONE_CHARS',
          message: {
            vi: `Số điện thoại chỉ gồm chữ số (có thể có + ở đầu); có ký tự không hợp lệ: ${quoteList(bad)}`,
            en: `A phone number may contain only digits (and a leading +); found: ${quoteList(bad)}`,
          },
        },
      ],
    };
  }

  let national: string;
  if (compact.startsWith('+')) {
    if (!compact.startsWith('+84')) {
      const shown = compact.slice(0, 4);
      return {
        ok: false,
        problems: [
          {
            code: 'PHONE_PREFIX',
            message: {
              vi: `Số "${shown}…" không phải số Việt Nam: mã quốc gia phải là +84`,
              en: `"${shown}…" is not a Vietnamese number: the country code must be +84`,
            },
          },
        ],
      };
    }
    const rest = compact.slice(3);
    // "+84 (0) 912 …": the trunk 0 written after the country code.
    national = rest.startsWith('0') && rest.length === 10 ? rest : '0' + rest;
  } else if (compact.startsWith('84') && (compact.length === 11 || (compact.length === 12 && compact[2] === '0'))) {
    national = compact.length === 12 ? compact.slice(2) : '0' + compact.slice(2);
  } else if (compact.startsWith('0')) {
    national = compact;
  } else if (compact.length === 9 && isMobilePrefix('0' + compact.slice(0, 2), opts)) {
    return {
      ok: false,
      problems: [
        lengthProblem(9, {
          vi: `; có thể thiếu số 0 ở đầu (0${compact}?)`,
          en: `; the leading 0 may be missing (0${compact}?)`,
        }),
      ],
    };
  } else {
    return {
      ok: false,
      problems: [
        {
          code: 'PHONE_PREFIX',
          message: {
            vi: `Số điện thoại "${compact}" phải bắt đầu bằng 0, +84 hoặc 84`,
            en: `The phone number "${compact}" must start with 0, +84 or 84`,
          },
        },
      ],
    };
  }

  const problems: Problem[] = [];
  if (national.length !== 10) problems.push(lengthProblem(national.length));
  const prefix = national.slice(0, 3);
  if (prefix.length === 3 && !isMobilePrefix(prefix, opts)) {
    problems.push({
      code: 'PHONE_PREFIX',
      message: {
        vi: `Đầu số ${prefix} không phải đầu số di động Việt Nam`,
        en: `${prefix} is not a Vietnamese mobile prefix`,
      },
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  const operator = MOBILE_PREFIXES[prefix] ?? opts.extraPrefixes?.[prefix] ?? null;
  return { ok: true, value: national, international: '84' + national.slice(1), operator };
}

function isMobilePrefix(prefix: string, opts: PhoneOptions): boolean {
  return Object.hasOwn(MOBILE_PREFIXES, prefix) || (opts.extraPrefixes !== undefined && Object.hasOwn(opts.extraPrefixes, prefix));
}

/** Mask for logs and the terminal: `0912***678`; anything unreadable keeps only its last 3 digits. */
export function maskPhone(s: string): string {
  const v = validatePhone(s);
  if (v.ok) return v.value.slice(0, 4) + '***' + v.value.slice(7);
  const digits = s.replace(/\D/g, '');
  if (digits.length <= 3) return '*'.repeat(digits.length);
  return '*'.repeat(digits.length - 3) + digits.slice(-3);
}

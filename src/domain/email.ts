/**
 * Pragmatic e-mail validation for the counter: one @, an ASCII local part (a Vietnamese letter
 * there nearly always means the Vietnamese input method was on), a dotted domain (IDN allowed,
 * converted to its ASCII form for sending), no spaces, RFC 5321 length limits
 * (local part 64, domain 253, whole address 254). It does not prove the mailbox exists. Pure.
 */
import { domainToASCII } from 'node:url';
import type { Failed, Problem } from './identity.js';
import { maskMiddle, nfc } from './text.js';

export interface ValidEmail {
  ok: true;
  /** Local part as typed, domain in lower case (Unicode form). */
  value: string;
  /** The domain in ASCII (punycode) form, for SMTP. */
  asciiDomain: string;
}

const LOCAL_ALLOWED = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]$/;
const LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}\-]*[\p{L}\p{M}\p{N}])?$/u;

const p = (code: string, vi: string, en: string): Problem => ({ code, message: { vi, en } });
const quoteList = (chars: string[]): string => chars.map((c) => `"${c}"`).join(', ');

export function validateEmail(s: string): ValidEmail | Failed {
  const t = nfc(s).trim();
  if (t === '') return { ok: false, problems: [p('EMAIL_EMPTY', 'Chưa nhập địa chỉ e-mail', 'No e-mail address was given')] };
  const problems: Problem[] = [];
  if (/\s/u.test(t)) {
    problems.push(p('EMAIL_SPACE', `Địa chỉ e-mail "${t}" có khoảng trắng`, `The e-mail address "${t}" contains a space`));
  }
  if (/\p{Cc}/u.test(t)) {
    problems.push(p('EMAIL_CHARS', 'Địa chỉ e-mail có ký tự điều khiển', 'The e-mail address contains a control character'));
  }
  const ats = [...t].filter((c) => c === '@').length;
  if (ats !== 1) {
    problems.push(
      ats === 0
        ? p('EMAIL_AT', `Địa chỉ e-mail "${t}" thiếu dấu @`, `The e-mail address "${t}" has no @`)
        : p('EMAIL_AT', `Địa chỉ e-mail có ${ats} dấu @; chỉ được có một`, `The e-mail address has ${ats} @ signs; only one is allowed`),
    );
  }
  if (t.length > 254) {
    problems.push(p('EMAIL_LENGTH', `Địa chỉ e-mail dài ${t.length} ký tự; tối đa 254`, `The e-mail address is ${t.length} characters long; the maximum is 254`));
  }
  if (problems.length > 0) return { ok: false, problems };

  const at = t.indexOf('@');
  const local = t.slice(0, at);
  const domain = t.slice(at + 1).toLowerCase();

  if (local === '') {
    problems.push(p('EMAIL_LOCAL', 'Thiếu phần tên trước dấu @', 'The name part before the @ is missing'));
  } else {
    if (local.length > 64) {
      problems.push(p('EMAIL_LENGTH', `Phần trước @ dài ${local.length} ký tự; tối đa 64`, `The part before the @ is ${local.length} characters long; the maximum is 64`));
    }
    const bad = [...new Set([...local].filter((c) => !LOCAL_ALLOWED.test(c)))];
    if (bad.length > 0) {
      const vietnamese = bad.some((c) => /\p{L}/u.test(c));
      problems.push(
        p(
          'EMAIL_LOCAL',
          `Phần trước @ có ký tự không dùng được: ${quoteList(bad)}` + (vietnamese ? ' (bộ gõ tiếng Việt có đang bật?)' : ''),
          `The part before the @ has characters that cannot be used: ${quoteList(bad)}` + (vietnamese ? ' (was the Vietnamese input method on?)' : ''),
        ),
      );
    }
    if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
      problems.push(p('EMAIL_LOCAL', 'Phần trước @ không được bắt đầu, kết thúc bằng dấu chấm hoặc có hai dấu chấm liền nhau', 'The part before the @ may not start or end with a dot or contain two dots in a row'));
    }
  }

  if (domain === '') {
    problems.push(p('EMAIL_DOMAIN', 'Thiếu tên miền sau dấu @ (ví dụ gmail.com)', 'The domain after the @ is missing (for example gmail.com)'));
  } else if (!domain.includes('.')) {
    problems.push(p('EMAIL_DOMAIN', `Tên miền "${domain}" thiếu phần đuôi (ví dụ .com, .vn)`, `The domain "${domain}" has no ending (for example .com, .vn)`));
  } else {
    const labels = domain.split('.');
    if (labels.some((l) => l === '')) {
      problems.push(p('EMAIL_DOMAIN', `Tên miền "${domain}" có dấu chấm thừa`, `The domain "${domain}" has a stray dot`));
    } else if (labels.some((l) => !LABEL.test(l) || l.length > 63)) {
      problems.push(p('EMAIL_DOMAIN', `Tên miền "${domain}" có ký tự không hợp lệ`, `The domain "${domain}" has invalid characters`));
    } else if (!/^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/u.test(labels[labels.length - 1] ?? '')) {
      problems.push(p('EMAIL_DOMAIN', `Đuôi tên miền "${labels[labels.length - 1]}" không hợp lệ`, `The domain ending "${labels[labels.length - 1]}" is not valid`));
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const asciiDomain = domainToASCII(domain);
  if (asciiDomain === '' || asciiDomain.length > 253) {
    return { ok: false, problems: [p('EMAIL_DOMAIN', `Tên miền "${domain}" không hợp lệ`, `The domain "${domain}" is not valid`)] };
  }
  return { ok: true, value: `${local}@${domain}`, asciiDomain };
}

/** Mask an e-mail address for the terminal like the phone and the ID number: `h**********n@example.vn` (the domain stays readable). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '*'.repeat(email.length);
  return `${maskMiddle(email.slice(0, at), 1, 1)}${email.slice(at)}`;
}

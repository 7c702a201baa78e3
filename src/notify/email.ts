/**
 * E-mail by SMTP submission with nodemailer (imported only when an e-mail is sent):
 * `smtps://` is TLS from the first byte (port 465); `smtp://` must upgrade with STARTTLS (port 587),
 * except to this computer (loopback), where plain SMTP is allowed for training rooms and tests.
 * The receipt or the apology letter is attached where relevant.
 */
import path from 'node:path';
import type { Msg } from '../i18n/index.js';
import { isLoopbackHost } from '../portal/config.js';
import type { NotifyConfig } from './config.js';
import type { EmailMessage, EmailProvider, ProviderSetupProblem } from './providers/types.js';
import type { SendOutcome } from './types.js';

export interface SmtpTarget {
  secure: boolean;
  host: string;
  port: number;
  user: string | null;
  pass: string | null;
  requireTLS: boolean;
}

/** Parse GOV_DESK_SMTP_URL (credentials may be in the URL or set apart). */
export function smtpTarget(c: NotifyConfig): SmtpTarget | ProviderSetupProblem {
  const problem = (vi: string, en: string): ProviderSetupProblem => ({ code: 'NOTIFY_SMTP_CONFIG', message: { vi, en }, hint: { vi: 'Ví dụ: GOV_DESK_SMTP_URL=smtps://tai-khoan:mat-khau@mail.example.vn:465', en: 'Example: GOV_DESK_SMTP_URL=smtps://user:password@mail.example.vn:465' } });
  if (!c.email.smtpUrl) return problem('Chưa cấu hình máy chủ thư (GOV_DESK_SMTP_URL).', 'No mail server configured (GOV_DESK_SMTP_URL).');
  let u: URL;
  try {
    u = new URL(c.email.smtpUrl);
  } catch {
    return problem('GOV_DESK_SMTP_URL không phải địa chỉ hợp lệ.', 'GOV_DESK_SMTP_URL is not a valid URL.');
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') return problem('GOV_DESK_SMTP_URL phải bắt đầu bằng smtps:// hoặc smtp://.', 'GOV_DESK_SMTP_URL must start with smtps:// or smtp://.');
  const secure = u.protocol === 'smtps:';
  const host = u.hostname;
  return {
    secure,
    host,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    user: u.username ? decodeURIComponent(u.username) : c.email.user,
    pass: u.password ? decodeURIComponent(u.password) : c.email.pass,
    requireTLS: !secure && !isLoopbackHost(host),
  };
}

export function mailFrom(c: NotifyConfig): string | null {
  return c.email.from ?? c.profile.email;
}

export function emailProblems(c: NotifyConfig): ProviderSetupProblem | undefined {
  const t = smtpTarget(c);
  if ('code' in t) return t;
  if (!mailFrom(c)) {
    return { code: 'NOTIFY_MAIL_FROM', message: { vi: 'Chưa có địa chỉ gửi thư (GOV_DESK_MAIL_FROM hoặc email của xã trong hồ sơ cấu hình).', en: 'No sender address (GOV_DESK_MAIL_FROM or the commune e-mail in the profile).' } };
  }
  return undefined;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  message?: string;
}

const f = (status: 'permanent-failure' | 'technical-failure', retry: boolean, abort: boolean, uncertain: boolean, code: string, message: Msg): SendOutcome => ({ kind: 'failed', status, retry, abort, uncertain, code, message });

/** nodemailer reports a lost connection as command "CONN" in every phase: only these prove nothing was sent. */
function failedBeforeSending(e: SmtpError, cmd: string): boolean {
  const msg = e.message ?? '';
  if (e.code === 'EDNS' || e.code === 'ETLS') return true;
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN/.test(msg) || /^(Connection timeout|Greeting never received)/.test(msg)) return true;
  return ['EHLO', 'HELO', 'LHLO', 'STARTTLS', 'AUTH', 'MAIL FROM', 'RCPT TO'].some((c) => cmd.startsWith(c));
}

/**
 * Map a nodemailer error. A 5xx answer to RCPT TO means the address does not exist (permanent: the
 * contact is flagged). A failure that may have happened while the message was transmitted leaves
 * the outcome unknown: SMTP cannot be asked, so it is not retried automatically.
 */
export function smtpOutcome(err: unknown): SendOutcome {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpError;
  const rc = e.responseCode ?? 0;
  const cmd = (e.command ?? '').toUpperCase();
  if (e.code === 'EAUTH') return f('technical-failure', true, true, false, 'SMTP_AUTH', { vi: 'Máy chủ thư từ chối tài khoản/mật khẩu.', en: 'The mail server refused the user name or password.' });
  if (rc >= 500 && cmd.startsWith('RCPT')) return f('permanent-failure', false, false, false, `SMTP_${rc}`, { vi: `Địa chỉ e-mail không nhận thư (SMTP ${rc}).`, en: `The e-mail address does not accept mail (SMTP ${rc}).` });
  if (rc >= 400 && rc < 500) return f('technical-failure', true, false, false, `SMTP_${rc}`, { vi: `Máy chủ thư tạm thời từ chối (SMTP ${rc}).`, en: `The mail server refused it for now (SMTP ${rc}).` });
  if (rc >= 500) return f('technical-failure', false, false, false, `SMTP_${rc}`, { vi: `Máy chủ thư từ chối thư (SMTP ${rc}).`, en: `The mail server rejected the message (SMTP ${rc}).` });
  if (failedBeforeSending(e, cmd)) return f('technical-failure', true, true, false, 'SMTP_CONNECT', { vi: `Không kết nối được máy chủ thư (${e.code ?? 'lỗi mạng'}).`, en: `Could not connect to the mail server (${e.code ?? 'network error'}).` });
  return f('technical-failure', false, true, true, 'SMTP_UNKNOWN_OUTCOME', { vi: 'Mất kết nối khi đang gửi thư: không biết thư đã đi hay chưa; không tự gửi lại.', en: 'The connection was lost while sending: the e-mail may have gone out; it is not re-sent automatically.' });
}

export async function createEmailProvider(c: NotifyConfig): Promise<EmailProvider> {
  const t = smtpTarget(c);
  if ('code' in t) throw new Error(t.message.en);
  const { default: nodemailer } = await import('nodemailer');
  const transporter = nodemailer.createTransport({
    host: t.host,
    port: t.port,
    secure: t.secure,
    requireTLS: t.requireTLS,
    ...(t.user ? { auth: { user: t.user, pass: t.pass ?? '' } } : {}),
    connectionTimeout: c.email.timeoutMs,
    greetingTimeout: c.email.timeoutMs,
    socketTimeout: c.email.timeoutMs,
    logger: false,
    debug: false,
  });
  const from = mailFrom(c) ?? '';
  const centre = c.centre ?? c.profile.centreName;
  const fromDomain = from.includes('@') ? from.slice(from.lastIndexOf('@') + 1).replace(/>$/, '') : 'gov-desk.invalid';
  return {
    name: 'smtp',
    dedupes: false,
    async send(m: EmailMessage) {
      try {
        await transporter.sendMail({
          from: centre && !from.includes('<') ? { name: centre, address: from } : from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          // the same Message-ID on a deliberate re-send lets mail clients drop the copy
          messageId: `<${m.requestId}@${fromDomain}>`,
          headers: { 'X-Gov-Desk-Request-Id': m.requestId },
          attachments: m.attachments.map((p) => ({ filename: path.basename(p), path: p, contentType: 'application/pdf' })),
        });
        return { kind: 'accepted', providerId: null, final: true, detail: 'accepted by the mail server' };
      } catch (err) {
        return smtpOutcome(err);
      }
    },
    close() {
      transporter.close();
    },
  };
}

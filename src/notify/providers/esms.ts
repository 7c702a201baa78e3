/**
 * eSMS, exactly as the reference documents it (sms-gateways.md):
 * - send: POST {base}/MainService.svc/json/SendMultipleMessage_V4_post_json/ with ApiKey, SecretKey,
 *   Phone, Content, Brandname, SmsType "2", IsUnicode, Sandbox, RequestId (and CallbackUrl);
 *   reply CodeResult "100" + SMSID when accepted, else CodeResult + ErrorMessage.
 * - status: GET {base}/MainService.svc/json/GetSendStatus?RefId=<SMSID>&ApiKey=…&SecretKey=… (7 days).
 * A repeated RequestId is refused with 124: treated as "already sent", which is what makes re-sending
 * after a crash safe. Credentials never appear in messages or errors.
 */
import type { Msg } from '../../i18n/index.js';
import type { NotifyConfig } from '../config.js';
import type { SendOutcome, StatusOutcome } from '../types.js';
import { httpRequest, networkFailure } from './http-client.js';
import { gatewayUrlProblem } from './secure-url.js';
import type { ProviderSetupProblem, SmsMessage, SmsProvider } from './types.js';

type Failure = Extract<SendOutcome, { kind: 'failed' }>;

const fail = (code: string, status: Failure['status'], retry: boolean, abort: boolean, message: Msg): Failure => ({ kind: 'failed', status, retry, abort, uncertain: false, code, message });

/** eSMS result codes → outcome (the codes listed in the reference). */
export const ESMS_CODES: Readonly<Record<string, Failure>> = {
  '99': fail('ESMS_99', 'permanent-failure', false, false, { vi: 'Số điện thoại bị chặn nhận tin (eSMS 99).', en: 'The phone number is blocked (eSMS 99).' }),
  '101': fail('ESMS_101', 'technical-failure', true, true, { vi: 'Sai ApiKey hoặc SecretKey của eSMS (eSMS 101): kiểm tra GOV_DESK_ESMS_API_KEY, GOV_DESK_ESMS_SECRET_KEY.', en: 'Wrong eSMS ApiKey or SecretKey (eSMS 101): check GOV_DESK_ESMS_API_KEY, GOV_DESK_ESMS_SECRET_KEY.' }),
  '102': fail('ESMS_102', 'technical-failure', true, true, { vi: 'Tài khoản eSMS chưa có bảng giá (eSMS 102): liên hệ eSMS.', en: 'The eSMS account has no price list (eSMS 102): contact eSMS.' }),
  '103': fail('ESMS_103', 'technical-failure', true, true, { vi: 'Số dư tài khoản eSMS không đủ (eSMS 103): nạp thêm tiền rồi chạy lại.', en: 'The eSMS balance is too low (eSMS 103): top it up and run again.' }),
  '104': fail('ESMS_104', 'technical-failure', true, true, { vi: 'Brandname chưa đăng ký với eSMS (eSMS 104): kiểm tra GOV_DESK_ESMS_BRANDNAME.', en: 'Unknown brandname (eSMS 104): check GOV_DESK_ESMS_BRANDNAME.' }),
  '108': fail('ESMS_108', 'permanent-failure', false, false, { vi: 'Số điện thoại sai định dạng (eSMS 108).', en: 'The phone number is malformed (eSMS 108).' }),
  '140': fail('ESMS_140', 'technical-failure', true, true, { vi: 'Địa chỉ IP của máy này chưa được eSMS cho phép (eSMS 140).', en: 'This computer\'s IP address is not whitelisted at eSMS (eSMS 140).' }),
  '146': fail('ESMS_146', 'technical-failure', false, false, { vi: 'Nội dung không khớp mẫu CSKH đã đăng ký với nhà mạng (eSMS 146): sửa mẫu trong notify-templates.json.', en: 'The content does not match a registered customer-care template (eSMS 146): fix the template in notify-templates.json.' }),
  '177': fail('ESMS_177', 'technical-failure', false, false, { vi: 'Nhà mạng của số này chưa được đăng ký cho brandname (eSMS 177).', en: 'The carrier of this number is not registered for the brandname (eSMS 177).' }),
};

export function esmsSendUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/MainService.svc/json/SendMultipleMessage_V4_post_json/`;
}

export function esmsStatusUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/MainService.svc/json/GetSendStatus`;
}

/** The settings eSMS needs; each missing one is named by its environment variable. */
export function esmsProblems(c: NotifyConfig): ProviderSetupProblem | undefined {
  const e = c.sms.esms;
  const missing = [
    e.apiKey ? null : 'GOV_DESK_ESMS_API_KEY',
    e.secretKey ? null : 'GOV_DESK_ESMS_SECRET_KEY',
    e.brandname ? null : 'GOV_DESK_ESMS_BRANDNAME',
  ].filter((x): x is string => x !== null);
  if (missing.length === 0) return gatewayUrlProblem(e.baseUrl, 'GOV_DESK_ESMS_BASE_URL / notify.sms.esms.baseUrl');
  return {
    code: 'NOTIFY_ESMS_CONFIG',
    message: { vi: `Thiếu cấu hình eSMS: ${missing.join(', ')}.`, en: `eSMS settings missing: ${missing.join(', ')}.` },
    hint: { vi: 'Đặt biến môi trường hoặc ghi vào <home>/secrets/notify.json (quyền 600).', en: 'Set the environment variables or put them in <home>/secrets/notify.json (mode 600).' },
  };
}

/** The JSON body of one customer-care message (field names as in the reference). */
export function esmsBody(c: NotifyConfig, m: SmsMessage): Record<string, string> {
  const e = c.sms.esms;
  return {
    ApiKey: e.apiKey ?? '',
    SecretKey: e.secretKey ?? '',
    Phone: m.to,
    Content: m.text,
    Brandname: e.brandname ?? '',
    SmsType: e.smsType,
    IsUnicode: m.unicode ? '1' : '0',
    Sandbox: e.sandbox ? '1' : '0',
    RequestId: m.requestId,
    ...(e.callbackUrl ? { CallbackUrl: e.callbackUrl } : {}),
  };
}

/** Map a send reply. */
export function esmsSendOutcome(status: number, data: unknown, sandbox: boolean): SendOutcome {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const code = d.CodeResult === undefined || d.CodeResult === null ? '' : String(d.CodeResult);
  if (code === '100') {
    const id = d.SMSID === undefined || d.SMSID === null || d.SMSID === '' ? null : String(d.SMSID);
    // Sandbox: validated only, not sent and not charged: nothing will ever be delivered to poll
    return sandbox ? { kind: 'accepted', providerId: id, final: true, detail: 'eSMS sandbox: validated, not sent' } : { kind: 'accepted', providerId: id, final: false, detail: `accepted by eSMS (SMSID ${id ?? '?'})` };
  }
  if (code === '124') return { kind: 'duplicate', detail: 'eSMS 124: this RequestId was already accepted (already sent)' };
  const known = ESMS_CODES[code];
  if (known) return known;
  if (status >= 500 || code === '') {
    return { kind: 'failed', status: 'technical-failure', retry: true, abort: true, uncertain: false, code: 'ESMS_HTTP', message: { vi: `eSMS trả lời lỗi (HTTP ${status}).`, en: `eSMS answered with an error (HTTP ${status}).` } };
  }
  return { kind: 'failed', status: 'technical-failure', retry: true, abort: false, uncertain: false, code: `ESMS_${code}`, message: { vi: `eSMS từ chối với mã ${code}.`, en: `eSMS refused with code ${code}.` } };
}

/** Map a status reply (GetSendStatus). */
export function esmsStatusOutcome(data: unknown): StatusOutcome {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const code = String(d.CodeResponse ?? d.CodeResult ?? '');
  if (code === '105') return { kind: 'unknown', detail: 'eSMS 105: SMSID unknown (statuses are kept 7 days)', text: { vi: 'eSMS 105: không biết mã tin nhắn (SMSID) này (trạng thái chỉ được giữ 7 ngày)', en: 'eSMS 105: SMSID unknown (statuses are kept 7 days)' } };
  if (code !== '100') return { kind: 'pending', detail: `eSMS status code ${code || '?'}` };
  const status = Number(d.SendStatus);
  const ok = Number(d.SendSuccess ?? 0);
  const failed = Number(d.SendFailed ?? 0);
  const cost = typeof d.TotalPrice === 'number' ? d.TotalPrice : d.TotalPrice !== undefined && Number.isFinite(Number(d.TotalPrice)) ? Number(d.TotalPrice) : null;
  if (status === 4) return { kind: 'final', status: 'technical-failure', detail: 'eSMS SendStatus 4: refused by the gateway', text: { vi: 'eSMS SendStatus 4: cổng tin nhắn từ chối', en: 'eSMS SendStatus 4: refused by the gateway' }, cost };
  if (status === 5 && ok > 0) return { kind: 'final', status: 'delivered', detail: 'eSMS SendStatus 5: delivered', cost };
  // the reference gives no reason for SendFailed: not counted as a wrong number (that would flag the contact)
  if (status === 5 && failed > 0) return { kind: 'final', status: 'temporary-failure', detail: 'eSMS SendStatus 5: the operator could not deliver it', text: { vi: 'eSMS SendStatus 5: nhà mạng không chuyển được tin', en: 'eSMS SendStatus 5: the operator could not deliver it' }, cost };
  return { kind: 'pending', detail: `eSMS SendStatus ${Number.isFinite(status) ? status : '?'}` };
}

export function createEsmsProvider(c: NotifyConfig): SmsProvider {
  const e = c.sms.esms;
  return {
    name: 'esms',
    dedupes: true,
    async send(m) {
      try {
        const r = await httpRequest({ method: 'POST', url: esmsSendUrl(e.baseUrl), json: esmsBody(c, m), timeoutMs: c.sms.timeoutMs });
        return esmsSendOutcome(r.status, r.json, e.sandbox);
      } catch (err) {
        return networkFailure(err, 'ESMS', true);
      }
    },
    async status(providerId) {
      const q = new URLSearchParams({ RefId: providerId, ApiKey: e.apiKey ?? '', SecretKey: e.secretKey ?? '' });
      try {
        const r = await httpRequest({ method: 'GET', url: `${esmsStatusUrl(e.baseUrl)}?${q.toString()}`, timeoutMs: c.sms.timeoutMs });
        if (String((r.json as Record<string, unknown> | null)?.CodeResponse ?? '') === '101') {
          return { kind: 'pending', detail: 'eSMS 101: wrong ApiKey/SecretKey' };
        }
        return esmsStatusOutcome(r.json);
      } catch {
        return { kind: 'pending', detail: 'eSMS did not answer the status request' };
      }
    },
  };
}

import { GovDeskError } from '../errors.js';
import type { Msg } from '../i18n/index.js';

/**
 * Stable codes of portal failures. `transient` ones (network, timeout, 5xx, 429) may succeed later
 * and the request may or may not have taken effect; the others will fail the same way again.
 */
export type PortalErrorCode =
  | 'PORTAL_NETWORK' // connection refused/reset, DNS failure: transient
  | 'PORTAL_TIMEOUT' // no complete answer within the deadline: transient
  | 'PORTAL_SERVER_ERROR' // HTTP 5xx: transient
  | 'PORTAL_RATE_LIMITED' // HTTP 429: transient
  | 'PORTAL_AUTH' // credentials refused (token call 401, or 401 again after a fresh token)
  | 'PORTAL_REJECTED' // 4xx with an error body, or 200 with error_code ≠ 0
  | 'PORTAL_BAD_RESPONSE' // not JSON, HTML page, wrong shape, redirect
  | 'PORTAL_HASH_MISMATCH' // uploaded bytes do not match the returned HashTepTin
  | 'PORTAL_FILE_TOO_LARGE' // 413 or refused locally before sending
  | 'PORTAL_FILE_TYPE' // 415: not PDF, JPEG or PNG
  | 'PORTAL_TLS' // certificate problem
  | 'PORTAL_BAD_ARGUMENT'; // the caller passed something the contract forbids (batch > 50 …)

export interface PortalErrorInfo {
  transient: boolean;
  /** HTTP status, when there was a response. */
  status?: number;
  /** `error_code` of the body, when there was one. */
  portalCode?: number;
  /** Retry-After in milliseconds (429), when the server said. */
  retryAfterMs?: number;
  /** The portal's own message, untranslated. */
  portalMessage?: string;
  vars?: Record<string, string | number>;
  hint?: Msg;
  cause?: unknown;
}

/** A failure talking to the provincial system; a GovDeskError of kind "failed" (exit 1). */
export class PortalError extends GovDeskError {
  readonly transient: boolean;
  readonly status: number | undefined;
  readonly portalCode: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly portalMessage: string | undefined;

  constructor(code: PortalErrorCode, text: Msg, info: PortalErrorInfo) {
    const opts: ConstructorParameters<typeof GovDeskError>[3] = { vars: info.vars ?? {} };
    if (info.hint) opts.hint = info.hint;
    if (info.cause !== undefined) opts.cause = info.cause;
    super(code, 'failed', text, opts);
    this.name = 'PortalError';
    this.transient = info.transient;
    this.status = info.status;
    this.portalCode = info.portalCode;
    this.retryAfterMs = info.retryAfterMs;
    this.portalMessage = info.portalMessage;
  }
}

export function isPortalError(e: unknown): e is PortalError {
  return e instanceof PortalError;
}

/** Messages of the client (both languages). `{detail}` carries technical context. */
export const PORTAL_TEXT = {
  network: { vi: 'Không kết nối được hệ thống một cửa của tỉnh ({url}): {detail}.', en: 'Cannot reach the provincial one-stop system ({url}): {detail}.' },
  timeout: { vi: 'Hệ thống một cửa của tỉnh không trả lời trọn vẹn trong {ms} ms ({url}).', en: 'The provincial one-stop system did not answer completely within {ms} ms ({url}).' },
  server: { vi: 'Hệ thống một cửa của tỉnh đang lỗi (HTTP {status}): {detail}.', en: 'The provincial one-stop system failed (HTTP {status}): {detail}.' },
  rateLimited: { vi: 'Hệ thống một cửa của tỉnh yêu cầu gửi chậm lại (HTTP 429, thử lại sau {seconds} giây).', en: 'The provincial one-stop system asks to slow down (HTTP 429, retry after {seconds} s).' },
  auth: { vi: 'Hệ thống một cửa của tỉnh từ chối thông tin xác thực (mã {portalCode}: {detail}).', en: 'The provincial one-stop system refused the credentials (code {portalCode}: {detail}).' },
  authHint: { vi: 'Kiểm tra portal.clientId và mật khẩu ứng dụng (GOV_DESK_PORTAL_SECRET).', en: 'Check portal.clientId and the client secret (GOV_DESK_PORTAL_SECRET).' },
  rejected: { vi: 'Hệ thống một cửa của tỉnh từ chối yêu cầu (HTTP {status}, mã {portalCode}): {detail}.', en: 'The provincial one-stop system rejected the request (HTTP {status}, code {portalCode}): {detail}.' },
  badResponse: { vi: 'Câu trả lời của hệ thống một cửa không đúng giao thức (HTTP {status}): {detail}.', en: 'The provincial one-stop system answered outside the contract (HTTP {status}): {detail}.' },
  tooLarge: { vi: 'Câu trả lời của hệ thống một cửa không đúng giao thức (HTTP {status}): dài hơn {max} byte.', en: 'The provincial one-stop system answered outside the contract (HTTP {status}): answer larger than {max} bytes.' },
  notJson: { vi: 'Câu trả lời của hệ thống một cửa không đúng giao thức (HTTP {status}): không phải JSON ({type}): {detail}.', en: 'The provincial one-stop system answered outside the contract (HTTP {status}): not JSON ({type}): {detail}.' },
  redirect: { vi: 'Câu trả lời của hệ thống một cửa không đúng giao thức (HTTP {status}): chuyển hướng{to}, không đi theo.', en: 'The provincial one-stop system answered outside the contract (HTTP {status}): a redirect{to}, not followed.' },
  badResponseHint: { vi: 'Kiểm tra địa chỉ portal.baseUrl (GOV_DESK_PORTAL_URL).', en: 'Check the address in portal.baseUrl (GOV_DESK_PORTAL_URL).' },
  hashMismatch: { vi: 'Tệp {name} tải lên bị sai lệch: mã băm cục bộ {local}, máy chủ trả {remote}.', en: 'Upload of {name} was corrupted: local hash {local}, server returned {remote}.' },
  fileTooLarge: { vi: 'Tệp {name} quá lớn ({size} byte; tối đa {max} byte).', en: 'File {name} is too large ({size} bytes; at most {max}).' },
  fileType: { vi: 'Tệp {name} không phải PDF, JPEG hay PNG (HTTP 415).', en: 'File {name} is not a PDF, JPEG or PNG (HTTP 415).' },
  tls: { vi: 'Chứng chỉ TLS của {url} không hợp lệ: {detail}.', en: 'The TLS certificate of {url} is not valid: {detail}.' },
  batchTooLarge: { vi: 'Một lần đồng bộ tối đa {max} hồ sơ (đang gửi {n}).', en: 'One synchronisation holds at most {max} dossiers ({n} given).' },
  badArgument: { vi: 'Tham số không hợp lệ: {detail}.', en: 'Invalid argument: {detail}.' },
} satisfies Record<string, Msg>;

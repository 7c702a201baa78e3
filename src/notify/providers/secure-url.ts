/**
 * SMS gateways carry credentials (eSMS ApiKey/SecretKey in the body, the HTTP gateway's bearer
 * token): they are only ever sent over https://, or over plain http:// to this computer (loopback:
 * 127.0.0.0/8, ::1, localhost), the same rule as the portal client (src/portal/config.ts).
 */
import { isLoopbackHost } from '../../portal/config.js';
import type { ProviderSetupProblem } from './types.js';

/** Why a gateway address may not be used: 'invalid' (not a URL), 'insecure' (http:// to another host) or null (fine). */
export function gatewayUrlFault(url: string): 'invalid' | 'insecure' | null {
  let u: URL;
  try {
    u = new URL(url.replace(/\{\w+\}/g, 'x')); // a template: placeholders filled with a dummy value
  } catch {
    return 'invalid';
  }
  if (u.protocol === 'https:') return null;
  return u.protocol === 'http:' && isLoopbackHost(u.hostname) ? null : 'insecure';
}

/** The setup problem of a gateway address, shown before anything is sent (the channel waits). */
export function gatewayUrlProblem(url: string, setting: string): ProviderSetupProblem | undefined {
  const fault = gatewayUrlFault(url);
  if (fault === null) return undefined;
  const shown = url.replace(/[?#].*$/, '');
  if (fault === 'invalid') {
    return { code: 'NOTIFY_GATEWAY_URL', message: { vi: `${setting}: "${shown}" không phải địa chỉ hợp lệ.`, en: `${setting}: "${shown}" is not a valid address.` } };
  }
  return {
    code: 'NOTIFY_INSECURE_URL',
    message: {
      vi: `${setting}: cổng SMS ${shown} phải dùng https:// (http:// chỉ cho máy này: 127.0.0.1, localhost, ::1); khóa và mã truy cập không được gửi không mã hóa.`,
      en: `${setting}: the SMS gateway ${shown} must use https:// (http:// only for this machine: 127.0.0.1, localhost, ::1); keys and tokens are never sent unencrypted.`,
    },
    hint: { vi: 'Sửa địa chỉ thành https://… (theo tài liệu của nhà cung cấp).', en: 'Change the address to https://… (see the provider\'s documentation).' },
  };
}

/** Thrown by the HTTP client before a request to an insecure address leaves the computer (nothing sent). */
export class InsecureGatewayError extends Error {
  readonly code = 'EINSECURE_URL';
  constructor() {
    super('refused: plain http:// to a host other than this computer');
  }
}

import type { PortalState } from '../domain/dossier/status.js';
import type { Msg } from '../i18n/index.js';

/** `2026-03-02T09:15:00+07:00` → `02/03/2026 09:15` (Vietnamese order; the stamp is already local). */
export function formatStamp(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : iso;
}

const PORTAL: Record<PortalState, Msg> = {
  'not-submitted': { vi: 'chưa gửi', en: 'not submitted' },
  queued: { vi: 'đang chờ gửi', en: 'queued' },
  sent: { vi: 'đã gửi, chưa xác nhận', en: 'sent, not yet accepted' },
  accepted: { vi: 'cổng đã nhận', en: 'accepted by the portal' },
  rejected: { vi: 'cổng từ chối', en: 'rejected by the portal' },
  conflict: { vi: 'TRÙNG MÃ: cổng đã có hồ sơ khác mang mã này; hồ sơ giữ tại máy, chưa gửi', en: 'CODE CONFLICT: the portal holds another dossier under this code; kept here, not sent' },
};

export function portalText(p: PortalState): Msg {
  return PORTAL[p];
}

/** Pad by display width (Vietnamese letters are one column each once NFC). */
export function pad(s: string, width: number): string {
  const len = [...s].length;
  return len >= width ? s : s + ' '.repeat(width - len);
}

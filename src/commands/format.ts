import type { PortalState } from '../domain/dossier/status.js';
import type { EventType } from '../domain/dossier/types.js';
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

/** Event types are stored as codes; people read them in the UI language (show, history lines). */
const EVENT: Record<EventType, Msg> = {
  received: { vi: 'tiếp nhận', en: 'received' },
  printed: { vi: 'in phiếu', en: 'printed' },
  scanned: { vi: 'số hóa', en: 'scanned' },
  'scan-detached': { vi: 'gỡ bản quét gắn nhầm', en: 'scan detached' },
  'submit-queued': { vi: 'xếp hàng gửi cổng tỉnh', en: 'queued for the portal' },
  'portal-sent': { vi: 'đã gửi cổng tỉnh', en: 'sent to the portal' },
  'portal-accepted': { vi: 'cổng tỉnh đã nhận', en: 'accepted by the portal' },
  'portal-rejected': { vi: 'cổng tỉnh từ chối', en: 'rejected by the portal' },
  'portal-conflict': { vi: 'trùng mã với hồ sơ khác trên cổng tỉnh', en: 'code held by another dossier on the portal' },
  'portal-status': { vi: 'trạng thái từ cổng tỉnh', en: 'portal status' },
  routed: { vi: 'chuyển phòng chuyên môn', en: 'routed' },
  'handover-accepted': { vi: 'phòng chuyên môn nhận hồ sơ', en: 'hand-over accepted' },
  'returned-to-counter': { vi: 'trả về bộ phận một cửa', en: 'returned to the counter' },
  'supplement-requested': { vi: 'yêu cầu bổ sung', en: 'supplement requested' },
  'supplement-received': { vi: 'nhận bổ sung', en: 'supplement received' },
  'payment-requested': { vi: 'yêu cầu nộp phí', en: 'payment requested' },
  'payment-received': { vi: 'đã nộp phí', en: 'payment received' },
  'result-recorded': { vi: 'ghi kết quả', en: 'result recorded' },
  'result-returned': { vi: 'trả kết quả', en: 'result returned' },
  'apology-issued': { vi: 'phiếu xin lỗi, hẹn lại', en: 'apology issued' },
  withdrawn: { vi: 'công dân rút hồ sơ', en: 'withdrawn' },
  stopped: { vi: 'dừng xử lý', en: 'stopped' },
  notified: { vi: 'báo tin cho công dân', en: 'citizen notified' },
  note: { vi: 'ghi chú', en: 'note' },
  amended: { vi: 'đính chính thông tin', en: 'details corrected' },
};

export function eventText(type: string): Msg {
  return (EVENT as Record<string, Msg>)[type] ?? { vi: type, en: type };
}

/** Portal outbox entry states (stored as codes). */
const OUTBOX: Record<string, Msg> = {
  queued: { vi: 'chờ gửi', en: 'queued' },
  sending: { vi: 'đang gửi', en: 'sending' },
  sent: { vi: 'đã gửi', en: 'sent' },
  failed: { vi: 'bị từ chối', en: 'failed' },
  'retry-scheduled': { vi: 'chờ thử lại', en: 'retry scheduled' },
  cancelled: { vi: 'đã hủy', en: 'cancelled' },
  conflict: { vi: 'trùng mã trên cổng', en: 'portal conflict' },
};

export function outboxStatusText(status: string): Msg {
  return OUTBOX[status] ?? { vi: status, en: status };
}

/** Channels in a few words (show, the procedure caption at intake); stored as codes. */
const CHANNEL: Record<string, Msg> = {
  'in-person': { vi: 'trực tiếp', en: 'in person' },
  online: { vi: 'trực tuyến', en: 'online' },
  postal: { vi: 'bưu chính công ích', en: 'public postal service' },
};

export function channelText(channel: string): Msg {
  return CHANNEL[channel] ?? { vi: channel, en: channel };
}

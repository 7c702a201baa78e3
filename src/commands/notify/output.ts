import type { Lang, Msg } from '../../i18n/index.js';
import { tr } from '../../i18n/index.js';
import type { NotifyConfig } from '../../notify/config.js';
import type { Content } from '../../notify/content.js';
import type { PollReport } from '../../notify/poll.js';
import type { SendItem, SendReport } from '../../notify/send.js';
import type { Channel, OutboxStatus } from '../../notify/types.js';
import { terminalSafe as safe } from '../../domain/text.js';

export const STATUS_TEXT: Record<OutboxStatus, Msg> = {
  created: { vi: 'đang chờ gửi', en: 'queued' },
  sending: { vi: 'đã gửi, chờ báo cáo', en: 'sent, waiting for the report' },
  delivered: { vi: 'đã gửi', en: 'delivered' },
  'temporary-failure': { vi: 'tạm thời không đến được', en: 'temporary failure' },
  'permanent-failure': { vi: 'không đến được (liên hệ sai)', en: 'permanent failure (wrong contact)' },
  'technical-failure': { vi: 'lỗi kỹ thuật', en: 'technical failure' },
};

/** What the file provider did: nothing was sent yet, an operator sends it from the centre's phone. */
export const HAND_OFF_TEXT: Msg = { vi: 'đã ghi ra tệp để gửi thủ công', en: 'written for sending by hand' };

export function money(lang: Lang, vnd: number): string {
  const n = Math.round(vnd).toString().replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
  return lang === 'vi' ? `${n} đ` : `${n} VND`;
}

/** The preview of one message (shown before sending, and by --dry-run). */
export function previewLines(lang: Lang, channel: Channel, to: string, c: Content, cfg: NotifyConfig): string[] {
  const L = (vi: string, en: string) => tr(lang, { vi, en });
  if (channel === 'sms' && c.sms) {
    const s = c.sms;
    const example = cfg.price.example ? L(' (giá ví dụ, xem docs/notify.md)', ' (example price, see docs/notify.md)') : '';
    return [
      `SMS → ${to} [${c.template.id}]`,
      ...s.text.split('\n').map((l) => `  ${safe(l)}`),
      `  ${s.encoding}, ${s.info.characters} ${L('ký tự', 'characters')}, ${s.segments} ${L('phần tin', s.segments === 1 ? 'segment' : 'segments')}${s.unsigned ? L(', không dấu', ', unsigned') : ''} · ${L('ước tính', 'estimated')} ${money(lang, s.cost)}${example}`,
      ...(s.replaced.length ? [`  ${L('đã thay ký tự nhà mạng từ chối', 'replaced characters carriers refuse')}: ${s.replaced.join(' ')}`] : []),
      ...(s.registeredMatch === true ? [`  ${L('khớp mẫu đã đăng ký với nhà mạng', 'matches the carrier-registered text')}`] : []),
    ];
  }
  if (c.email) {
    const e = c.email;
    return [
      `E-mail → ${to} [${c.template.id}]`,
      `  ${L('Tiêu đề', 'Subject')}: ${safe(e.subject)}`,
      ...e.body.split('\n').map((l) => `  | ${safe(l)}`),
      ...(e.attachments.length ? [`  ${L('Đính kèm', 'Attached')}: ${e.attachments.join(', ')}`] : []),
    ];
  }
  return [];
}

export function itemLine(lang: Lang, i: SendItem): string {
  const err = i.error ? ` — ${safe(i.error.code)}: ${safe(i.error.text ? tr(lang, i.error.text) : i.error.message)}` : '';
  const retry = i.retryAt ? ` (${tr(lang, { vi: 'thử lại sau', en: 'retry after' })} ${i.retryAt})` : '';
  const unsure = i.uncertain ? ` [${tr(lang, { vi: 'không rõ đã đi chưa', en: 'outcome unknown' })}]` : '';
  const status = i.handOff && i.status === 'delivered' ? HAND_OFF_TEXT : STATUS_TEXT[i.status];
  return `  ${i.channel.toUpperCase().padEnd(5)} ${safe(i.dossier)} ${i.event} → ${safe(i.to)}: ${tr(lang, status)}${unsure}${err}${retry}`;
}

export function sendReportLines(lang: Lang, r: SendReport): string[] {
  const L = (vi: string, en: string) => tr(lang, { vi, en });
  const byHand = r.items.filter((i) => i.handOff && i.status === 'delivered').length;
  const lines = [`${L('Đã gửi', 'Sent')}: ${Math.max(0, r.sent - byHand)} · ${byHand ? `${tr(lang, HAND_OFF_TEXT)}: ${byHand} · ` : ''}${L('lỗi', 'failed')}: ${r.failed}`];
  for (const i of r.items) lines.push(itemLine(lang, i));
  if (r.aborted) lines.push(`${L('Dừng gửi', 'Stopped')}: ${tr(lang, r.aborted.message)}`);
  for (const b of r.blocked) {
    lines.push(`${L('Đang chờ', 'Waiting')} (${b.channel}): ${b.waiting}${b.problem ? ` — ${tr(lang, b.problem.message)}` : ` — ${L('kênh này chưa bật', 'this channel is not enabled')}`}`);
  }
  return lines;
}

export function pollReportLines(lang: Lang, r: PollReport): string[] {
  const L = (vi: string, en: string) => tr(lang, { vi, en });
  if (r.skipped) return [`${L('Không hỏi trạng thái', 'No status check')}: ${r.skipped}`];
  return [
    `${L('Đã hỏi trạng thái', 'Statuses checked')}: ${r.checked} · ${L('đã đến', 'delivered')}: ${r.delivered} · ${L('không đến', 'failed')}: ${r.failed} · ${L('chưa có kết quả', 'pending')}: ${r.pending}`,
    ...r.items.filter((i) => i.status !== 'delivered').map((i) => itemLine(lang, i)),
  ];
}

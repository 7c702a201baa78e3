import type { Channel } from '../domain/dossier/types.js';
import { vnDate } from '../domain/time.js';
import { usageError } from '../errors.js';

/** Chỉ thị 24/CT-TTg (regulations.md §1): from this date the listed services take no paper dossier. */
export const ONLINE_ONLY_FROM = '2025-10-01';

interface ChannelFacts {
  code: string;
  channels?: readonly Channel[] | null;
  paperAllowed?: boolean | null;
}

/** The catalogue marks the service online only (`paperAllowed: false`) and the dossier is received on or after 1/10/2025. Pure. */
export function onlineOnly(p: ChannelFacts, receivedAt: Date): boolean {
  return p.paperAllowed === false && vnDate(receivedAt) >= ONLINE_ONLY_FROM;
}

/**
 * The channel when none is given: the assisted online channel (the counter scans the papers and
 * files online for the citizen) for an online-only service, the record's only channel when it has
 * one, else in person.
 */
export function defaultChannel(p: ChannelFacts, receivedAt: Date): Channel {
  if (onlineOnly(p, receivedAt)) return 'online';
  if (p.channels && p.channels.length > 0 && !p.channels.includes('in-person')) return p.channels[0]!;
  return 'in-person';
}

/** A paper channel for an online-only service received on or after 1/10/2025: exit 2, nothing written. */
export function assertChannelAllowed(p: ChannelFacts, channel: Channel, receivedAt: Date): void {
  if (channel === 'online' || !onlineOnly(p, receivedAt)) return;
  throw usageError('PAPER_NOT_ACCEPTED', {
    vi: 'Từ 01/10/2025, thủ tục {code} chỉ nhận hồ sơ trực tuyến (Chỉ thị 24/CT-TTg): không nhận hồ sơ giấy qua kênh {channel}.',
    en: 'From 1/10/2025 procedure {code} is online only (Chỉ thị 24/CT-TTg): no paper dossier through the {channel} channel.',
  }, {
    vars: { code: p.code, channel },
    hint: {
      vi: 'Dùng --channel online (hoặc bỏ --channel): cán bộ quét giấy tờ và nộp trực tuyến thay công dân trên Cổng DVCQG. Hồ sơ giấy đã nhận trước 01/10/2025 thì ghi --received-at.',
      en: 'Use --channel online (or leave --channel out): the counter scans the papers and files online for the citizen on the national portal. A paper dossier received before 1/10/2025: give --received-at.',
    },
  });
}

import type { GuidanceKind } from '../../domain/guidance/types.js';
import type { Msg } from '../../i18n/index.js';

/** The kinds of help as the team says them (guide prompts, guide list, report guidance). */
export const KIND_TEXT: Record<GuidanceKind, Msg> = {
  explain: { vi: 'Giải thích thủ tục, giấy tờ', en: 'Procedure and papers explained' },
  checklist: { vi: 'Kiểm tra giấy tờ trước khi nộp', en: 'Papers checked before filing' },
  vneid: { vi: 'Hỗ trợ tài khoản VNeID mức 2', en: 'Helped to a level-2 VNeID account' },
  'self-filed': { vi: 'Công dân tự nộp trực tuyến (có hướng dẫn)', en: 'Citizen filed online, with help' },
  assisted: { vi: 'Tổ nộp trực tuyến thay công dân', en: 'Team filed online for the citizen' },
  other: { vi: 'Hỗ trợ khác', en: 'Other help' },
};

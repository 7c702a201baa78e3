/**
 * Message templates, one per event, as data: Vietnamese (the default) and English. A commune
 * overrides any part of them (and adds the carrier-registered text) in `<home>/notify-templates.json`
 * (see template-file.ts). Placeholders are `{name}`; a missing or empty value is an error, never a
 * blank (render.ts).
 */
import type { Msg } from '../i18n/index.js';
import type { Dossier } from '../domain/dossier/types.js';
import type { NotifyEvent } from './types.js';

export const TEMPLATE_IDS = ['received', 'supplement-needed', 'result-ready', 'result-ready-post', 'late', 'returned'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** Every placeholder a template may use (render.ts fills them from the dossier and the profile). */
export const PLACEHOLDERS = ['code', 'procedure', 'name', 'dueDate', 'centre', 'centrePhone', 'tracking', 'newDueDate', 'reason', 'lookup', 'delivery'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export interface TemplateDef {
  id: TemplateId;
  event: NotifyEvent;
  sms: Msg;
  email: { subject: Msg; body: Msg };
  /** Send the SMS unsigned (không dấu); undefined: the configured default (unsigned). */
  unsigned?: boolean;
  /**
   * The text registered with the carriers for brandname customer-care messages, per language
   * (`{...}` marks a variable part). When set, a message that would not match it is stopped before
   * sending instead of being refused by the gateway (eSMS code 146). null: not checked.
   */
  registered: { vi: string | null; en: string | null };
  /** PDF attached to the e-mail where the rules allow it. */
  attach: 'receipt' | 'apology' | null;
}

const SIGN_VI = '\n\nMọi thắc mắc xin liên hệ {centre}, điện thoại {centrePhone}.\nTrân trọng.';
const SIGN_EN = '\n\nFor any question please contact {centre}, phone {centrePhone}.\nKind regards.';

const body = (vi: string, en: string): Msg => ({ vi: `Kính gửi Ông/Bà {name},\n\n${vi}${SIGN_VI}`, en: `Dear {name},\n\n${en}${SIGN_EN}` });

export const BUILTIN_TEMPLATES: Readonly<Record<TemplateId, TemplateDef>> = {
  received: {
    id: 'received',
    event: 'received',
    sms: {
      // how to follow it and how the result comes (commune-process.md, step 1; issue 17)
      vi: '{centre}: Hồ sơ {code} ({procedure}) đã được tiếp nhận. Hẹn trả kết quả: {dueDate}, nhận {delivery}. Theo dõi: {lookup}',
      en: '{centre}: dossier {code} ({procedure}) has been received. Result due: {dueDate}, {delivery}. Follow it at {lookup}',
    },
    email: {
      subject: { vi: 'Hồ sơ {code} đã được tiếp nhận', en: 'Dossier {code} has been received' },
      body: body(
        '{centre} đã tiếp nhận hồ sơ {code} về thủ tục: {procedure}.\nThời gian hẹn trả kết quả: {dueDate}.\nNhận kết quả: {delivery}.\nTheo dõi tiến độ giải quyết bằng mã hồ sơ {code} tại: {lookup}',
        '{centre} has received dossier {code} for the procedure: {procedure}.\nThe result is due on {dueDate}.\nResult: {delivery}.\nFollow its progress with the code {code} at: {lookup}',
      ),
    },
    registered: { vi: null, en: null },
    attach: 'receipt',
  },
  'supplement-needed': {
    id: 'supplement-needed',
    event: 'supplement-needed',
    sms: {
      vi: '{centre}: Hồ sơ {code} cần bổ sung, hoàn thiện: {reason}. Đề nghị Ông/Bà liên hệ Trung tâm, ĐT {centrePhone}.',
      en: '{centre}: dossier {code} must be completed: {reason}. Please contact the centre, phone {centrePhone}.',
    },
    email: {
      subject: { vi: 'Hồ sơ {code} cần bổ sung, hoàn thiện', en: 'Dossier {code} must be completed' },
      body: body('Hồ sơ {code} ({procedure}) cần được bổ sung, hoàn thiện: {reason}.', 'Dossier {code} ({procedure}) must be completed: {reason}.'),
    },
    registered: { vi: null, en: null },
    attach: null,
  },
  'result-ready': {
    id: 'result-ready',
    event: 'result-ready',
    sms: {
      vi: '{centre}: Hồ sơ {code} đã có kết quả. Mời Ông/Bà đến Trung tâm nhận kết quả, mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
      en: '{centre}: the result of dossier {code} is ready. Please collect it at the centre and bring your receipt.',
    },
    email: {
      subject: { vi: 'Hồ sơ {code} đã có kết quả', en: 'The result of dossier {code} is ready' },
      body: body(
        'Hồ sơ {code} ({procedure}) đã có kết quả. Mời Ông/Bà đến Trung tâm nhận kết quả, mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
        'The result of dossier {code} ({procedure}) is ready. Please collect it at the centre and bring your receipt.',
      ),
    },
    registered: { vi: null, en: null },
    attach: null,
  },
  'result-ready-post': {
    id: 'result-ready-post',
    event: 'result-ready',
    sms: {
      vi: '{centre}: Kết quả hồ sơ {code} đã được gửi qua bưu chính, mã bưu gửi {tracking}.',
      en: '{centre}: the result of dossier {code} has been sent by post, tracking number {tracking}.',
    },
    email: {
      subject: { vi: 'Kết quả hồ sơ {code} đã được gửi qua bưu chính', en: 'The result of dossier {code} has been sent by post' },
      body: body(
        'Kết quả hồ sơ {code} ({procedure}) đã được gửi qua bưu chính, mã bưu gửi {tracking}.',
        'The result of dossier {code} ({procedure}) has been sent by post, tracking number {tracking}.',
      ),
    },
    registered: { vi: null, en: null },
    attach: null,
  },
  late: {
    id: 'late',
    event: 'late',
    sms: {
      vi: '{centre} xin lỗi Ông/Bà: hồ sơ {code} chưa có kết quả đúng hẹn. Lý do: {reason}. Hẹn trả lại vào: {newDueDate}.',
      en: '{centre} apologises: dossier {code} is not ready on time. Reason: {reason}. New date: {newDueDate}.',
    },
    email: {
      subject: { vi: 'Xin lỗi và hẹn lại ngày trả kết quả hồ sơ {code}', en: 'Apology and new date for dossier {code}' },
      body: body(
        '{centre} xin lỗi Ông/Bà vì hồ sơ {code} ({procedure}) chưa có kết quả đúng hẹn.\nLý do: {reason}.\nThời gian hẹn trả kết quả mới: {newDueDate}.',
        '{centre} apologises: dossier {code} ({procedure}) is not ready on the date given.\nReason: {reason}.\nThe new date is {newDueDate}.',
      ),
    },
    registered: { vi: null, en: null },
    attach: 'apology',
  },
  returned: {
    id: 'returned',
    event: 'returned',
    sms: {
      vi: '{centre}: Hồ sơ {code} đã được trả kết quả. Cảm ơn Ông/Bà.',
      en: '{centre}: the result of dossier {code} has been handed over. Thank you.',
    },
    email: {
      subject: { vi: 'Hồ sơ {code} đã được trả kết quả', en: 'The result of dossier {code} has been handed over' },
      body: body('Hồ sơ {code} ({procedure}) đã được trả kết quả. Cảm ơn Ông/Bà.', 'The result of dossier {code} ({procedure}) has been handed over. Thank you.'),
    },
    registered: { vi: null, en: null },
    attach: null,
  },
};

export type TemplateSet = Readonly<Record<TemplateId, TemplateDef>>;

/** The template for an event and a dossier: result-ready differs for results sent by post. */
export function templateIdFor(event: NotifyEvent, d: Pick<Dossier, 'delivery'>): TemplateId {
  if (event === 'result-ready' && d.delivery.method === 'post') return 'result-ready-post';
  return event;
}

/** The placeholders used in a text, in order, without repeats. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];
}

export function isPlaceholder(s: string): s is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(s);
}

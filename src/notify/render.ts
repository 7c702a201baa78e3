/**
 * Fill the templates for one dossier: values from the dossier and the profile, SMS preparation
 * (unsigned, refused characters, segments, the hard cap, the carrier-registered text) and the
 * e-mail. Pure: the settings and the dossier are passed in. A missing value is an error.
 */
import { currentDueAt } from '../domain/dossier/summary.js';
import type { Dossier, DossierEvent } from '../domain/dossier/types.js';
import { usageError } from '../errors.js';
import { type Lang, tr } from '../i18n/index.js';
import { dossierLookup } from '../domain/lookup.js';
import { prepareSmsText, type SegmentInfo, transformSmsChars } from './sms-text.js';
import { placeholdersIn, type TemplateDef } from './templates.js';
import type { NotifyEvent, RenderedEmail, RenderedSms } from './types.js';

export type Values = Record<string, string | null | undefined>;

/** `2026-03-03T09:00:00+07:00` → `03/03/2026 09:00`; `2026-03-03` → `03/03/2026` (already local). */
export function formatLocal(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  return m[4] ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

/** Dossier event types that lead to each notification (the source of the attempt series). */
export const SOURCE_EVENT: Record<NotifyEvent, DossierEvent['type']> = {
  received: 'received',
  'supplement-needed': 'supplement-requested',
  'result-ready': 'result-recorded',
  late: 'apology-issued',
  returned: 'result-returned',
};

function lastOf(d: Dossier, types: DossierEvent['type'][]): DossierEvent | undefined {
  for (let i = d.events.length - 1; i >= 0; i--) if (types.includes(d.events[i]!.type)) return d.events[i];
  return undefined;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim().normalize('NFC') : null);

function supplementReason(e: DossierEvent | undefined): string | null {
  const data = e?.data ?? {};
  const reason = str(data.reason) ?? str(data.note);
  if (reason) return reason;
  const missing = Array.isArray(data.missing) ? data.missing : [];
  const names = missing.map((m) => (typeof m === 'string' ? m : str((m as { name?: unknown }).name))).filter((x): x is string => Boolean(x));
  return names.length ? names.join('; ') : null;
}

/**
 * Values for the placeholders. `recipient` is the name of the person written to. `extra` (from the
 * command line or the queueing command) wins over what the dossier says.
 */
export function valuesFor(d: Dossier, event: NotifyEvent, setting: { centre: string | null; centrePhone: string | null; trackingUrlTemplate?: string | null; portalUrl?: string | null; lang?: Lang }, recipient: string | null, extra: Record<string, string> = {}): Values {
  const apology = lastOf(d, ['apology-issued']);
  const tracking = lastOf(d, ['result-returned', 'result-recorded']);
  const newDue = str(apology?.data?.newDueAt);
  const v: Values = {
    code: d.code,
    procedure: d.procedure.name,
    name: recipient,
    dueDate: formatLocal(currentDueAt(d)),
    centre: setting.centre,
    centrePhone: setting.centrePhone,
    tracking: str(tracking?.data?.tracking),
    newDueDate: newDue ? formatLocal(newDue) : null,
    reason: event === 'supplement-needed' ? supplementReason(lastOf(d, ['supplement-requested'])) : event === 'late' ? str(apology?.data?.reason) : null,
    lookup: dossierLookup(d.code, setting.trackingUrlTemplate, setting.portalUrl),
    delivery: tr(setting.lang ?? 'vi', d.delivery.method === 'post' ? { vi: 'qua bưu chính (cộng thêm thời gian chuyển phát)', en: 'sent by post (delivery time comes on top)' } : { vi: 'tại Trung tâm', en: 'collected at the centre' }),
  };
  for (const [k, val] of Object.entries(extra)) v[k] = val.normalize('NFC');
  return v;
}

/** Replace `{name}` placeholders; every one must have a non-empty value. */
export function fill(text: string, values: Values, where: string): string {
  const missing = placeholdersIn(text).filter((p) => !values[p] || !String(values[p]).trim());
  if (missing.length > 0) {
    throw usageError('TEMPLATE_VALUE_MISSING', {
      vi: 'Mẫu {where} cần giá trị cho {names}; không gửi tin với chỗ trống.',
      en: 'Template {where} needs a value for {names}; a message is never sent with a blank.',
    }, {
      vars: { where, names: missing.map((m) => `{${m}}`).join(', ') },
      hint: { vi: `Ghi nhận thông tin đó trên hồ sơ hoặc truyền --var ${missing[0]}=...`, en: `Record it on the dossier or pass --var ${missing[0]}=...` },
      details: { missing },
    });
  }
  return text.replace(/\{(\w+)\}/g, (_w, k: string) => String(values[k]).trim());
}

export interface SmsSettings {
  unsigned: boolean;
  maxSegments: number;
  replace: Readonly<Record<string, string>>;
  pricePerSegment: number;
}

export interface SmsPreview extends RenderedSms {
  info: SegmentInfo;
  replaced: string[];
  cost: number;
  /** null when the template has no registered text for this language. */
  registeredMatch: boolean | null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Does the message match the carrier-registered text? `{...}` in the registered text is a variable part. */
export function matchesRegistered(text: string, registered: string, opts: Pick<SmsSettings, 'replace'> & { unsigned: boolean }): boolean {
  const literal = (part: string) => escapeRe(transformSmsChars(part, opts).text.trim()).replace(/\s+/g, '\\s+');
  const pattern = registered
    .split(/\{[^{}]*\}/)
    .map(literal)
    .join('\\s*[\\s\\S]+?\\s*');
  return new RegExp(`^\\s*${pattern}\\s*$`).test(text);
}

/** The SMS for a template: filled, prepared, counted, priced and checked. Throws before sending. */
export function renderSms(tpl: TemplateDef, lang: Lang, values: Values, s: SmsSettings): SmsPreview {
  const unsigned = tpl.unsigned ?? s.unsigned;
  const filled = fill(tpl.sms[lang], values, `${tpl.id}.sms.${lang}`);
  const p = prepareSmsText(filled, { unsigned, replace: s.replace });
  if (p.info.segments > s.maxSegments) {
    throw usageError('SMS_TOO_LONG', {
      vi: 'Tin nhắn {id} dài {segments} phần (tối đa {max}): {chars} ký tự, mã hóa {encoding}.',
      en: 'Message {id} takes {segments} segments (at most {max}): {chars} characters, {encoding}.',
    }, {
      vars: { id: tpl.id, segments: p.info.segments, max: s.maxSegments, chars: p.info.characters, encoding: p.info.encoding },
      hint: { vi: 'Rút gọn mẫu (hoặc đặt tên ngắn cho Trung tâm: notify.centre) hoặc tăng notify.sms.maxSegments.', en: 'Shorten the template (or give the centre a short name: notify.centre) or raise notify.sms.maxSegments.' },
    });
  }
  const registered = tpl.registered[lang];
  const registeredMatch = registered ? matchesRegistered(p.text, registered, { unsigned, replace: s.replace }) : null;
  if (registeredMatch === false) {
    throw usageError('SMS_TEMPLATE_MISMATCH', {
      vi: 'Tin nhắn {id} không khớp mẫu đã đăng ký với nhà mạng; nhà mạng sẽ từ chối (eSMS mã 146).',
      en: 'Message {id} does not match the text registered with the carriers; it would be refused (eSMS code 146).',
    }, { vars: { id: tpl.id }, hint: { vi: 'Sửa mẫu trong notify-templates.json cho khớp "registered".', en: 'Make the template in notify-templates.json match its "registered" text.' } });
  }
  return { text: p.text, encoding: p.info.encoding, segments: p.info.segments, unsigned, info: p.info, replaced: p.replaced, cost: p.info.segments * s.pricePerSegment, registeredMatch };
}

/** The e-mail for a template; the attachments are chosen by the caller (they are files). */
export function renderEmail(tpl: TemplateDef, lang: Lang, values: Values, attachments: string[]): RenderedEmail {
  return {
    subject: fill(tpl.email.subject[lang], values, `${tpl.id}.email.subject.${lang}`).replace(/\s+/g, ' '),
    body: fill(tpl.email.body[lang], values, `${tpl.id}.email.body.${lang}`),
    attachments,
  };
}

/** The PDFs the dossier recorded for a template's attachment kind (latest first). */
export function attachmentCandidates(d: Dossier, kind: TemplateDef['attach']): string[] {
  if (!kind) return [];
  const form = kind === 'receipt' ? '01' : '04';
  const out: string[] = [];
  for (const e of [...d.events].reverse()) {
    const data = e.data ?? {};
    const p = str(data.path) ?? str(data.pdf);
    if (!p) continue;
    if ((e.type === 'printed' && data.form === form) || (kind === 'apology' && e.type === 'apology-issued')) out.push(p);
  }
  return out;
}

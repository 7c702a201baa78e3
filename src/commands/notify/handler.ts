import { type Context, printJson, t, writeErr, writeOut } from '../../context.js';
import { statusText } from '../../domain/dossier/apply.js';
import { derive, isClosed } from '../../domain/dossier/status.js';
import type { Dossier } from '../../domain/dossier/types.js';
import { usageError } from '../../errors.js';
import { parseLang } from '../../i18n/index.js';
import { describeConfig, loadNotifyConfig, type NotifyConfig } from '../../notify/config.js';
import { type Content, existingAttachments, renderContent } from '../../notify/content.js';
import { contactFor, notificationsDeclined } from '../../notify/dossier-events.js';
import { shownRecipient } from '../../notify/dossier-store.js';
import { countOutbox } from '../../notify/outbox.js';
import { pollStatuses, queueNotification, sendPending } from '../../notify/queue.js';
import { itemOf, type SendReport } from '../../notify/send.js';
import { loadTemplates } from '../../notify/template-file.js';
import { type Channel, CHANNELS, isNotifyEvent, NOTIFY_EVENTS, type NotifyEvent } from '../../notify/types.js';
import { openStore, operatorName } from '../../store/index.js';
import type { Handler } from '../types.js';
import { itemLine, pollReportLines, previewLines, sendReportLines } from './output.js';

export function parseVars(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of Array.isArray(list) ? list : []) {
    const s = String(item);
    const i = s.indexOf('=');
    if (i <= 0) throw usageError('USAGE', { vi: '--var cần dạng tên=giá trị: {v}', en: '--var needs name=value: {v}' }, { vars: { v: s } });
    out[s.slice(0, i).trim()] = s.slice(i + 1).trim().normalize('NFC');
  }
  return out;
}

export function parseEvent(v: unknown, flag = '--event'): NotifyEvent {
  if (isNotifyEvent(v)) return v;
  throw usageError('NOTIFY_EVENT_UNKNOWN', { vi: '{flag}: sự kiện "{v}" không có; dùng một trong: {list}', en: '{flag}: unknown event "{v}"; use one of: {list}' }, { vars: { flag, v: String(v ?? ''), list: NOTIFY_EVENTS.join(', ') } });
}

export function messageLang(opts: Record<string, unknown>, cfg: NotifyConfig): 'vi' | 'en' {
  if (opts.messageLang === undefined) return cfg.lang;
  const l = parseLang(String(opts.messageLang));
  if (!l) throw usageError('USAGE', { vi: '--message-lang: dùng vi hoặc en', en: '--message-lang: use vi or en' });
  return l;
}

export async function findDossier(ctx: Context, code: string): Promise<Dossier> {
  const found = await (await openStore(ctx)).getDossier(code.trim());
  if (!found) {
    throw usageError('DOSSIER_UNKNOWN', { vi: 'Không có hồ sơ mã {code}.', en: 'No dossier with code {code}.' }, { vars: { code }, hint: { vi: 'Xem danh sách: `gov-desk list --open`.', en: 'See the list: `gov-desk list --open`.' } });
  }
  return found.dossier;
}

function pickChannels(opts: Record<string, unknown>, cfg: NotifyConfig, dryRun: boolean): Channel[] {
  if (opts.channel !== undefined) {
    const c = String(opts.channel);
    if (!(CHANNELS as readonly string[]).includes(c)) throw usageError('USAGE', { vi: '--channel: dùng sms hoặc email', en: '--channel: use sms or email' });
    if (!dryRun && !cfg.channels.includes(c as Channel)) throw channelOff(c);
    return [c as Channel];
  }
  if (cfg.channels.length === 0 && !dryRun) throw channelOff('sms, email');
  return cfg.channels.length ? cfg.channels : [...CHANNELS];
}

function channelOff(c: string) {
  return usageError('NOTIFY_CHANNEL_DISABLED', { vi: 'Kênh {c} chưa được cấu hình.', en: 'Channel {c} is not configured.' }, {
    vars: { c },
    hint: { vi: 'Đặt GOV_DESK_SMS_PROVIDER (esms, http, file) hoặc GOV_DESK_SMTP_URL; xem docs/notify.md.', en: 'Set GOV_DESK_SMS_PROVIDER (esms, http, file) or GOV_DESK_SMTP_URL; see docs/notify.md.' },
  });
}

export const notifyHandler: Handler = async (ctx, { args, opts }) => {
  const code = args[0];
  if (code) return notifyOne(ctx, code, opts);
  if (!opts.pending && !opts.poll && !opts.list && !opts.config) {
    throw usageError('NOTIFY_WHAT', { vi: 'Cần mã hồ sơ (với --event), hoặc --pending, --poll, --list, --config.', en: 'Give a dossier code (with --event), or --pending, --poll, --list, --config.' }, { hint: { vi: 'Xem `gov-desk notify --help`.', en: 'See `gov-desk notify --help`.' } });
  }
  const cfg = await loadNotifyConfig(ctx);
  const operator = operatorName(ctx, opts.operator);
  const doc: Record<string, unknown> = { schemaVersion: 1 };
  let failed = false;
  if (opts.config) {
    doc.config = describeConfig(cfg);
    if (!opts.json) writeOut(ctx, JSON.stringify(doc.config, null, 2));
  }
  if (opts.pending) {
    const r = await sendPending(ctx, { config: cfg, operator, retryFailed: Boolean(opts.retryFailed), includeUncertain: Boolean(opts.includeUncertain) });
    doc.send = r;
    failed ||= badRun(r);
    if (!opts.json) writeOut(ctx, sendReportLines(ctx.lang, r).join('\n'));
  }
  if (opts.poll) {
    const r = await pollStatuses(ctx, { config: cfg, operator });
    doc.poll = r;
    if (!opts.json) writeOut(ctx, pollReportLines(ctx.lang, r).join('\n'));
  }
  if (opts.list) {
    const records = await (await openStore(ctx)).outbox('notify');
    const counts = countOutbox(records);
    doc.outbox = { counts, messages: records.map(itemOf) };
    if (!opts.json) {
      const parts = Object.entries(counts.byStatus).map(([s, n]) => `${s} ${n}`);
      writeOut(ctx, [`${t(ctx, { vi: 'Hàng đợi', en: 'Outbox' })}: ${parts.join(' · ')}`, ...records.filter((r) => r.status !== 'delivered').map((r) => itemLine(ctx.lang, itemOf(r)))].join('\n'));
    }
  }
  if (opts.json) printJson(ctx, doc);
  return failed ? 1 : 0;
};

function badRun(r: SendReport): boolean {
  return Boolean(r.aborted) || r.items.some((i) => i.status === 'technical-failure') || r.blocked.some((b) => b.problem !== null);
}

/** "Your result is ready" to someone who already has it (or whose dossier ended without one) misleads. */
function refuseStaleEvent(ctx: Context, d: Dossier, event: NotifyEvent): void {
  const status = derive(d).status;
  if (event !== 'result-ready' || !isClosed(status)) return;
  throw usageError('NOTIFY_EVENT_NOT_APPLICABLE', {
    vi: 'Hồ sơ {code} đang ở trạng thái "{status}": không báo "đã có kết quả".',
    en: 'Dossier {code} is "{status}": no "result ready" message.',
  }, { vars: { code: d.code, status: t(ctx, statusText(status)) } });
}

async function notifyOne(ctx: Context, code: string, opts: Record<string, unknown>): Promise<number> {
  if (opts.event === undefined) {
    throw usageError('NOTIFY_EVENT_REQUIRED', { vi: 'Thiếu --event (một trong: {list}).', en: 'Missing --event (one of: {list}).' }, { vars: { list: NOTIFY_EVENTS.join(', ') } });
  }
  const event = parseEvent(opts.event);
  const dryRun = Boolean(opts.dryRun);
  const cfg = await loadNotifyConfig(ctx);
  const channels = pickChannels(opts, cfg, dryRun);
  const lang = messageLang(opts, cfg);
  const vars = parseVars(opts.var);
  const operator = operatorName(ctx, opts.operator);
  const d = await findDossier(ctx, code);
  refuseStaleEvent(ctx, d, event);
  const { templates } = await loadTemplates(ctx.home);
  const existing = await existingAttachments([d], templates);
  const declined = notificationsDeclined(d);

  // render first: a missing value stops here (exit 2), before anything is queued or sent
  const previews: { channel: Channel; to: string; content: Content }[] = [];
  const noContact: Channel[] = [];
  for (const channel of channels) {
    const kind = channel === 'sms' ? 'phone' : 'email';
    const contact = contactFor(d, kind);
    if (!contact) {
      noContact.push(channel);
      continue;
    }
    const content = renderContent(d, { event, channel, contact: kind, lang, vars }, { cfg, templates, existing });
    previews.push({ channel, to: shownRecipient({ contact: kind, to: contact.value }), content });
  }
  const json = Boolean(opts.json);
  const previewJson = previews.map((p) => ({
    channel: p.channel,
    to: p.to,
    template: p.content.template.id,
    sms: p.content.sms ? { text: p.content.sms.text, encoding: p.content.sms.encoding, characters: p.content.sms.info.characters, segments: p.content.sms.segments, unsigned: p.content.sms.unsigned, cost: p.content.sms.cost, priceIsExample: cfg.price.example, registeredMatch: p.content.sms.registeredMatch } : null,
    email: p.content.email,
  }));
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const previewText = previews.flatMap((p) => previewLines(ctx.lang, p.channel, p.to, p.content, cfg));
  for (const c of noContact) previewText.push(`${c.toUpperCase()}: ${L('hồ sơ không có liên hệ cho kênh này', 'the dossier has no contact for this channel')}`);
  if (declined) previewText.push(L('Công dân đã từ chối nhận tin nhắn/thư: không gửi.', 'The citizen declined notifications: nothing is sent.'));

  if (dryRun) {
    if (json) printJson(ctx, { schemaVersion: 1, dossier: d.code, event, dryRun: true, declined, messages: previewJson, noContact });
    else writeOut(ctx, previewText.join('\n'));
    return 0;
  }
  if (!json) writeErr(ctx, previewText.join('\n'));

  const store = await openStore(ctx);
  const queued = await store.tx(async (t) => {
    const fresh = (await t.dossier(d.code)) ?? d;
    return queueNotification(t, fresh, event, ctx.now(), { channels, lang, vars, resend: Boolean(opts.resend), operator });
  });
  const report = queued.keys.length ? await sendPending(ctx, { config: cfg, keys: queued.keys, operator }) : null;
  const records = queued.keys.length ? await store.outbox('notify', { keys: queued.keys }) : [];
  const items = records.map(itemOf);
  if (json) {
    printJson(ctx, { schemaVersion: 1, dossier: d.code, event, dryRun: false, declined, messages: previewJson, skipped: queued.skipped, results: items, aborted: report?.aborted ?? null, blocked: report?.blocked ?? [] });
  } else {
    const lines = items.map((i) => itemLine(ctx.lang, i));
    for (const s of queued.skipped) if (s.reason !== 'already-queued') lines.push(`  ${s.channel ? s.channel.toUpperCase() : ''} ${L('bỏ qua', 'skipped')}: ${s.reason}`);
    if (report?.aborted) lines.push(`${L('Dừng gửi', 'Stopped')}: ${t(ctx, report.aborted.message)}`);
    // a channel whose settings are refused (missing key, plain http to a remote gateway): the message waits, and the operator is told why
    for (const b of report?.blocked ?? []) if (b.problem) lines.push(`${L('Đang chờ', 'Waiting')} (${b.channel}): ${t(ctx, b.problem.message)}${b.problem.hint ? ` ${t(ctx, b.problem.hint)}` : ''}`);
    writeOut(ctx, lines.join('\n'));
  }
  return items.some((i) => i.status === 'technical-failure') || report?.aborted || report?.blocked.some((b) => b.problem !== null) ? 1 : 0;
}

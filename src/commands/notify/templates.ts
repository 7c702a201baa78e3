import { printJson, t, writeOut } from '../../context.js';
import { usageError } from '../../errors.js';
import { loadNotifyConfig } from '../../notify/config.js';
import { existingAttachments, renderContent } from '../../notify/content.js';
import { contactFor } from '../../notify/dossier-events.js';
import { shownRecipient } from '../../notify/dossier-store.js';
import { loadTemplates } from '../../notify/template-file.js';
import { TEMPLATE_IDS } from '../../notify/templates.js';
import { CHANNELS } from '../../notify/types.js';
import type { Handler } from '../types.js';
import { findDossier, messageLang, parseEvent } from './handler.js';
import { previewLines } from './output.js';

/** `notify templates [--preview EVENT --code CODE]`. */
export const templatesHandler: Handler = async (ctx, { opts }) => {
  const cfg = await loadNotifyConfig(ctx);
  const lang = messageLang(opts, cfg);
  const { templates, source } = await loadTemplates(ctx.home);
  const L = (vi: string, en: string) => t(ctx, { vi, en });

  if (opts.preview !== undefined || opts.code !== undefined) {
    if (opts.preview === undefined) throw usageError('USAGE', { vi: '--code cần đi cùng --preview <sự kiện>.', en: '--code needs --preview <event>.' });
    if (opts.code === undefined) throw usageError('USAGE', { vi: '--preview cần --code <mã hồ sơ>.', en: '--preview needs --code <dossier code>.' });
    const event = parseEvent(opts.preview, '--preview');
    const d = await findDossier(ctx, String(opts.code));
    const existing = await existingAttachments([d], templates);
    const out = CHANNELS.map((channel) => {
      const kind = channel === 'sms' ? 'phone' : 'email';
      const contact = contactFor(d, kind);
      const content = renderContent(d, { event, channel, contact: kind, lang, vars: {} }, { cfg, templates, existing });
      return { channel, to: contact ? shownRecipient({ contact: kind, to: contact.value }) : '—', content };
    });
    if (opts.json) {
      printJson(ctx, {
        schemaVersion: 1,
        dossier: d.code,
        event,
        lang,
        messages: out.map((o) => ({
          channel: o.channel,
          to: o.to,
          template: o.content.template.id,
          sms: o.content.sms ? { text: o.content.sms.text, encoding: o.content.sms.encoding, characters: o.content.sms.info.characters, segments: o.content.sms.segments, cost: o.content.sms.cost, priceIsExample: cfg.price.example, registeredMatch: o.content.sms.registeredMatch } : null,
          email: o.content.email,
        })),
      });
    } else {
      writeOut(ctx, out.flatMap((o) => previewLines(ctx.lang, o.channel, o.to, o.content, cfg)).join('\n'));
    }
    return 0;
  }

  const list = TEMPLATE_IDS.map((id) => {
    const tpl = templates[id];
    return { id, event: tpl.event, unsigned: tpl.unsigned ?? cfg.sms.unsigned, registered: tpl.registered[lang] !== null, attach: tpl.attach, sms: tpl.sms[lang], emailSubject: tpl.email.subject[lang] };
  });
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, lang, source: source ?? 'built-in', templates: list });
    return 0;
  }
  const lines = [`${L('Mẫu tin nhắn', 'Message templates')} (${source ?? L('mặc định', 'built-in')}, ${lang}):`];
  for (const x of list) {
    lines.push(`${x.id}  [${L('sự kiện', 'event')} ${x.event}${x.unsigned ? L(', SMS không dấu', ', unsigned SMS') : ''}${x.registered ? L(', có mẫu đăng ký', ', registered text') : ''}${x.attach ? `, ${L('đính kèm', 'attaches')} ${x.attach}` : ''}]`);
    lines.push(`  SMS:    ${x.sms}`);
    lines.push(`  E-mail: ${x.emailSubject}`);
  }
  writeOut(ctx, lines.join('\n'));
  return 0;
};

/**
 * The content of one message for one dossier: template choice, values, SMS or e-mail rendering.
 * Shared by the sender (content frozen at the first claim) and by `notify --dry-run` / `templates
 * --preview`. Only `existingAttachments` touches the disk.
 */
import { promises as fsp } from 'node:fs';
import type { Dossier } from '../domain/dossier/types.js';
import type { NotifyConfig } from './config.js';
import { contactFor } from './dossier-events.js';
import { attachmentCandidates, renderEmail, renderSms, type SmsPreview, valuesFor } from './render.js';
import { type TemplateDef, templateIdFor, type TemplateSet } from './templates.js';
import type { NotifyRecord, RenderedEmail } from './types.js';

export interface RenderSetup {
  cfg: NotifyConfig;
  templates: TemplateSet;
  /** Attachment files known to exist. */
  existing: ReadonlySet<string>;
}

export interface Content {
  template: TemplateDef;
  sms: SmsPreview | null;
  email: RenderedEmail | null;
  cost: number | null;
}

export function renderContent(d: Dossier, r: Pick<NotifyRecord, 'event' | 'channel' | 'contact' | 'lang' | 'vars'>, s: RenderSetup): Content {
  const template = s.templates[templateIdFor(r.event, d)];
  const recipient = contactFor(d, r.contact)?.person.fullName ?? d.applicant.fullName;
  const values = valuesFor(d, r.event, { centre: s.cfg.centre ?? s.cfg.profile.centreName, centrePhone: s.cfg.profile.centrePhone, trackingUrlTemplate: s.cfg.profile.trackingUrlTemplate, portalUrl: s.cfg.profile.portalUrl, lang: r.lang }, recipient, r.vars);
  if (r.channel === 'sms') {
    const sms = renderSms(template, r.lang, values, {
      unsigned: s.cfg.sms.unsigned,
      maxSegments: s.cfg.sms.maxSegments,
      replace: s.cfg.sms.replace,
      pricePerSegment: s.cfg.price.perSegment,
    });
    return { template, sms, email: null, cost: sms.cost };
  }
  const attachments = s.cfg.email.attachPdf ? attachmentCandidates(d, template.attach).filter((p) => s.existing.has(p)).slice(0, 1) : [];
  return { template, sms: null, email: renderEmail(template, r.lang, values, attachments), cost: null };
}

/** What is stored in the outbox record (the SMS without the preview details). */
export function frozen(c: Content): Pick<NotifyRecord, 'sms' | 'email' | 'cost'> {
  return {
    sms: c.sms ? { text: c.sms.text, encoding: c.sms.encoding, segments: c.sms.segments, unsigned: c.sms.unsigned } : null,
    email: c.email,
    cost: c.cost,
  };
}

/** The attachment files of these dossiers that exist on disk. */
export async function existingAttachments(dossiers: Iterable<Dossier>, templates: TemplateSet): Promise<Set<string>> {
  const out = new Set<string>();
  const kinds = [...new Set(Object.values(templates).map((t) => t.attach))];
  for (const d of dossiers) {
    for (const kind of kinds) {
      for (const p of attachmentCandidates(d, kind)) {
        try {
          if ((await fsp.stat(p)).isFile()) out.add(p);
        } catch {
          // missing: sent without it
        }
      }
    }
  }
  return out;
}

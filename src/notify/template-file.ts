/**
 * A commune's own wording: `<home>/notify-templates.json` overrides any part of the built-in
 * templates (and carries the carrier-registered texts). Validated with zod; an error names the file
 * and the field.
 */
import path from 'node:path';
import { z } from 'zod';
import { usageError } from '../errors.js';
import { readTextIfExists } from '../store/files.js';
import { BUILTIN_TEMPLATES, isPlaceholder, placeholdersIn, TEMPLATE_IDS, type TemplateDef, type TemplateId, type TemplateSet } from './templates.js';

export function templatesFilePath(home: string): string {
  return path.join(home, 'notify-templates.json');
}

const text = z
  .string()
  .min(1)
  .transform((s) => s.normalize('NFC'))
  .superRefine((s, ctx) => {
    const unknown = placeholdersIn(s).filter((p) => !isPlaceholder(p));
    if (unknown.length > 0) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}` });
  });
const langText = z.object({ vi: text.optional(), en: text.optional() }).strict();
// registered texts mark variable parts with {...} in the carrier's own way: any name is accepted
const registered = z.object({ vi: z.string().min(1).nullable().optional(), en: z.string().min(1).nullable().optional() }).strict();

const override = z
  .object({
    sms: langText.optional(),
    email: z.object({ subject: langText.optional(), body: langText.optional() }).strict().optional(),
    unsigned: z.boolean().optional(),
    registered: registered.optional(),
    attach: z.enum(['receipt', 'apology']).nullable().optional(),
  })
  .strict();

const fileSchema = z
  .object({
    schemaVersion: z.literal(1).optional(),
    templates: z.record(z.string(), override).superRefine((rec, ctx) => {
      for (const k of Object.keys(rec)) {
        if (!(TEMPLATE_IDS as readonly string[]).includes(k)) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [k], message: `unknown template (known: ${TEMPLATE_IDS.join(', ')})` });
        }
      }
    }),
  })
  .strict();

export type TemplateOverrides = z.infer<typeof fileSchema>;

function invalid(file: string, field: string, detail: string) {
  return usageError('NOTIFY_TEMPLATES_INVALID', {
    vi: 'Tệp mẫu tin nhắn {file} không hợp lệ: {field}: {detail}',
    en: 'The message template file {file} is invalid: {field}: {detail}',
  }, { vars: { file, field, detail }, hint: { vi: 'Xem docs/notify.md, mục "Mẫu tin nhắn".', en: 'See docs/notify.md, "Templates".' } });
}

const pick = (v: string | null | undefined, base: string | null): string | null => (v === undefined ? base : v === null ? null : v.normalize('NFC'));

/** Merge validated overrides onto the built-in set. Pure. */
export function applyOverrides(base: TemplateSet, o: TemplateOverrides): TemplateSet {
  const out = { ...base } as Record<TemplateId, TemplateDef>;
  for (const [id, ov] of Object.entries(o.templates) as [TemplateId, z.infer<typeof override>][]) {
    const b = base[id];
    out[id] = {
      ...b,
      sms: { ...b.sms, ...ov.sms },
      email: { subject: { ...b.email.subject, ...ov.email?.subject }, body: { ...b.email.body, ...ov.email?.body } },
      ...(ov.unsigned !== undefined ? { unsigned: ov.unsigned } : {}),
      registered: { vi: pick(ov.registered?.vi, b.registered.vi), en: pick(ov.registered?.en, b.registered.en) },
      attach: ov.attach === undefined ? b.attach : ov.attach,
    };
  }
  return out;
}

/** Validate the raw content of a template file. Pure. */
export function parseTemplateOverrides(raw: unknown, file: string): TemplateOverrides {
  const r = fileSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw invalid(file, issue.path.join('.') || '(root)', issue.message);
  }
  return r.data;
}

/** The built-in templates with the commune's overrides, if the file exists. */
export async function loadTemplates(home: string): Promise<{ templates: TemplateSet; source: string | null }> {
  const file = templatesFilePath(home);
  const content = await readTextIfExists(file);
  if (content === undefined) return { templates: BUILTIN_TEMPLATES, source: null };
  let raw: unknown;
  try {
    raw = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw invalid(file, '(JSON)', (e as Error).message);
  }
  return { templates: applyOverrides(BUILTIN_TEMPLATES, parseTemplateOverrides(raw, file)), source: file };
}

import { z } from 'zod';
import type { Msg } from '../i18n/index.js';

/**
 * The procedure catalogue file format (docs/catalog.md). One JSON file per procedure, validated at load.
 * Facts are transcribed from the National Public Service Portal; anything the source does not state is
 * `null`, never guessed. Pure module: no I/O.
 */

export const CHANNELS = ['in-person', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TIME_UNITS = ['working-days', 'days', 'hours'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export const COPY_KINDS = ['original', 'copy', 'certified-copy', 'original-or-copy', 'original-and-copy'] as const;
export type CopyKind = (typeof COPY_KINDS)[number];

export const ONLINE_LEVELS = ['toàn trình', 'một phần'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];

export interface ProcessingTime {
  value: number;
  unit: TimeUnit;
  /** false when the portal gave a bare number ("1"): the unit is then assumed, and UNCONFIRMED. */
  unitStated: boolean;
  /** The portal's own wording, e.g. "3 Ngày làm việc" or "1". */
  text: string | null;
  note: string | null;
}

export interface FeeAmount {
  label: string;
  amountVnd: number | null;
  amountText: string | null;
  /** null: the amount applies to every channel. */
  channel: Channel | null;
  /** Unit of charge ("trang", "bản", "giao dịch"...), null when per dossier. */
  per: string | null;
}

export interface Fee {
  /** The portal's fee column ("Miễn phí", "8,000 VNĐ"); often misleading, always show `text` too. */
  label: string | null;
  /** The portal's description (Mô tả), verbatim. */
  text: string | null;
  amounts: FeeAmount[];
  exemptions: string[];
  /** The amount is set by the provincial People's Council (HĐND tỉnh); null when not stated. */
  setByProvince: boolean | null;
  notes: string[];
}

export interface Component {
  /** Short ASCII slug, stable, unique within the procedure (scripts pass it to `intake --components`). */
  id: string;
  name: string;
  /** The portal's wording, verbatim. */
  detail: string | null;
  /** submit: handed in; present: shown at the counter (xuất trình) and handed back. */
  kind: 'submit' | 'present';
  copy: CopyKind | null;
  quantity: number | null;
  /** The portal's count text, e.g. "1 bản chính, 1 bản sao". */
  quantityText: string | null;
  /** When the component applies; the intake asks it as a yes/no question. Required when `required` is false. */
  condition: string | null;
  required: boolean;
  /** Only for these filing channels; null: every channel. */
  channels: Channel[] | null;
  note: string | null;
  /** Only for these variants of the procedure (ids from `Procedure.variants`); absent: every variant. */
  variants?: string[];
}

export interface Variant {
  id: string;
  name: string;
}

export interface Procedure {
  schemaVersion: 1;
  code: string;
  /** Catalogue version of this definition; a dossier keeps the version it was received under. */
  version: string;
  name: string;
  /** Other names (e.g. a province's list) used by the search. */
  aliases: string[];
  field: string;
  level: string;
  procedureType: string | null;
  applicants: string[];
  /** Số quyết định công bố. */
  decision: string | null;
  agency: string | null;
  coordinatingAgency: string | null;
  officer: string | null;
  /** null: the channels are not known. */
  channels: Channel[] | null;
  onlineLevel: OnlineLevel | null;
  processingTime: { inPerson: ProcessingTime | null; online: ProcessingTime | null; postal: ProcessingTime | null };
  /** "15:00": a dossier accepted after this time counts from the next working day. */
  cutoff: string | null;
  /** When the cut-off applies only in some case. */
  cutoffCondition: string | null;
  /** Online filing: the applicant confirms the draft e-certificate within `days`; silence counts as confirmation. */
  onlineConfirmation: { days: number; silenceMeansConfirmed: boolean } | null;
  fee: Fee;
  variants: Variant[];
  components: Component[];
  /** Rules shown as guidance, not as boxes to tick (the portal's "0 bản chính" rows). */
  guidance: string[];
  /** Conditions and grounds for refusal. */
  conditions: string[];
  result: string[];
  legalBasis: string[];
  /** Chỉ thị 24/CT-TTg: false for the services taken online only from 1/10/2025; null when unknown. */
  paperAllowed: boolean | null;
  /** The persons the procedure is about besides the applicant (both spouses, parent and child, …); optional. */
  parties?: PartySpec[];
  notes: string[];
  /** What the sources leave UNCONFIRMED (kept configurable by the commune). */
  unconfirmed: string[];
  source: { url: string; crawl: string | null; also: string[] };
}

/** One party a procedure names: `role` is the id (`--party role=ben-nam,…`), `name` how the record says it. */
export interface PartySpec {
  role: string;
  name: string;
  nameEn: string | null;
  required: boolean;
  /** The party has a personal identification number to record (a newborn has none yet). */
  hasId: boolean;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/;
const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

const text = z.string().trim().min(1);
const optText = text.nullable();
const slug = z.string().regex(SLUG, 'slug');
const channel = z.enum(CHANNELS);

const processingTimeSchema = z
  .object({
    value: z.number().nonnegative(),
    unit: z.enum(TIME_UNITS),
    unitStated: z.boolean(),
    text: optText,
    note: optText,
  })
  .strict();

const feeAmountSchema = z
  .object({
    label: text,
    amountVnd: z.number().int().nonnegative().nullable(),
    amountText: optText,
    channel: channel.nullable(),
    per: optText,
  })
  .strict();

const componentSchema = z
  .object({
    id: slug,
    name: text,
    detail: optText,
    kind: z.enum(['submit', 'present']),
    copy: z.enum(COPY_KINDS).nullable(),
    quantity: z.number().int().nonnegative().nullable(),
    quantityText: optText,
    condition: optText,
    required: z.boolean(),
    channels: z.array(channel).min(1).nullable(),
    note: optText,
    variants: z.array(slug).min(1).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!c.required && c.condition === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['condition'], message: 'condition-required' });
    }
  });

export const procedureSchema: z.ZodType<Procedure, z.ZodTypeDef, unknown> = z
  .object({
    schemaVersion: z.literal(1),
    code: z.string().regex(CODE, 'code'),
    version: text,
    name: text,
    aliases: z.array(text),
    field: text,
    level: text,
    procedureType: optText,
    applicants: z.array(text),
    decision: optText,
    agency: optText,
    coordinatingAgency: optText,
    officer: optText,
    channels: z.array(channel).min(1).nullable(),
    onlineLevel: z.enum(ONLINE_LEVELS).nullable(),
    processingTime: z
      .object({ inPerson: processingTimeSchema.nullable(), online: processingTimeSchema.nullable(), postal: processingTimeSchema.nullable() })
      .strict(),
    cutoff: z.string().regex(CLOCK, 'clock').nullable(),
    cutoffCondition: optText,
    onlineConfirmation: z.object({ days: z.number().int().positive(), silenceMeansConfirmed: z.boolean() }).strict().nullable(),
    fee: z
      .object({
        label: optText,
        text: optText,
        amounts: z.array(feeAmountSchema),
        exemptions: z.array(text),
        setByProvince: z.boolean().nullable(),
        notes: z.array(text),
      })
      .strict(),
    variants: z.array(z.object({ id: slug, name: text }).strict()),
    components: z.array(componentSchema),
    guidance: z.array(text),
    conditions: z.array(text),
    result: z.array(text),
    legalBasis: z.array(text),
    paperAllowed: z.boolean().nullable(),
    parties: z.array(z.object({ role: z.string().regex(SLUG, 'slug'), name: text, nameEn: optText.default(null), required: z.boolean(), hasId: z.boolean().default(true) }).strict()).optional(),
    notes: z.array(text),
    unconfirmed: z.array(text),
    source: z.object({ url: z.string().url(), crawl: optText, also: z.array(text) }).strict(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.components.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['components', i, 'id'], message: 'duplicate-id' });
      seen.add(c.id);
    });
    const variantIds = new Set<string>();
    p.variants.forEach((v, i) => {
      if (variantIds.has(v.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['variants', i, 'id'], message: 'duplicate-id' });
      variantIds.add(v.id);
    });
    p.components.forEach((c, i) => {
      (c.variants ?? []).forEach((v, j) => {
        if (!variantIds.has(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['components', i, 'variants', j], message: 'unknown-variant' });
      });
    });
    if (p.cutoffCondition !== null && p.cutoff === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['cutoffCondition'], message: 'cutoff-missing' });
    }
  });

/** `components[2].kind` style path for error messages. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(root)';
}

const CUSTOM: Record<string, Msg> = {
  'condition-required': { vi: 'thành phần không bắt buộc phải có "condition" (câu hỏi có/không)', en: 'a component that is not required needs a "condition" (the yes/no question)' },
  'duplicate-id': { vi: 'mã (id) bị trùng', en: 'duplicate id' },
  'unknown-variant': { vi: 'không có trường hợp (variant) này trong "variants"', en: 'no such variant in "variants"' },
  'cutoff-missing': { vi: '"cutoffCondition" cần có "cutoff"', en: '"cutoffCondition" needs a "cutoff"' },
  slug: { vi: 'phải là chuỗi chữ thường không dấu, số và gạch ngang (vd. "to-khai")', en: 'must be lower-case ASCII letters, digits and hyphens (e.g. "to-khai")' },
  code: { vi: 'mã thủ tục không hợp lệ (vd. "1.001193")', en: 'invalid procedure code (e.g. "1.001193")' },
  clock: { vi: 'giờ phải có dạng HH:MM (vd. "15:00")', en: 'time must be HH:MM (e.g. "15:00")' },
};

/** A short bilingual description of one validation problem. */
export function describeIssue(issue: z.ZodIssue): Msg {
  const custom = CUSTOM[issue.message];
  if (custom) return custom;
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return issue.received === 'undefined'
        ? { vi: 'thiếu trường bắt buộc', en: 'required field is missing' }
        : { vi: `sai kiểu: cần ${issue.expected}, nhận ${issue.received}`, en: `wrong type: expected ${issue.expected}, got ${issue.received}` };
    case z.ZodIssueCode.invalid_enum_value:
    case z.ZodIssueCode.invalid_literal: {
      const opts = issue.code === z.ZodIssueCode.invalid_enum_value ? issue.options.map(String).join(', ') : String(issue.expected);
      return { vi: `giá trị không hợp lệ; chấp nhận: ${opts}`, en: `invalid value; allowed: ${opts}` };
    }
    case z.ZodIssueCode.unrecognized_keys:
      return { vi: `trường không được hỗ trợ: ${issue.keys.join(', ')}`, en: `unsupported field(s): ${issue.keys.join(', ')}` };
    case z.ZodIssueCode.too_small:
      return { vi: 'giá trị rỗng hoặc quá nhỏ', en: 'value is empty or too small' };
    default:
      return { vi: `không hợp lệ (${issue.message})`, en: `invalid (${issue.message})` };
  }
}

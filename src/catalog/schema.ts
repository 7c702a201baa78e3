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
  /** Set by the loader of the commune's profile (`procedureTimes`), never in a catalogue file. */
  source?: 'commune';
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
  /** Member of a "one of" group (id from `Procedure.groups`): any one member satisfies the group. */
  group?: string;
}

export interface Variant {
  id: string;
  name: string;
  /** The time limit of this case, for every channel (e.g. 15 days for nhà ở riêng lẻ); absent: the channel's. */
  processingTime?: ProcessingTime;
}

/** "One of these papers": the record accepts any one of the member components. */
export interface ComponentGroup {
  id: string;
  /** What the papers prove, e.g. "Giấy tờ chứng minh quan hệ cha, mẹ, con". */
  name: string;
}

/**
 * What the 15:00 cut-off means in the record's own words:
 * - `result-next-working-day`: "tiếp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo";
 *   the result is due by closing time of the next working day;
 * - `count-from-next-working-day`: the time limit counts from the next working day (3.000722).
 */
export const CUTOFF_RULES = ['result-next-working-day', 'count-from-next-working-day'] as const;
export type CutoffRule = (typeof CUTOFF_RULES)[number];

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
  /** What the cut-off does; absent: `count-from-next-working-day` (the rule before this field existed). */
  cutoffRule?: CutoffRule;
  /** Variant ids the cut-off applies to (1.004859: only "bổ sung thông tin"); absent: every case. */
  cutoffVariants?: string[];
  /** Online filing: the applicant confirms the draft e-certificate within `days`; silence counts as confirmation. */
  onlineConfirmation: { days: number; silenceMeansConfirmed: boolean } | null;
  fee: Fee;
  variants: Variant[];
  /** "One of" groups of components; absent: none. */
  groups?: ComponentGroup[];
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
  .strict()
  .refine((t) => t.unit !== 'days' || Number.isInteger(t.value), { message: 'whole-days', path: ['value'] });

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
    group: slug.optional(),
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
    applicants: z.array(text).transform(joinApplicantKinds),
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
    cutoffRule: z.enum(CUTOFF_RULES).optional(),
    cutoffVariants: z.array(slug).min(1).optional(),
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
    variants: z.array(z.object({ id: slug, name: text, processingTime: processingTimeSchema.optional() }).strict()),
    groups: z.array(z.object({ id: slug, name: text }).strict()).optional(),
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
    const groupIds = new Set((p.groups ?? []).map((g) => g.id));
    const members = new Map<string, number>();
    p.components.forEach((c, i) => {
      if (c.group === undefined) return;
      if (!groupIds.has(c.group)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['components', i, 'group'], message: 'unknown-group' });
      else if (!c.required) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['components', i, 'required'], message: 'group-member-required' });
      members.set(c.group, (members.get(c.group) ?? 0) + 1);
    });
    (p.groups ?? []).forEach((g, i) => {
      if ((members.get(g.id) ?? 0) < 2) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['groups', i, 'id'], message: 'group-too-small' });
    });
    (p.cutoffVariants ?? []).forEach((v, j) => {
      if (!variantIds.has(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['cutoffVariants', j], message: 'unknown-variant' });
    });
    if ((p.cutoffRule !== undefined || p.cutoffVariants !== undefined) && p.cutoff === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [p.cutoffRule !== undefined ? 'cutoffRule' : 'cutoffVariants'], message: 'cutoff-missing' });
    }
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
  'cutoff-missing': { vi: 'trường này cần có "cutoff"', en: 'this field needs a "cutoff"' },
  'whole-days': { vi: 'ngày lịch phải là số nguyên (nửa ngày: dùng "working-days", ví dụ 0.5)', en: 'calendar days must be a whole number (half a day: use "working-days", e.g. 0.5)' },
  'unknown-group': { vi: 'không có nhóm (group) này trong "groups"', en: 'no such group in "groups"' },
  'group-member-required': { vi: 'thành phần thuộc nhóm "một trong" phải có "required": true (nhóm là bắt buộc)', en: 'a member of a "one of" group must have "required": true (the group is required)' },
  'group-too-small': { vi: 'nhóm "một trong" cần ít nhất hai thành phần', en: 'a "one of" group needs at least two components' },
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

/**
 * Applicant kinds as the national database lists them. A list split at every comma cuts
 * "Tổ chức (không bao gồm doanh nghiệp, HTX)" in two ("Tổ chức (không bao gồm doanh nghiệp" and
 * "HTX)"); parts are joined back while a parenthesis is open, so that it is one kind.
 */
export function joinApplicantKinds(list: readonly string[]): string[] {
  const out: string[] = [];
  let open = 0;
  for (const item of list) {
    const depth = (item.match(/\(/g)?.length ?? 0) - (item.match(/\)/g)?.length ?? 0);
    if (open > 0 && out.length > 0) out[out.length - 1] = `${out[out.length - 1]}, ${item.trim()}`;
    else out.push(item.trim());
    open = Math.max(0, open + depth);
  }
  return out;
}

import path from 'node:path';
import { z } from 'zod';
import { isAgencyCode } from '../domain/dossier/code.js';
import { parseClock } from '../domain/time.js';
import { usageError } from '../errors.js';
import { isPersonName, rememberProfileOperators } from './operators.js';
import { readTextIfExists, writeFileAtomic } from '../store/files.js';

const clock = z.string().refine((s) => parseClock(s) !== undefined, 'HH:mm');

/** The commune profile (`<home>/config.json`): who we are, when the counter is open, who handles what. */
export const profileSchema = z.object({
  schemaVersion: z.literal(1),
  commune: z.object({
    /** e.g. "Ủy ban nhân dân xã Suối Kiết" */
    name: z.string().min(1),
    /** e.g. "Trung tâm Phục vụ hành chính công xã Suối Kiết" */
    centreName: z.string().min(1),
    province: z.string().min(1),
    /** Place name for document dates ("Suối Kiết, ngày …"). */
    place: z.string().min(1),
    /** Agency identity code used in dossier codes (QCVN 102:2016 / QĐ 20/2020). */
    agencyCode: z.string().refine(isAgencyCode, 'agency identity code: QCVN 102:2016 "000.00.00.H99" or Quyết định 20/2020 "H55.242" (level-1 code first, at most 35 characters)'),
    address: z.string().min(1),
    phone: z.string().min(1),
    email: z.string().nullable().default(null),
  }),
  counterHours: z.object({
    sessions: z.array(z.object({ open: clock, close: clock })).min(1),
  }),
  departments: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name: z.string().min(1) })).min(1),
  /** Procedure field (lĩnh vực) → department id; a per-commune setting (procedures.md, trap 8). */
  fieldDepartments: z.record(z.string()),
  /** Per-procedure overrides (procedure code → department id). */
  procedureDepartments: z.record(z.string()).default({}),
  /**
   * Per-procedure time limit set by the commune where the record gives none (chứng thực: "Không có
   * thông tin"), with its cut-off (procedure code → time). docs/catalog.md.
   */
  procedureTimes: z
    .record(
      z
        .object({
          value: z.number().nonnegative().finite(),
          unit: z.enum(['working-days', 'days', 'hours']),
          cutoff: clock.nullable().optional(),
          cutoffRule: z.enum(['result-next-working-day', 'count-from-next-working-day']).optional(),
        })
        .strict()
        .refine((t) => t.unit !== 'days' || Number.isInteger(t.value), 'calendar days must be a whole number (half a day: "working-days", 0.5)'),
    )
    .optional(),
  /** Register book (Sổ theo dõi hồ sơ): "Quyển số" label; `{year}` is replaced by the year of receipt. */
  register: z.object({ book: z.string().min(1).default('{year}') }).default({ book: '{year}' }),
  portal: z
    .object({ baseUrl: z.string().nullable().default(null), clientId: z.string().nullable().default(null) })
    .default({ baseUrl: null, clientId: null }),
  notify: z.object({ auto: z.boolean().default(false) }).passthrough().default({ auto: false }),
  /** The people at the desk (their names go on the forms); see src/config/operators.ts. */
  operators: z
    .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), fullName: z.string().min(1).refine(isPersonName, 'a full name (two words or more)'), title: z.string().nullable().default(null) }))
    .default([]),
  /** Id of the operator used when neither --operator nor GOV_DESK_OPERATOR names one. */
  defaultOperator: z.string().nullable().default(null),
  /**
   * The citizen's look-up page printed as the forms' QR code: `{code}` is replaced by the dossier
   * code. UNCONFIRMED (the portal's tracking address is not in the references): null prints the
   * plain-text payload.
   */
  tracking: z.object({ urlTemplate: z.string().nullable().default(null) }).default({ urlTemplate: null }),
  /**
   * Where citizens file online, printed on the "what to bring" sheet (issue 17). Absent: the national
   * portal DVCQG, the only citizen-facing portal since 1/7/2025 (regulations.md §2.5).
   */
  onlinePortal: z.object({ name: z.string().min(1), url: z.string().url() }).optional(),
  /**
   * The province's target rates for `report guidance` (percent): the share of dossiers filed online
   * and the share digitised. UNCONFIRMED: no official figure is in the references; null: none set.
   */
  targets: z.object({ onlinePct: z.number().min(0).max(100).nullable().default(null), digitisedPct: z.number().min(0).max(100).nullable().default(null) }).optional(),
});

/** The national portal (regulations.md §2.5: DVCQG is the only citizen-facing portal from 1/7/2025). */
export { NATIONAL_PORTAL } from '../domain/lookup.js';

export type Profile = z.infer<typeof profileSchema>;

export function profilePath(home: string): string {
  return path.join(home, 'config.json');
}

/** Checks that go beyond shapes: every department referenced exists. Returns problem texts. */
export function profileProblems(p: Profile): string[] {
  const ids = new Set(p.departments.map((d) => d.id));
  const out: string[] = [];
  for (const [field, id] of Object.entries(p.fieldDepartments)) if (!ids.has(id)) out.push(`fieldDepartments["${field}"]: unknown department "${id}"`);
  for (const [code, id] of Object.entries(p.procedureDepartments)) if (!ids.has(id)) out.push(`procedureDepartments["${code}"]: unknown department "${id}"`);
  const opIds = new Set(p.operators.map((o) => o.id));
  if (opIds.size !== p.operators.length) out.push('operators: the same id twice');
  if (p.defaultOperator !== null && !opIds.has(p.defaultOperator)) out.push(`defaultOperator: unknown operator "${p.defaultOperator}"`);
  const tpl = p.tracking.urlTemplate;
  if (tpl !== null && (!/^https?:\/\/[^\s]+$/.test(tpl) || !tpl.includes('{code}'))) out.push('tracking.urlTemplate: an http(s) address containing {code}');
  for (const [i, s] of p.counterHours.sessions.entries()) {
    if (parseClock(s.open)! >= parseClock(s.close)!) out.push(`counterHours.sessions[${i}]: opens after it closes`);
  }
  return out;
}

export function parseProfile(raw: unknown, source: string): Profile {
  const r = profileSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw usageError('PROFILE_INVALID', { vi: 'Hồ sơ cấu hình {file} không hợp lệ: {field}: {detail}', en: 'Profile {file} is invalid: {field}: {detail}' }, {
      vars: { file: source, field: issue.path.join('.') || '(root)', detail: issue.message },
    });
  }
  const problems = profileProblems(r.data);
  if (problems.length > 0) {
    throw usageError('PROFILE_INVALID', { vi: 'Hồ sơ cấu hình {file} không hợp lệ: {field}', en: 'Profile {file} is invalid: {field}' }, { vars: { file: source, field: problems.join('; ') } });
  }
  return r.data;
}

export async function readProfile(home: string): Promise<Profile | undefined> {
  const file = profilePath(home);
  const text = await readTextIfExists(file);
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw usageError('PROFILE_INVALID', { vi: 'Hồ sơ cấu hình {file} không phải JSON hợp lệ: {field}', en: 'Profile {file} is not valid JSON: {field}' }, { vars: { file, field: (e as Error).message } });
  }
  if (!holdsProfile(raw)) return undefined;
  return parseProfile(raw, file);
}

/**
 * Settings of this desk kept in config.json beside the profile, unknown to the profile schema:
 * `desk` (its id on events) and `database` (the shared database, src/store/pg/config.ts). A desk of
 * a centre may have a config.json with only these; writing the profile keeps them.
 */
export const LOCAL_SETTINGS = ['desk', 'database'] as const;

/** A config.json with only the desk's own settings holds no commune profile (a desk of a centre). */
function holdsProfile(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return true; // the parser says what is wrong
  return Object.keys(raw).some((k) => !(LOCAL_SETTINGS as readonly string[]).includes(k));
}

/** The desk's own settings of the config.json there is now (none when it is missing or unreadable). */
async function localSettings(home: string): Promise<Record<string, unknown>> {
  const text = await readTextIfExists(profilePath(home));
  if (text === undefined) return {};
  try {
    const raw = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    return Object.fromEntries(LOCAL_SETTINGS.filter((k) => raw?.[k] !== undefined).map((k) => [k, raw[k]]));
  } catch {
    return {};
  }
}

/** What finds the store (the shared database, or the home); see src/store/index.ts. */
export type ProfileCtx = { home: string; env: Record<string, string | undefined>; cwd: string; now(): Date };

/**
 * The commune profile of the store this desk works on: the home's config.json, or the shared
 * database's profile when one is configured. A bare folder reads that home's config.json.
 */
export async function storeProfile(where: string | ProfileCtx): Promise<Profile | undefined> {
  if (typeof where === 'string') return readProfile(where);
  const { openStore } = await import('../store/index.js');
  const store = await openStore(where);
  const p = await store.profile();
  if (p && store.kind !== 'embedded') rememberProfileOperators(where.home, p);
  return p;
}

/** The profile, or a clear error telling how to create one. */
export async function requireProfile(where: string | ProfileCtx): Promise<Profile> {
  const home = typeof where === 'string' ? where : where.home;
  const p = await storeProfile(where);
  if (!p) {
    throw usageError('PROFILE_MISSING', { vi: 'Chưa có hồ sơ cấu hình của xã trong {home}.', en: 'No commune profile in {home} yet.' }, {
      vars: { home },
      hint: { vi: 'Chạy `gov-desk init` (hoặc `gov-desk init --example --no-input` để thử).', en: 'Run `gov-desk init` (or `gov-desk init --example --no-input` to try it out).' },
    });
  }
  return p;
}

/** Write the profile to `<home>/config.json`, keeping the desk's own settings there (LOCAL_SETTINGS). */
export async function writeProfile(home: string, p: Profile): Promise<void> {
  await writeFileAtomic(profilePath(home), `${JSON.stringify({ ...p, ...(await localSettings(home)) }, null, 2)}\n`);
}

/** The department that handles a procedure: per-procedure override, then by field. */
export function departmentFor(p: Profile, procedureCode: string, field: string): string | null {
  return p.procedureDepartments[procedureCode] ?? p.fieldDepartments[field] ?? null;
}

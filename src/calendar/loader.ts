/**
 * Reads the working-day calendar data: the built-in official years in `fixtures/calendar/`, then
 * `<home>/calendar/*.json`, which may replace a built-in year, add a year (when the Government
 * announces next year's schedule), amend a year (a commune's own days off) or adjust the
 * statutory fallback rules. Every file is validated; an error names the file and the field.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { failure } from '../errors.js';
import { DEFAULT_STATUTORY_RULES, type HolidayRule, type StatutoryRules } from '../domain/calendar/statutory.js';
import type { CalendarAmendment, OfficialYear, WorkingCalendar } from '../domain/calendar/types.js';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, buildCalendar } from '../domain/calendar/working-days.js';
import { isValidIsoDate } from '../domain/time.js';

export const BUILTIN_CALENDAR_DIR = new URL('../../fixtures/calendar/', import.meta.url);

const isoDate = z.string().refine(isValidIsoDate, { message: 'not a valid YYYY-MM-DD date' });
const text = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();
const note = z.string().nullable().default(null);

const sourceSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    date: isoDate.nullable().default(null),
    via: z.array(z.string()).default([]),
    confirmed: z.boolean().default(true),
    note,
  })
  .strict();

const periodSchema = z
  .object({ from: isoDate, to: isoDate.optional(), name: text, source: z.string().nullable().default(null), note })
  .strict()
  .transform((p) => ({ ...p, to: p.to ?? p.from }));

const workingDaySchema = z
  .object({ date: isoDate, name: text, source: z.string().nullable().default(null), replaces: isoDate.nullable().default(null), note })
  .strict();

const yearSchema = z
  .object({
    schemaVersion: z.literal(1),
    kind: z.enum(['official', 'amendment']),
    year: z.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR),
    note: z.string().optional(),
    sources: z.array(sourceSchema).default([]),
    daysOff: z.array(periodSchema).default([]),
    workingDays: z.array(workingDaySchema).default([]),
  })
  .strict()
  .superRefine((f, ctx) => {
    const ids = new Set<string>();
    f.sources.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate source id "${s.id}"` });
      ids.add(s.id);
    });
    const inYear = (d: string, p: (string | number)[]): void => {
      if (!d.startsWith(`${f.year}-`)) ctx.addIssue({ code: 'custom', path: p, message: `${d} is not in ${f.year}` });
    };
    const known = (id: string | null, p: (string | number)[]): void => {
      if (id !== null && !ids.has(id)) ctx.addIssue({ code: 'custom', path: p, message: `unknown source "${id}" (not in sources)` });
    };
    f.daysOff.forEach((p, i) => {
      inYear(p.from, ['daysOff', i, 'from']);
      inYear(p.to, ['daysOff', i, 'to']);
      if (p.to < p.from) ctx.addIssue({ code: 'custom', path: ['daysOff', i, 'to'], message: `ends before it starts (${p.from})` });
      known(p.source, ['daysOff', i, 'source']);
    });
    f.workingDays.forEach((w, i) => {
      inYear(w.date, ['workingDays', i, 'date']);
      known(w.source, ['workingDays', i, 'source']);
      const clash = f.daysOff.find((p) => p.from <= w.date && w.date <= p.to);
      if (clash) ctx.addIssue({ code: 'custom', path: ['workingDays', i, 'date'], message: `also inside the days off ${clash.from}..${clash.to}` });
    });
  });

const ruleSchema = z
  .object({
    id: z.string().min(1),
    calendar: z.enum(['solar', 'lunar']),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    offset: z.number().int().min(-30).max(30).default(0),
    days: z.number().int().min(1).max(30).default(1),
    name: text,
    fromYear: z.number().int().nullable().default(null),
    toYear: z.number().int().nullable().default(null),
  })
  .strict();

const rulesSchema = z
  .object({
    schemaVersion: z.literal(1),
    kind: z.literal('statutory-rules'),
    note: z.string().optional(),
    /** extend: holidays are added to the built-in rules (same id replaces); replace: they are the whole list. */
    mode: z.enum(['extend', 'replace']).default('extend'),
    basis: z.string().min(1).optional(),
    weekendShift: z.boolean().optional(),
    holidays: z.array(ruleSchema).default([]),
  })
  .strict();

const fileSchema = z.union([yearSchema, rulesSchema]);

export type CalendarFile = z.infer<typeof yearSchema> | z.infer<typeof rulesSchema>;

export type CalendarOrigin = 'builtin' | 'home';

export interface CalendarFileInfo {
  file: string;
  origin: CalendarOrigin;
  kind: 'official' | 'amendment' | 'statutory-rules';
  year: number | null;
}

export interface LoadedYear {
  year: number;
  origin: CalendarOrigin;
  file: string;
  /** The built-in file a home file replaced, if any. */
  replaced: string | null;
}

export interface LoadedCalendar {
  calendar: WorkingCalendar;
  /** Official years in use, sorted. */
  years: LoadedYear[];
  files: CalendarFileInfo[];
  rules: StatutoryRules;
}

const INVALID = {
  vi: 'Tệp lịch {file} không hợp lệ: {field}: {problem}',
  en: 'Invalid calendar file {file}: {field}: {problem}',
};
const INVALID_HINT = {
  vi: 'Sửa hoặc xóa tệp này; định dạng xem docs/calendar-and-deadlines.md.',
  en: 'Fix or remove the file; the format is in docs/calendar-and-deadlines.md.',
};

function invalid(file: string, field: string, problem: string, cause?: unknown): Error {
  return failure('CALENDAR_FILE_INVALID', INVALID, { hint: INVALID_HINT, vars: { file, field, problem }, cause });
}

function fieldPath(p: (string | number)[]): string {
  return p.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), '') || '(file)';
}

/** Parse and validate one calendar file's text. Pure apart from the error it throws. */
export function parseCalendarFile(textContent: string, file: string): CalendarFile {
  let raw: unknown;
  try {
    raw = JSON.parse(textContent.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw invalid(file, '(file)', `not valid JSON (${e instanceof Error ? e.message : String(e)})`, e);
  }
  const kind = typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
  const schema = kind === 'statutory-rules' ? rulesSchema : kind === 'official' || kind === 'amendment' ? yearSchema : fileSchema;
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const problem = issue.code === 'invalid_union' ? 'expected "kind": "official", "amendment" or "statutory-rules"' : issue.message;
    throw invalid(file, fieldPath(issue.code === 'invalid_union' ? ['kind'] : issue.path), problem);
  }
  return r.data;
}

async function readDir(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names.filter((n) => n.toLowerCase().endsWith('.json')).sort().map((n) => path.join(dir, n));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

function mergeRules(base: StatutoryRules, f: z.infer<typeof rulesSchema>): StatutoryRules {
  const added: HolidayRule[] = f.holidays;
  const holidays = f.mode === 'replace' ? added : [...base.holidays.filter((h) => !added.some((a) => a.id === h.id)), ...added];
  return { basis: f.basis ?? base.basis, weekendShift: f.weekendShift ?? base.weekendShift, holidays };
}

/** Load the built-in years, then the home folder's calendar files, and build the calendar. */
export async function loadCalendar(opts: { home?: string; builtinDir?: URL | string; overrides?: readonly { name: string; content: unknown }[] } = {}): Promise<LoadedCalendar> {
  const builtinDir = opts.builtinDir ?? BUILTIN_CALENDAR_DIR;
  const texts = async (dir: string) => Promise.all((await readDir(dir)).map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
  const dirs: [CalendarOrigin, () => Promise<{ file: string; text: string }[]>][] = [['builtin', () => texts(typeof builtinDir === 'string' ? builtinDir : fileURLToPath(builtinDir))]];
  // a centre's shared database keeps the commune's calendar files (src/store/overrides.ts): instead of <home>/calendar/
  if (opts.overrides) {
    const own = [...opts.overrides].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    dirs.push(['home', async () => own.map((o) => ({ file: `database:calendar/${o.name}`, text: JSON.stringify(o.content) }))]);
  } else if (opts.home) dirs.push(['home', () => texts(path.join(opts.home!, 'calendar'))]);

  const official = new Map<number, { data: OfficialYear; info: LoadedYear }>();
  const amendments: CalendarAmendment[] = [];
  const files: CalendarFileInfo[] = [];
  let rules = DEFAULT_STATUTORY_RULES;
  let rulesFile: string | null = null;

  for (const [origin, read] of dirs) {
    for (const { file, text } of await read()) {
      const f = parseCalendarFile(text, file);
      if (f.kind === 'statutory-rules') {
        if (rulesFile) throw invalid(file, 'kind', `a second statutory-rules file (the first is ${rulesFile})`);
        rulesFile = file;
        rules = mergeRules(rules, f);
        files.push({ file, origin, kind: f.kind, year: null });
        continue;
      }
      files.push({ file, origin, kind: f.kind, year: f.year });
      const data = { year: f.year, sources: f.sources, daysOff: f.daysOff, workingDays: f.workingDays, origin: file };
      if (f.kind === 'amendment') {
        amendments.push(data);
        continue;
      }
      const prev = official.get(f.year);
      if (prev && prev.info.origin === origin) throw invalid(file, 'year', `${f.year} is already given by ${prev.info.file}`);
      official.set(f.year, { data, info: { year: f.year, origin, file, replaced: prev ? prev.info.file : null } });
    }
  }

  const years = [...official.values()].map((o) => o.info).sort((a, b) => a.year - b.year);
  const calendar = buildCalendar(
    [...official.values()].map((o) => o.data),
    { amendments, rules },
  );
  return { calendar, years, files, rules };
}

import { styles } from '../../style.js';
import { type Context, isInteractive, printJson, t, writeErr } from '../../context.js';
import { requireProfile } from '../../config/profile.js';
import { usageError } from '../../errors.js';
import { componentsFor } from '../../intake/snapshot.js';
import { type IntakeRecord, type FieldProblem, partiesOf, recordToAnswers } from '../../intake/from-record.js';
import { vnDate } from '../../domain/time.js';
import { type IntakeEnv, openDuplicates, performIntake, type DraftRecord } from '../../intake/receive.js';
import type { IntakeAnswers } from '../../intake/types.js';
import { openRepository, operatorName } from '../../store/index.js';
import type { Handler } from '../types.js';
import { autoNotifyConfig } from '../../workflow/hooks.js';
import { loadCatalogPort } from './catalog-port.js';
import { resultJson, printHuman } from './output.js';

/** Flags → the flat record shape shared with batch files. */
export function flagsToRecord(opts: Record<string, unknown>): IntakeRecord {
  const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    procedure: s(opts.procedure),
    channel: s(opts.channel),
    vneid_level2: s(opts.vneidLevel2),
    id_qr: s(opts.idQr),
    name: s(opts.name),
    id_number: s(opts.idNumber),
    birth_date: s(opts.birthDate),
    phone: s(opts.phone),
    email: s(opts.email),
    address: s(opts.address),
    rep_name: s(opts.repName),
    rep_id_number: s(opts.repIdNumber),
    rep_birth_date: s(opts.repBirthDate),
    rep_phone: s(opts.repPhone),
    components: s(opts.components),
    all_components: opts.allComponents === true,
    invalid: Array.isArray(opts.invalid) ? (opts.invalid as string[]).join(';') : s(opts.invalid),
    refuse: s(opts.refuse),
    supplement_note: s(opts.supplementNote),
    delivery: s(opts.delivery),
    post_address: s(opts.postAddress),
    post_zone: s(opts.postZone),
    post_weight: s(opts.postWeight),
    sets: s(opts.sets),
    notify: opts.notify === false ? false : undefined,
    operator: s(opts.operator),
    received_at: s(opts.receivedAt),
    allow_duplicate: opts.allowDuplicate === true,
    parties: Array.isArray(opts.party) ? (opts.party as string[]).join(';') : s(opts.party),
    party_qr: Array.isArray(opts.partyQr) ? (opts.partyQr as string[]).join('\n') : s(opts.partyQr),
  };
}

const FLAG_OF: Record<string, string> = { rep_id_number: '--rep-id-number', rep_birth_date: '--rep-birth-date', rep_name: '--rep-name', rep_phone: '--rep-phone', id_qr: '--id-qr', vneid_level2: '--vneid-level2', parties: '--party', party_qr: '--party-qr' };
export const flagName = (field: string): string => FLAG_OF[field] ?? `--${field.replace(/_/g, '-')}`;

export function invalidInput(ctx: Context, problems: FieldProblem[], name: (f: string) => string = flagName) {
  const text = problems.map((p) => `${name(p.field)}: ${t(ctx, p.message)}`).join('\n  ');
  return usageError('INVALID_INPUT', { vi: 'Dữ liệu không hợp lệ:\n  {text}', en: 'Invalid input:\n  {text}' }, { vars: { text }, details: problems });
}

export async function intakeEnv(ctx: Context): Promise<IntakeEnv & { port: Awaited<ReturnType<typeof loadCatalogPort>> }> {
  const profile = await requireProfile(ctx.home);
  const [port, { loadCalendar }] = await Promise.all([loadCatalogPort(ctx.home), import('../../calendar/loader.js')]);
  const { calendar } = await loadCalendar({ home: ctx.home });
  const notify = await autoNotifyConfig(ctx, profile);
  return { profile, procedure: (code) => port.require(code), calendar, repo: openRepository(ctx), home: ctx.home, lang: ctx.lang, now: ctx.now(), port, notify };
}

/** `--all-components`: every component that applies to the channel without a special case. */
export function withAllComponents(env: IntakeEnv, a: IntakeAnswers): IntakeAnswers {
  const all = componentsFor(env.procedure(a.procedureCode), a.channel).filter((c) => c.required).map((c) => c.id);
  return { ...a, provided: [...new Set([...a.provided, ...all])] };
}

export const intakeHandler: Handler = async (ctx, { opts }) => {
  if (typeof opts.fromFile === 'string') {
    const { batchIntake } = await import('./batch.js');
    return batchIntake(ctx, opts.fromFile, opts);
  }
  const env = await intakeEnv(ctx);
  const operator = operatorName(ctx, opts.operator);
  const json = Boolean(opts.json);
  let record = flagsToRecord(opts);
  let resumed: DraftRecord | undefined;
  if (typeof opts.resume === 'string') {
    const db = await env.repo.read();
    resumed = db.drafts[opts.resume.trim()] as unknown as DraftRecord | undefined;
    if (!resumed || resumed.kind !== 'incomplete' || resumed.dossierCode) {
      throw usageError('RESUME_UNKNOWN', { vi: 'Không có lần tiếp nhận chưa đủ giấy tờ nào mã {ref} (hoặc đã tiếp nhận xong).', en: 'No incomplete intake {ref} to resume (or it was already received).' }, { vars: { ref: opts.resume } });
    }
  }
  let answers: IntakeAnswers;
  if (isInteractive(ctx, { json })) {
    const { askIntake } = await import('./interactive.js');
    const prompter = await ctx.prompter();
    const pre = resumed ? draftToPrefill(resumed) : {};
    const channel = typeof record.channel === 'string' ? record.channel : undefined;
    if (channel && !['in-person', 'postal', 'online'].includes(channel)) {
      throw invalidInput(ctx, [{ field: 'channel', message: { vi: `kênh không hợp lệ "${channel}" (in-person, postal, online)`, en: `invalid channel "${channel}" (in-person, postal, online)` } }]);
    }
    // --party/--party-qr given with the interactive intake fill those parties' prompts
    const problems: FieldProblem[] = [];
    const givenParties = partiesOf(record, undefined, vnDate(env.now), (field, message) => problems.push({ field, message }));
    if (problems.length) throw invalidInput(ctx, problems);
    answers = await askIntake(ctx, prompter, {
      catalog: env.port,
      duplicates: async (id, code) => openDuplicates(await env.repo.read(), id, code),
    }, {
      ...pre,
      ...(record.procedure ? { procedureCode: record.procedure as string } : {}),
      ...(channel ? { channel: channel as IntakeAnswers['channel'] } : {}),
      operator,
      allowDuplicate: record.allow_duplicate === true,
      declineNotifications: record.notify === false,
      resumeRef: resumed?.ref ?? null,
      ...(givenParties.length ? { parties: givenParties } : {}),
    });
  } else {
    if (resumed) record = { ...draftToRecord(resumed), ...Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== false)) };
    const r = recordToAnswers(record, env.now, operator);
    if (!r.ok) throw invalidInput(ctx, r.problems);
    answers = r.answers;
    if (resumed) answers = { ...answers, provided: [...new Set([...resumed.answers.provided, ...answers.provided])], resumeRef: resumed.ref, receivedAt: answers.receivedAt };
    if (resumed?.answers.parties?.length && !answers.parties?.length) answers = { ...answers, parties: resumed.answers.parties };
    if (record.all_components) answers = withAllComponents(env, answers);
  }
  const result = await performIntake(env, answers);
  if (json) printJson(ctx, resultJson(result));
  else printHuman(ctx, result);
  const s = await styles(ctx, 'stderr');
  for (const w of result.warnings) writeErr(ctx, s.warn(w));
  return 0;
};

function draftToPrefill(d: DraftRecord): Partial<IntakeAnswers> {
  const { receivedAt, ...rest } = d.answers;
  return { ...rest, receivedAt: receivedAt ? new Date(receivedAt) : null, invalid: [] };
}

function draftToRecord(d: DraftRecord): IntakeRecord {
  const a = d.answers;
  return {
    procedure: a.procedureCode,
    channel: a.channel,
    name: a.applicant.fullName,
    id_number: a.applicant.personalId ?? undefined,
    birth_date: a.applicant.birthDate ?? undefined,
    phone: a.applicant.phone ?? undefined,
    email: a.applicant.email ?? undefined,
    address: a.applicant.address ?? undefined,
    rep_name: a.representative?.fullName,
    rep_id_number: a.representative?.personalId ?? undefined,
    rep_birth_date: a.representative?.birthDate ?? undefined,
    rep_phone: a.representative?.phone ?? undefined,
    delivery: a.delivery.method,
    post_address: a.delivery.address ?? undefined,
    post_zone: a.delivery.zone ?? undefined,
    post_weight: a.delivery.weightGrams === null ? undefined : String(a.delivery.weightGrams),
    sets: String(a.setCount),
  };
}


import { styles } from '../../style.js';
import { type Context, isInteractive, printJson, t, writeErr } from '../../context.js';
import { requireProfile } from '../../config/profile.js';
import { usageError } from '../../errors.js';
import { defaultChannel } from '../../intake/channel.js';
import { componentsFor, timeFor, withCommuneTime } from '../../intake/snapshot.js';
import { type IntakeRecord, type FieldProblem, partiesOf, recordToAnswers } from '../../intake/from-record.js';
import { parseDateTimeInput } from '../../domain/date-input.js';
import { vnDate } from '../../domain/time.js';
import { type IntakeEnv, intakeDraft, openDuplicates, performIntake, type DraftRecord } from '../../intake/receive.js';
import type { IntakeAnswers } from '../../intake/types.js';
import { openStore } from '../../store/index.js';
import type { Handler } from '../types.js';
import { autoNotifyConfig } from '../../workflow/hooks.js';
import { loadCatalogPort } from './catalog-port.js';
import { identityWarnings, type KnownPeople, knownPeopleLoader } from '../../intake/identity-check.js';
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
    case: s(opts.case),
    parties: Array.isArray(opts.party) ? (opts.party as string[]).join(';') : s(opts.party),
    party_qr: Array.isArray(opts.partyQr) ? (opts.partyQr as string[]).join('\n') : s(opts.partyQr),
    organisation: s(opts.organisation),
    tax_code: s(opts.taxCode),
    organisation_address: s(opts.organisationAddress),
  };
}

const FLAG_OF: Record<string, string> = { rep_id_number: '--rep-id-number', rep_birth_date: '--rep-birth-date', rep_name: '--rep-name', rep_phone: '--rep-phone', id_qr: '--id-qr', vneid_level2: '--vneid-level2', parties: '--party', party_qr: '--party-qr' };
export const flagName = (field: string): string => FLAG_OF[field] ?? `--${field.replace(/_/g, '-')}`;

export function invalidInput(ctx: Context, problems: FieldProblem[], name: (f: string) => string = flagName) {
  const text = problems.map((p) => `${name(p.field)}: ${t(ctx, p.message)}`).join('\n  ');
  return usageError('INVALID_INPUT', { vi: 'Dữ liệu không hợp lệ:\n  {text}', en: 'Invalid input:\n  {text}' }, { vars: { text }, details: problems });
}

export async function intakeEnv(ctx: Context): Promise<IntakeEnv & { port: Awaited<ReturnType<typeof loadCatalogPort>>; knownPeople: KnownPeople }> {
  const profile = await requireProfile(ctx);
  const [port, { loadCalendarFor }] = await Promise.all([loadCatalogPort(ctx), import('../../store/overrides.js')]);
  const { calendar } = await loadCalendarFor(ctx);
  const notify = await autoNotifyConfig(ctx, profile);
  // the commune's own time limits (profile procedureTimes) fill what the record leaves empty
  const require = (code: string) => {
    const p = port.require(code);
    return withCommuneTime(p, profile.procedureTimes?.[p.code]);
  };
  const store = await openStore(ctx);
  return { profile, procedure: require, calendar, store, home: ctx.home, lang: ctx.lang, now: ctx.now(), port: { ...port, require }, notify, knownPeople: knownPeopleLoader(store) };
}

/** The channel when none is given (online-only services: the assisted online channel). */
export function channelDefault(env: IntakeEnv): (code: string, receivedAt: Date) => IntakeAnswers['channel'] {
  return (code, receivedAt) => {
    try {
      return defaultChannel(env.procedure(code), receivedAt);
    } catch {
      return 'in-person'; // an unknown procedure is reported by the intake itself
    }
  };
}

/**
 * `--all-components`: every component that applies to the channel (and case) without a special
 * case; of a "one of" group, its first paper (the usual one), never all of the alternatives.
 */
export function withAllComponents(env: IntakeEnv, a: IntakeAnswers): IntakeAnswers {
  const groupsSeen = new Set<string>();
  const all: string[] = [];
  for (const c of componentsFor(env.procedure(a.procedureCode), a.channel, a.variant ?? null)) {
    if (!c.required || (c.group !== undefined && groupsSeen.has(c.group))) continue;
    if (c.group !== undefined) groupsSeen.add(c.group);
    all.push(c.id);
  }
  return { ...a, provided: [...new Set([...a.provided, ...all])] };
}

export const intakeHandler: Handler = async (ctx, { opts }) => {
  if (typeof opts.fromFile === 'string') {
    const { batchIntake } = await import('./batch.js');
    return batchIntake(ctx, opts.fromFile, opts);
  }
  const env = await intakeEnv(ctx);
  const json = Boolean(opts.json);
  const { intakeOperator } = await import('./operator-prompt.js');
  const operator = await intakeOperator(ctx, opts.operator, isInteractive(ctx, { json }));
  let record = flagsToRecord(opts);
  let resumed: DraftRecord | undefined;
  if (typeof opts.resume === 'string') {
    resumed = intakeDraft(await env.store.draft(opts.resume.trim()));
    if (!resumed || resumed.kind !== 'incomplete' || resumed.dossierCode) {
      throw usageError('RESUME_UNKNOWN', { vi: 'Không có lần tiếp nhận chưa đủ giấy tờ nào mã {ref} (hoặc đã tiếp nhận xong).', en: 'No incomplete intake {ref} to resume (or it was already received).' }, { vars: { ref: opts.resume } });
    }
  }
  let answers: IntakeAnswers;
  const shown = new Set<string>();
  if (isInteractive(ctx, { json })) {
    const { askIntake } = await import('./interactive.js');
    const prompter = await ctx.prompter();
    const pre = resumed ? draftToPrefill(resumed) : {};
    const channel = typeof record.channel === 'string' ? record.channel : undefined;
    if (channel && !['in-person', 'postal', 'online'].includes(channel)) {
      throw invalidInput(ctx, [{ field: 'channel', message: { vi: `kênh không hợp lệ "${channel}" (in-person, postal, online)`, en: `invalid channel "${channel}" (in-person, postal, online)` } }]);
    }
    const { givenFromFlags } = await import('./given.js');
    const { given, problems } = givenFromFlags(record, env.now);
    let received: Date | undefined;
    if (typeof record.received_at === 'string') {
      const parsed = parseDateTimeInput(record.received_at);
      if (parsed.ok) received = parsed.value;
      else problems.push({ field: 'received_at', message: { vi: `${parsed.message.vi} (ví dụ 02/03/2026 09:15 hoặc 2026-03-02T09:15+07:00)`, en: `${parsed.message.en} (e.g. 02/03/2026 09:15 or 2026-03-02T09:15+07:00)` } });
    }
    // --party/--party-qr given with the interactive intake fill those parties' prompts
    const givenParties = partiesOf(record, undefined, vnDate(env.now), (field, message) => problems.push({ field, message }));
    if (problems.length > 0) throw invalidInput(ctx, problems);
    const { computeAppointment } = await import('../../domain/calendar/appointment.js');
    const { outsideHoursWarning } = await import('../../intake/hours-warning.js');
    answers = await askIntake(ctx, prompter, {
      catalog: env.port,
      duplicates: async (id, code) => openDuplicates(await env.store.openDossiers(), id, code),
      identityWarnings: async (people) => {
        const ws = await identityWarnings(env.knownPeople, people, ctx.lang);
        for (const w of ws) shown.add(w);
        return ws;
      },
      appointment: (proc, channel, receivedAt) => {
        const time = timeFor(proc, channel);
        if (!time) return null;
        const at = receivedAt ?? ctx.now();
        const appt = computeAppointment({ receivedAt: at, time, cutoff: proc.cutoff, hours: env.profile.counterHours, calendar: env.calendar });
        const w = outsideHoursWarning(at, appt);
        return { dueAt: appt.dueAt, warning: w ? t(ctx, w) : null };
      },
    }, {
      ...pre,
      ...(record.procedure ? { procedureCode: record.procedure as string } : {}),
      ...(channel ? { channel: channel as IntakeAnswers['channel'] } : {}),
      ...(record.case ? { variant: String(record.case) } : {}),
      operator,
      allowDuplicate: record.allow_duplicate === true,
      declineNotifications: record.notify === false,
      resumeRef: resumed?.ref ?? null,
      ...(received ? { receivedAt: received } : {}),
      ...(typeof record.supplement_note === 'string' && record.supplement_note.trim() ? { supplementNote: record.supplement_note.trim() } : {}),
      ...(givenParties.length ? { parties: givenParties } : {}),
    }, given);
  } else {
    if (resumed) record = { ...draftToRecord(resumed), ...Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== false)) };
    const r = recordToAnswers(record, env.now, operator, channelDefault(env));
    if (!r.ok) throw invalidInput(ctx, r.problems);
    answers = r.answers;
    if (resumed) answers = { ...answers, provided: [...new Set([...resumed.answers.provided, ...answers.provided])], resumeRef: resumed.ref, receivedAt: answers.receivedAt };
    if (resumed?.answers.parties?.length && !answers.parties?.length) answers = { ...answers, parties: resumed.answers.parties };
    if (record.all_components) answers = withAllComponents(env, answers);
  }
  // warnings known before the receipt is written go to the counter first (not with --json: there
  // they are in `warnings`)
  const s = await styles(ctx, 'stderr');
  const warn = json ? undefined : (w: string) => {
    if (!shown.has(w)) writeErr(ctx, s.warn(w));
    shown.add(w);
  };
  const result = await performIntake({ ...env, ...(warn ? { warn } : {}) }, answers);
  if (json) printJson(ctx, resultJson(result));
  else printHuman(ctx, result);
  for (const w of result.warnings) if (!shown.has(w)) writeErr(ctx, s.warn(w));
  // --print [NAME] / --open: the dossier is saved; a printer that fails is exit 1, the PDF stays
  const doc = result.documents[0]?.path;
  if (doc && ((opts.print !== undefined && opts.print !== false) || opts.open)) {
    const { sendOut } = await import('../../print/send.js');
    await sendOut(ctx, doc, { printer: opts.print, open: opts.open });
  }
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
    case: a.variant ?? undefined,
    organisation: a.organisation?.name,
    tax_code: a.organisation?.taxCode ?? undefined,
    organisation_address: a.organisation?.address ?? undefined,
  };
}


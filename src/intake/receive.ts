import { TEXT_LIMITS, tooLong } from '../domain/limits.js';
import type { Profile } from '../config/profile.js';
import { computeAppointment } from '../domain/calendar/appointment.js';
import type { WorkingCalendar } from '../domain/calendar/types.js';
import { applyAction } from '../domain/dossier/apply.js';
import { allocated, allocationKeys, receiveDossier } from '../domain/dossier/create.js';
import { dayKey } from '../domain/dossier/code.js';
import { derive, isClosed } from '../domain/dossier/status.js';
import type { Dossier } from '../domain/dossier/types.js';
import { toVnIso, vnDate } from '../domain/time.js';
import { rulesInForce } from '../documents/rules.js';
import { failure, usageError } from '../errors.js';
import { type Lang, tr } from '../i18n/index.js';
import type { Store, StoreTx } from '../store/port.js';
import type { Draft } from '../store/records.js';
import type { NotifyConfig } from '../notify/config.js';
import { queueAuto } from '../workflow/hooks.js';
import { outsideHoursWarning } from './hours-warning.js';
import { identityWarnings, type KnownPeople, knownPeopleLoader } from './identity-check.js';
import { postalQuote } from './postal-quote.js';
import { keepDocument, receiptModelFor, refusalModelFor, supplementModelFor, writeDocument } from './documents.js';
import { checkCase } from './case.js';
import { assertChannelAllowed } from './channel.js';
import { evaluateChecklist, unknownComponentIds } from './evaluate.js';
import { checkOrganisationAllowed } from './organisation.js';
import { resolveParties } from './parties.js';
import { snapshotProcedure, type ProcedureLike } from './snapshot.js';
import type { IntakeAnswers, IntakeResult, MissingItem } from './types.js';

export interface IntakeEnv {
  profile: Profile;
  procedure(code: string): ProcedureLike;
  calendar: WorkingCalendar;
  store: Store;
  home: string;
  lang: Lang;
  now: Date;
  /** Auto-notification settings (profile notify.auto), or null. */
  notify?: NotifyConfig | null;
  /** People of earlier dossiers, for the same-ID-other-name warning (shared by a batch). */
  knownPeople?: KnownPeople;
  /** Called with each warning known before anything is written or printed (the counter sees it first). */
  warn?: (text: string) => void;
}

/** A kept incomplete or refused intake (a store draft): enough to resume and to print again. */
export interface DraftRecord {
  ref: string;
  kind: 'incomplete' | 'refused';
  procedureName: string;
  number: string | null;
  createdAt: string;
  updatedAt: string;
  operator: string;
  answers: Omit<IntakeAnswers, 'receivedAt'> & { receivedAt: string | null };
  missing: MissingItem[];
  reasons: string[];
  documents: { form: '02' | '03'; path: string; at: string; reprint?: boolean }[];
  /** The dossier it became, once resumed complete. */
  dossierCode: string | null;
}

/** Open dossiers of the same person for the same procedure. */
export function openDuplicates(open: readonly Dossier[], personalId: string | null, procedureCode: string): string[] {
  if (!personalId) return [];
  return open
    .filter((d) => d.procedure.code === procedureCode && d.applicant.personalId === personalId && !isClosed(derive(d).status))
    .map((d) => d.code);
}

export function duplicateError(codes: string[]) {
  return failure('DUPLICATE_OPEN_DOSSIER', {
    vi: 'Người này đang có hồ sơ mở cho cùng thủ tục: {codes}.',
    en: 'This person already has an open dossier for the same procedure: {codes}.',
  }, { vars: { codes: codes.join(', ') }, hint: { vi: 'Kiểm tra lại; nếu vẫn tiếp nhận, thêm --allow-duplicate.', en: 'Check it; to receive anyway add --allow-duplicate.' } });
}

/** The counters of a reference (`HD`/`TC` + day) and of its form's number (per prefix and year). */
function refKeys(prefix: 'HD' | 'TC', at: Date): { sequence: string; register: string } {
  return { sequence: `${prefix}${dayKey(at)}`, register: `${prefix}-${vnDate(at).slice(0, 4)}` };
}

function formatRef(prefix: 'HD' | 'TC', at: Date, seq: number, n: number): { ref: string; number: string } {
  return { ref: `${prefix}-${dayKey(at)}-${String(seq).padStart(4, '0')}`, number: `${String(n).padStart(2, '0')}/${prefix === 'HD' ? 'HDHS' : 'TCHS'}` };
}

/** The next reference and form number, drawn in the transaction that keeps the record. */
export async function nextRefTx(t: Pick<StoreTx, 'nextNumber'>, prefix: 'HD' | 'TC', at: Date): Promise<{ ref: string; number: string }> {
  const k = refKeys(prefix, at);
  const seq = await t.nextNumber('sequence', k.sequence);
  return formatRef(prefix, at, seq, await t.nextNumber('register', k.register));
}

/** A draft that is a kept intake (not an apology letter). */
export function intakeDraft(d: Draft | undefined): DraftRecord | undefined {
  return d && (d.kind === 'incomplete' || d.kind === 'refused') ? d : undefined;
}

/**
 * Receive, guide or refuse, in one transaction under the store lock: the code (or reference) is
 * allocated, the PDF written and the record saved together; if anything fails nothing is saved.
 */
/** Every free-text answer within its limit (issue 13 §7), whichever way it came in (flags, batch file, prompts). */
function checkAnswerLengths(a: IntakeAnswers): void {
  const L = TEXT_LIMITS;
  const fields: [string, string | null | undefined, number][] = [
    ['name', a.applicant.fullName, L.name], ['address', a.applicant.address, L.address], ['email', a.applicant.email, L.email],
    ['rep_name', a.representative?.fullName, L.name], ['organisation', a.organisation?.name, 200], ['organisation_address', a.organisation?.address, L.address], ['rep_address', a.representative?.address, L.address],
    ['post_address', a.delivery.address, L.address], ['refuse', a.refuseReason, L.note], ['supplement_note', a.supplementNote, L.note],
    ['operator', a.operator, L.operator], ...a.invalid.map((x): [string, string, number] => [`invalid ${x.id}`, x.reason, L.note]),
  ];
  for (const [label, value, max] of fields) {
    const m = value ? tooLong(label, value, max) : undefined;
    if (m) throw usageError('TEXT_TOO_LONG', m);
  }
}

export async function performIntake(env: IntakeEnv, a: IntakeAnswers): Promise<IntakeResult> {
  checkAnswerLengths(a);
  const L = (m: { vi: string; en: string }) => tr(env.lang, m);
  const proc = env.procedure(a.procedureCode);
  const receivedAt = a.receivedAt ?? env.now;
  assertChannelAllowed(proc, a.channel, receivedAt);
  const snap = snapshotProcedure(proc, a.channel, checkCase(proc, a.variant ?? null));
  const unknown = unknownComponentIds(snap, [...a.provided, ...a.conditionsYes, ...a.invalid.map((x) => x.id)]);
  if (unknown.length > 0) {
    throw usageError('COMPONENT_UNKNOWN', { vi: '--components: thủ tục {code} (kênh {channel}) không có thành phần: {ids}', en: '--components: procedure {code} ({channel}) has no component: {ids}' }, {
      vars: { code: snap.code, channel: a.channel, ids: unknown.join(', ') },
      hint: { vi: `Các mã hợp lệ: ${snap.components.map((c) => c.id).join(', ')}`, en: `Valid ids: ${snap.components.map((c) => c.id).join(', ')}` },
    });
  }
  const rules = rulesInForce(vnDate(receivedAt));
  const warnings: string[] = [];
  const orgWarning = checkOrganisationAllowed(proc, a.organisation);
  if (orgWarning) {
    warnings.push(L(orgWarning));
    env.warn?.(L(orgWarning));
  }
  const org = a.organisation ?? null;
  const known = (env.knownPeople ??= knownPeopleLoader(env.store));
  for (const w of await identityWarnings(known, [a.applicant, a.representative], env.lang)) {
    warnings.push(w);
    env.warn?.(w);
  }
  const ev = evaluateChecklist(snap, a, L);
  const outcome = a.refuseReason ? 'refused' : ev.complete ? 'received' : 'incomplete';
  const parties = resolveParties(snap.code, proc.parties, a.parties, outcome === 'received');

  if (outcome === 'received') {
    if (!snap.processingTime) {
      throw usageError('PROCESSING_TIME_UNKNOWN', {
        vi: 'Danh mục không ghi thời hạn giải quyết của thủ tục {code}: không thể tính ngày hẹn trả.',
        en: 'The catalogue gives no processing time for {code}: the appointment cannot be computed.',
      }, { vars: { code: snap.code }, hint: { vi: 'Xã đặt thời hạn trong config.json, mục "procedureTimes" (ví dụ "{code}": {"value": 0, "unit": "working-days", "cutoff": "15:00"}), xem docs/catalog.md.', en: 'The commune sets it in config.json under "procedureTimes" (e.g. "{code}": {"value": 0, "unit": "working-days", "cutoff": "15:00"}); see docs/catalog.md.' } });
    }
    const appt = computeAppointment({ receivedAt, time: snap.processingTime, cutoff: snap.cutoff, cutoffRule: snap.cutoffRule, hours: env.profile.counterHours, calendar: env.calendar });
    warnings.push(...env.calendar.warnings([Number(vnDate(receivedAt).slice(0, 4)), Number(vnDate(appt.dueAt).slice(0, 4))], env.lang));
    const hours = outsideHoursWarning(receivedAt, appt);
    if (hours) {
      warnings.push(L(hours));
      env.warn?.(L(hours));
    }
    const { renderReceipt } = await import('../documents/form01-receipt.js');
    let kept: { file: string; pdf: Buffer; code: string } | undefined;
    const result = await env.store.tx(async (t) => {
      // the day's number first: it locks the day's counter, so a desk receiving at the same moment
      // waits here and then sees the other's dossier (a duplicate check before it would not: both
      // would pass); a refusal gives the number back
      const keys = allocationKeys(receivedAt, env.profile.register.book);
      const seq = await t.nextNumber('sequence', keys.day);
      const dups = openDuplicates(await t.openDossiers(), a.applicant.personalId, snap.code);
      if (dups.length > 0 && !a.allowDuplicate) throw duplicateError(dups);
      const { code, register } = allocated(env.profile.commune.agencyCode, receivedAt, keys.book, seq, await t.nextNumber('register', keys.book));
      let d: Dossier = receiveDossier({
        code,
        register,
        procedure: snap,
        applicant: a.applicant,
        organisation: org,
        representative: a.representative,
        parties,
        channel: a.channel,
        delivery: { method: a.delivery.method, address: a.delivery.address },
        checklist: ev.lines,
        receivedAt,
        recordedAt: env.now,
        dueAt: appt.dueAt,
        operator: a.operator,
        possibleDuplicate: dups.length > 0,
        extra: {
          effectiveStart: toVnIso(appt.effectiveStart),
          ...(appt.rolledOver ? { rolledOver: appt.reason } : {}),
          ...(a.declineNotifications ? { notificationsDeclined: true } : {}),
          ...(a.vneidLevel2 !== null ? { vneidLevel2: a.vneidLevel2 } : {}),
          ...(a.delivery.method === 'post' ? { postal: postalQuote(a.delivery.zone, a.delivery.weightGrams) } : {}),
          ...(a.resumeRef ? { resumedFrom: a.resumeRef } : {}),
          setCount: a.setCount,
        },
      });
      const pdf = await renderReceipt(receiptModelFor(env.profile, d, rules, a.setCount));
      const file = await writeDocument(env.home, code, receivedAt, '01', pdf);
      d = applyAction(d, 'printed', { at: env.now, operator: a.operator, data: { form: '01', path: file } }).dossier;
      kept = { file, pdf, code };
      await t.putDossier(d);
      known.add(d);
      const notify = env.notify ?? null;
      if (notify) await queueAuto(t, d, 'received', notify, env.now, a.operator);
      const resumed = a.resumeRef ? intakeDraft(await t.draft(a.resumeRef)) : undefined;
      if (resumed) await t.putDraft({ ...resumed, dossierCode: code, updatedAt: toVnIso(env.now) });
      return {
        outcome,
        code,
        procedureCode: snap.code,
        procedureName: snap.name,
        receivedAt: d.receivedAt,
        dueAt: d.dueAt,
        applicant: { fullName: a.applicant.fullName, personalId: a.applicant.personalId, phone: a.applicant.phone, email: a.applicant.email },
        applicantKind: org ? 'organisation' : 'citizen',
        organisation: org,
        ...(parties.length ? { parties: parties.map((x) => ({ role: x.role, label: x.label, fullName: x.person.fullName, personalId: x.person.personalId, birthDate: x.person.birthDate })) } : {}),
        missing: [],
        documents: [{ form: '01', path: file }],
        warnings,
        possibleDuplicate: dups.length > 0,
      } satisfies IntakeResult;
    });
    if (kept) await keepDocument(env.store.files, env.home, kept.file, kept.pdf, kept.code);
    return result;
  }

  // incomplete (Mẫu 02) or refused (Mẫu 03): a kept record with a reference, no dossier code
  const form = outcome === 'refused' ? ('03' as const) : ('02' as const);
  const render = form === '03' ? (await import('../documents/form03-refusal.js')).renderRefusal : undefined;
  const renderSup = form === '02' ? (await import('../documents/form02-supplement.js')).renderSupplement : undefined;
  let kept: { file: string; pdf: Buffer; ref: string } | undefined;
  const result = await env.store.tx(async (t) => {
    const prior = a.resumeRef ? intakeDraft(await t.draft(a.resumeRef)) : undefined;
    const { ref, number } = prior && prior.kind === 'incomplete' && form === '02' ? { ref: prior.ref, number: (await nextRefTx(t, 'HD', receivedAt)).number } : await nextRefTx(t, form === '02' ? 'HD' : 'TC', receivedAt);
    const common = { rules, ref, procedureCode: snap.code, procedureName: snap.name, applicant: a.applicant, organisation: org, operator: a.operator, issuedAt: env.now };
    const pdf = renderSup
      ? await renderSup(supplementModelFor(env.profile, { ...common, number, missing: ev.missing, note: a.supplementNote }))
      : await render!(refusalModelFor(env.profile, { ...common, representative: a.representative, reasons: [a.refuseReason ?? ''] }));
    const version = prior?.documents.filter((x) => x.form === form).length ?? 0;
    const file = await writeDocument(env.home, ref, env.now, form, pdf, version);
    kept = { file, pdf, ref };
    const record: DraftRecord = {
      ref,
      kind: form === '02' ? 'incomplete' : 'refused',
      procedureName: snap.name,
      number,
      createdAt: prior?.createdAt ?? toVnIso(env.now),
      updatedAt: toVnIso(env.now),
      operator: a.operator,
      answers: { ...a, receivedAt: a.receivedAt ? toVnIso(a.receivedAt) : null, resumeRef: null },
      missing: ev.missing,
      reasons: a.refuseReason ? [a.refuseReason] : [],
      documents: [...(prior?.documents ?? []), { form, path: file, at: toVnIso(env.now) }],
      dossierCode: null,
    };
    await t.putDraft(record);
    return {
      outcome,
      code: ref,
      procedureCode: snap.code,
      procedureName: snap.name,
      receivedAt: null,
      dueAt: null,
      applicant: { fullName: a.applicant.fullName, personalId: a.applicant.personalId, phone: a.applicant.phone, email: a.applicant.email },
      applicantKind: org ? 'organisation' : 'citizen',
      organisation: org,
      missing: ev.missing,
      documents: [{ form, path: file }],
      warnings,
      possibleDuplicate: false,
    } satisfies IntakeResult;
  });
  if (kept) await keepDocument(env.store.files, env.home, kept.file, kept.pdf, kept.ref);
  return result;
}

import path from 'node:path';
import { type Context, isInteractive, printJson, t, writeErr, writeOut } from '../../context.js';
import { checkGuidance, GUIDANCE_INPUT_KEYS, type GuidanceDraft, type GuidanceInput, type GuidanceProblem } from '../../domain/guidance/check.js';
import type { GuidanceRecord } from '../../domain/guidance/types.js';
import { usageError } from '../../errors.js';
import type { Msg } from '../../i18n/index.js';
import { formatStamp } from '../format.js';
import type { Handler } from '../types.js';
import { KIND_TEXT } from './labels.js';
import { guideEnv, invalidGuidance, linkDossier, memberLookup, saveGuidance } from './save.js';
import { writeGuideSession } from './session.js';

/** Flags → the flat shape shared with batch files. `--kind` may be repeated or a comma list. */
export function flagsToInput(opts: Record<string, unknown>): GuidanceInput {
  const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const kinds = Array.isArray(opts.kind) ? (opts.kind as string[]).join(',') : s(opts.kind);
  return {
    kind: kinds || undefined, name: s(opts.name), phone: s(opts.phone), id: s(opts.id), id_qr: s(opts.idQr), procedure: s(opts.procedure),
    dossier: s(opts.dossier), note: s(opts.note), member: s(opts.member), minutes: s(opts.minutes), at: s(opts.at),
  };
}

/** The documented `--json` shape of one record (docs/json-output.md). */
export function recordJson(r: GuidanceRecord) {
  return { id: r.id, at: r.at, kinds: r.kinds, member: r.member, citizen: r.citizen, procedure: r.procedure, dossier: r.dossier, minutes: r.minutes, note: r.note, desk: r.desk ?? null };
}

export function recordLine(ctx: Pick<Context, 'lang'>, r: GuidanceRecord): string {
  const who = r.citizen.fullName ?? r.citizen.phone ?? t(ctx, { vi: '(không ghi tên)', en: '(no name)' });
  return [`${r.id}  ${formatStamp(r.at)}`, r.kinds.join(', '), who, r.procedure ?? '—', r.dossier ?? '', r.minutes ? `${r.minutes}'` : '', r.member].filter(Boolean).join(' · ');
}

function printSaved(ctx: Context, recs: GuidanceRecord[], json: boolean, single: boolean): void {
  if (json) printJson(ctx, single ? { schemaVersion: 1, record: recordJson(recs[0]!) } : { schemaVersion: 1, records: recs.map(recordJson) });
  else for (const r of recs) writeOut(ctx, recordLine(ctx, r));
  if (!json) writeErr(ctx, t(ctx, { vi: 'Đã ghi {n} lượt hỗ trợ.', en: '{n} guidance record(s) saved.' }, { n: recs.length }));
}

export const guideHandler: Handler = async (ctx, { opts }) => {
  const json = Boolean(opts.json);
  const warn = (m: Msg) => writeErr(ctx, t(ctx, m));
  if (typeof opts.fromFile === 'string') return guideBatch(ctx, opts.fromFile, opts, json, warn);
  const env = await guideEnv(ctx);
  const input = flagsToInput(opts);
  let draft: GuidanceDraft;
  if (isInteractive(ctx, { json }) && !input.kind) {
    const { askGuidance } = await import('./interactive.js');
    draft = await askGuidance(ctx, env, input);
  } else {
    const r = checkGuidance(input, { now: ctx.now(), member: memberLookup(ctx, input.member), procedure: env.procedure });
    if (!r.ok) throw invalidGuidance(ctx.lang, r.problems);
    const problems: GuidanceProblem[] = [];
    draft = await linkDossier(env, r.draft, problems, warn);
    if (problems.length) throw invalidGuidance(ctx.lang, problems);
  }
  const recs = await saveGuidance(env.store, [draft]);
  await writeGuideSession(ctx.home, ctx.now(), { kinds: draft.kinds, procedure: draft.procedure, minutes: draft.minutes }).catch(() => undefined);
  printSaved(ctx, recs, json, true);
  return 0;
};

/** `--from-file`: every row is checked first; one bad row is exit 2 and nothing is written. */
async function guideBatch(ctx: Context, file: string, opts: Record<string, unknown>, json: boolean, warn: (m: Msg) => void): Promise<number> {
  const { readBatch } = await import('../intake/batch.js');
  const rows = await readBatch(path.resolve(ctx.cwd, file), new Set([...GUIDANCE_INPUT_KEYS, 'kinds']));
  if (rows.length === 0) throw usageError('BATCH_EMPTY', { vi: 'Tệp {file} không có dòng nào.', en: 'The file {file} has no rows.' }, { vars: { file } });
  const env = await guideEnv(ctx);
  const problems: (GuidanceProblem & { line: number })[] = [];
  const drafts: GuidanceDraft[] = [];
  for (const row of rows) {
    if (row.record === null) {
      problems.push({ line: row.line, field: 'kind', message: { vi: 'dòng không phải đối tượng JSON', en: 'the line is not a JSON object' } });
      continue;
    }
    const rec = row.record as GuidanceInput & { kinds?: string };
    const input: GuidanceInput = { ...rec, kind: rec.kind ?? rec.kinds };
    const r = checkGuidance(input, { now: ctx.now(), member: memberLookup(ctx, input.member ?? opts.member), procedure: env.procedure });
    if (!r.ok) {
      problems.push(...r.problems.map((p) => ({ ...p, line: row.line })));
      continue;
    }
    const mine: GuidanceProblem[] = [];
    drafts.push(await linkDossier(env, r.draft, mine, warn));
    problems.push(...mine.map((p) => ({ ...p, line: row.line })));
  }
  if (problems.length) throw invalidGuidance(ctx.lang, problems);
  printSaved(ctx, await saveGuidance(env.store, drafts), json, false);
  return 0;
}

import path from 'node:path';
import { type Context, printNdjson, t, writeErr } from '../../context.js';
import { isGovDeskError, usageError } from '../../errors.js';
import { RECORD_KEYS, type IntakeRecord, recordToAnswers, yesNo } from '../../intake/from-record.js';
import { performIntake } from '../../intake/receive.js';
import { operatorName } from '../../store/index.js';
import { readRegularFile } from '../input-file.js';
import { channelDefault, intakeEnv, withAllComponents } from './handler.js';
import { resultJson } from './output.js';

export interface BatchRow {
  /** Line number in the file (CSV: the header is line 1). */
  line: number;
  /** null: the line is not an object (reported for that line). */
  record: IntakeRecord | null;
}

const KEYS = new Set<string>(RECORD_KEYS);

function toRecord(raw: Record<string, unknown>, keys: ReadonlySet<string> = KEYS): IntakeRecord {
  const rec: Record<string, string | boolean> = {};
  for (const [k, v] of Object.entries(raw)) {
    const key = k.trim().toLowerCase().replace(/[\s-]+/g, '_');
    if (!keys.has(key) || v === null || v === undefined) continue;
    rec[key] = typeof v === 'boolean' ? v : Array.isArray(v) ? v.join(',') : String(v);
  }
  return rec as IntakeRecord;
}

/** Read JSON (an array), NDJSON or CSV (UTF-8, with or without BOM); `keys`: the columns kept (`guide --from-file` has its own). */
export async function readBatch(file: string, keys: ReadonlySet<string> = KEYS): Promise<BatchRow[]> {
  const text = (await readRegularFile(file, '--from-file')).toString('utf8').replace(/^\uFEFF/, '');
  const ext = path.extname(file).toLowerCase();
  const trimmed = text.trimStart();
  if (ext === '.csv' || (!trimmed.startsWith('[') && !trimmed.startsWith('{'))) {
    const { parse } = await import('csv-parse/sync');
    let rows: Record<string, string>[];
    try {
      rows = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as Record<string, string>[];
    } catch (e) {
      throw usageError('BATCH_INVALID', { vi: 'Tệp CSV {file} không đọc được: {err}', en: 'The CSV file {file} cannot be read: {err}' }, { vars: { file, err: (e as Error).message } });
    }
    return rows.map((r, i) => ({ line: i + 2, record: toRecord(r, keys) }));
  }
  if (trimmed.startsWith('[')) {
    let arr: unknown;
    try {
      arr = JSON.parse(text);
    } catch (e) {
      throw usageError('BATCH_INVALID', { vi: 'Tệp JSON {file} không hợp lệ: {err}', en: 'The JSON file {file} is not valid: {err}' }, { vars: { file, err: (e as Error).message } });
    }
    return (arr as unknown[]).map((r, i) => ({ line: i + 1, record: typeof r === 'object' && r !== null ? toRecord(r as Record<string, unknown>, keys) : null }));
  }
  const rows: BatchRow[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (!l.trim()) return;
    try {
      rows.push({ line: i + 1, record: toRecord(JSON.parse(l) as Record<string, unknown>, keys) });
    } catch {
      rows.push({ line: i + 1, record: null });
    }
  });
  return rows;
}

/** Each record is validated and processed on its own; a bad one does not stop the others. */
export async function batchIntake(ctx: Context, file: string, opts: Record<string, unknown>): Promise<number> {
  const rows = await readBatch(path.resolve(ctx.cwd, file));
  const env = await intakeEnv(ctx);
  let failed = 0;
  let ok = 0;
  for (const row of rows) {
    try {
      const record = row.record;
      if (!record) throw usageError('BATCH_RECORD_INVALID', { vi: 'dòng không phải đối tượng JSON', en: 'the line is not a JSON object' });
      // each row may name its operator; a row that names none takes the flag, env, session or default
      const rowOperator = typeof record.operator === 'string' && record.operator.trim() ? record.operator : opts.operator;
      const r = recordToAnswers({ ...record, ...(opts.allowDuplicate ? { allow_duplicate: true } : {}) }, ctx.now(), operatorName(ctx, rowOperator), channelDefault(env));
      if (!r.ok) {
        throw usageError('INVALID_INPUT', { vi: '{text}', en: '{text}' }, { vars: { text: r.problems.map((p) => `${p.field}: ${t(ctx, p.message)}`).join('; ') } });
      }
      const answers = yesNo(record.all_components) === true ? withAllComponents(env, r.answers) : r.answers;
      const result = await performIntake({ ...env, now: ctx.now() }, answers);
      ok++;
      if (opts.json) printNdjson(ctx, { ...resultJson(result), line: row.line, ok: true });
      else writeErr(ctx, `${t(ctx, { vi: 'dòng', en: 'line' })} ${row.line}: ${result.outcome} ${result.code}`);
    } catch (e) {
      if (!isGovDeskError(e)) throw e;
      failed++;
      const msg = e.render(ctx.lang).message;
      if (opts.json) printNdjson(ctx, { schemaVersion: 1, line: row.line, ok: false, error: { code: e.code, message: msg } });
      writeErr(ctx, `${t(ctx, { vi: 'dòng', en: 'line' })} ${row.line}: ${msg}`);
    }
  }
  writeErr(ctx, t(ctx, { vi: '{ok} bản ghi xử lý xong, {failed} lỗi.', en: '{ok} records done, {failed} failed.' }, { ok, failed }));
  return failed > 0 ? 1 : 0;
};

import type pg from 'pg';
import { derive, isClosed, nextStatus, type Status } from '../../domain/dossier/status.js';
import type { Dossier } from '../../domain/dossier/types.js';
import type { GuidanceRecord } from '../../domain/guidance/types.js';
import { peopleOf } from '../../domain/identity-conflict.js';
import { foldForSearch } from '../../domain/text.js';
import { duplicateKey } from '../embedded.js';
import type { LoadTx } from '../load.js';
import { type CounterKind, type Draft, isPending, type OutboxEntry, type OutboxFilter, type OutboxKind, type OutboxOf, outboxKey } from '../records.js';
import { maxSeq, stampDesk } from '../stamp.js';

/** One query on a client (errors already typed by the store: DB_UNREACHABLE, DB_ERROR, …). */
export type Query = <R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;

export const COUNTER_TABLE: Record<CounterKind, string> = { sequence: 'gov_desk.sequence_counters', register: 'gov_desk.register_counters' };
const COUNTER_KEY: Record<CounterKind, string> = { sequence: 'key', register: 'book' };

const json = (v: unknown): string => JSON.stringify(v ?? null);

/** An ISO time stamp for a timestamptz column, or null when the text is not one. */
function ts(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** When the dossier last became closed (its archive time), or null while open. */
function closedAt(d: Dossier): string | null {
  let status: Status = 'received';
  let at: string | null = null;
  for (const e of d.events) {
    const next = nextStatus(status, e);
    if (isClosed(next) && !isClosed(status)) at = e.at;
    else if (!isClosed(next)) at = null;
    status = next;
  }
  return isClosed(derive(d).status) ? (ts(at) ?? ts(d.receivedAt)) : null;
}

const UPSERT_DOSSIER = `
WITH up AS (
  INSERT INTO gov_desk.dossiers (code, procedure_code, procedure_version, received_at, due_at, register_book, register_number, applicant_name,
    applicant_search, status, closed_at, document, created_by_operator, created_by_desk, received_year)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15)
  ON CONFLICT (code) DO UPDATE SET procedure_code = EXCLUDED.procedure_code, procedure_version = EXCLUDED.procedure_version,
    received_at = EXCLUDED.received_at, due_at = EXCLUDED.due_at, register_book = EXCLUDED.register_book, register_number = EXCLUDED.register_number,
    applicant_name = EXCLUDED.applicant_name, applicant_search = EXCLUDED.applicant_search, status = EXCLUDED.status,
    closed_at = EXCLUDED.closed_at, document = EXCLUDED.document, received_year = EXCLUDED.received_year
  RETURNING code
), ev AS (
  INSERT INTO gov_desk.dossier_events (dossier_code, seq, type, at, operator, desk, idempotency_key, data)
  SELECT $1, e.seq, e.type, e.at, e.operator, e.desk, e.key, coalesce(e.data, '{}'::jsonb)
  FROM jsonb_to_recordset($16::jsonb) AS e(seq integer, type text, at timestamptz, operator text, desk text, key text, data jsonb)
  ON CONFLICT DO NOTHING
), gone AS (
  DELETE FROM gov_desk.dossier_people WHERE dossier_code = $1
)
INSERT INTO gov_desk.dossier_people (dossier_code, personal_id, full_name, birth_date)
SELECT $1, p.id, p.name, p.birth FROM jsonb_to_recordset($17::jsonb) AS p(id text, name text, birth text)`;

/**
 * Save a dossier: the document, the columns cached from it (status and closed_at from derive():
 * a closed dossier is an archived one), its events above `held` into the append-only
 * dossier_events, and its people into the identity index. One statement: all or nothing.
 */
export async function writeDossier(q: Query, d: Dossier, held: number, desk: string): Promise<void> {
  const events = d.events.filter((e) => e.seq > held).map((e) => ({ seq: e.seq, type: e.type, at: ts(e.at) ?? ts(d.receivedAt), operator: e.operator ?? '', desk: e.desk ?? null, key: e.key ?? null, data: e.data ?? {} }));
  const people = peopleOf(d).map((p) => ({ id: p.personalId, name: p.fullName, birth: p.birthDate }));
  const search = foldForSearch(`${d.applicant.fullName} ${d.applicant.personalId ?? ''}`).trim();
  await q(UPSERT_DOSSIER, [
    d.code, d.procedure.code, d.procedure.version, ts(d.receivedAt) ?? new Date(0).toISOString(), ts(d.dueAt), d.register.book, d.register.number,
    d.applicant.fullName, search, derive(d).status, closedAt(d), json(d), d.operator, d.events[0]?.desk ?? desk, Number(d.receivedAt.slice(0, 4)) || 0,
    json(events), json(people),
  ]);
}

/** The WHERE clause of an outbox filter (numbered from $2; $1 is the kind). */
export function outboxWhere(kind: OutboxKind, f: OutboxFilter | undefined): { where: string; params: unknown[] } {
  const params: unknown[] = [kind];
  const parts = ['kind = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    parts.push(sql.replace('?', `$${params.length}`));
  };
  if (f?.codes) add('dossier_code = ANY(?)', [...f.codes]);
  if (f?.ids) add('id = ANY(?)', [...f.ids]);
  if (f?.keys) add(`kind = 'notify' AND idempotency_key = ANY(?)`, [...f.keys]);
  if (f?.pending !== undefined) add('pending = ?', f.pending);
  return { where: parts.join(' AND '), params };
}

export class PgTx implements LoadTx {
  /** Highest event seq of each dossier as the store held it (events above it are this desk's). */
  private readonly heldSeq = new Map<string, number>();
  constructor(private readonly q: Query, private readonly desk: string) {}

  async dossier(code: string): Promise<Dossier | undefined> {
    const d = (await this.q<{ document: Dossier }>('SELECT document FROM gov_desk.dossiers WHERE code = $1 FOR UPDATE', [code])).rows[0]?.document;
    if (d && !this.heldSeq.has(code)) this.heldSeq.set(code, maxSeq(d));
    return d;
  }
  async openDossiers(): Promise<Dossier[]> {
    return (await this.q<{ document: Dossier }>('SELECT document FROM gov_desk.dossiers WHERE closed_at IS NULL ORDER BY received_at, code')).rows.map((r) => r.document);
  }
  async putDossier(d: Dossier): Promise<void> {
    let held = this.heldSeq.get(d.code);
    if (held === undefined) {
      // not loaded in this transaction: what is stored now (locked), or nothing for a new dossier
      const r = await this.q<{ m: number | null }>(`SELECT (SELECT max((e->>'seq')::integer) FROM jsonb_array_elements(document->'events') e) AS m FROM gov_desk.dossiers WHERE code = $1 FOR UPDATE`, [d.code]);
      held = r.rows[0]?.m ?? 0;
    }
    const stamped = stampDesk(d, this.desk, held);
    await writeDossier(this.q, stamped, held, this.desk);
    this.heldSeq.set(d.code, maxSeq(stamped));
  }
  async putCopied(d: Dossier): Promise<void> {
    await writeDossier(this.q, d, 0, this.desk);
  }
  async heldCodes(codes: readonly string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    return new Set((await this.q<{ code: string }>('SELECT code FROM gov_desk.dossiers WHERE code = ANY($1)', [[...codes]])).rows.map((r) => r.code));
  }
  async heldGuidance(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    return new Set((await this.q<{ id: string }>('SELECT id FROM gov_desk.guidance WHERE id = ANY($1)', [[...ids]])).rows.map((r) => r.id));
  }
  async nextNumber(counter: CounterKind, key: string): Promise<number> {
    const t = COUNTER_TABLE[counter];
    const r = await this.q<{ v: number }>(`INSERT INTO ${t} (${COUNTER_KEY[counter]}, last_value) VALUES ($1, 1) ON CONFLICT (${COUNTER_KEY[counter]}) DO UPDATE SET last_value = ${t}.last_value + 1 RETURNING last_value AS v`, [key]);
    return r.rows[0]!.v;
  }
  async raiseNumber(counter: CounterKind, key: string, n: number): Promise<void> {
    await this.raiseTo(counter, key, n);
  }
  async raiseTo(counter: CounterKind, key: string, n: number): Promise<boolean> {
    const t = COUNTER_TABLE[counter];
    const r = await this.q(`INSERT INTO ${t} (${COUNTER_KEY[counter]}, last_value) VALUES ($1, $2) ON CONFLICT (${COUNTER_KEY[counter]}) DO UPDATE SET last_value = EXCLUDED.last_value WHERE ${t}.last_value < EXCLUDED.last_value`, [key, n]);
    return (r.rowCount ?? 0) > 0;
  }
  async draft(ref: string): Promise<Draft | undefined> {
    return (await this.q<{ content: Draft }>('SELECT content FROM gov_desk.drafts WHERE id = $1 FOR UPDATE', [ref])).rows[0]?.content;
  }
  async drafts(): Promise<Draft[]> {
    return (await this.q<{ content: Draft }>('SELECT content FROM gov_desk.drafts ORDER BY created_at, id')).rows.map((r) => r.content);
  }
  async putDraft(d: Draft): Promise<void> {
    const operator = 'operator' in d ? d.operator : '';
    await this.q(
      `INSERT INTO gov_desk.drafts (id, kind, operator, desk, content) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, operator = EXCLUDED.operator, content = EXCLUDED.content, updated_at = now()`,
      [d.ref, d.kind, operator, this.desk, json(d)],
    );
  }
  async outbox<K extends OutboxKind>(kind: K, filter?: OutboxFilter & { claim?: boolean }): Promise<OutboxOf<K>[]> {
    const { where, params } = outboxWhere(kind, filter);
    const lock = filter?.claim ? 'FOR UPDATE SKIP LOCKED' : 'FOR UPDATE';
    return (await this.q<{ entry: OutboxOf<K> }>(`SELECT entry FROM gov_desk.outbox WHERE ${where} ORDER BY seq ${lock}`, params)).rows.map((r) => r.entry);
  }
  async putOutbox(e: OutboxEntry): Promise<void> {
    const key = outboxKey(e);
    const code = e.kind === 'notify' ? e.dossier : e.code;
    const args = [e.kind, e.id, key, code, isPending(e), json(e)];
    const update = () =>
      this.q(`UPDATE gov_desk.outbox SET idempotency_key = $3, dossier_code = $4, pending = $5, entry = $6::jsonb, updated_at = now() WHERE kind = $1 AND id = $2`, args);
    if ((await update()).rowCount) return;
    // a second entry with the same key is refused without breaking the transaction (no error raised)
    const ins = await this.q(
      `INSERT INTO gov_desk.outbox (kind, id, idempotency_key, dossier_code, pending, entry, created_by_desk) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) ON CONFLICT DO NOTHING`,
      [...args, this.desk],
    );
    if (ins.rowCount) return;
    if ((await update()).rowCount) return; // the same id, added meanwhile by a transaction that committed
    throw duplicateKey(key);
  }
  async meta<T>(key: string): Promise<T | undefined> {
    return (await this.q<{ value: T }>('SELECT value FROM gov_desk.sync_state WHERE key = $1', [key])).rows[0]?.value;
  }
  async setMeta(key: string, value: unknown): Promise<void> {
    await this.q(`INSERT INTO gov_desk.sync_state (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`, [key, json(value)]);
  }
  async putGuidance(g: GuidanceRecord): Promise<void> {
    const r = { ...g, desk: g.desk ?? this.desk };
    await this.q(
      `INSERT INTO gov_desk.guidance (id, at, day, record, desk) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at, day = EXCLUDED.day, record = EXCLUDED.record, desk = EXCLUDED.desk, recorded_at = now()`,
      [r.id, r.at, r.at.slice(0, 10), json(r), r.desk],
    );
  }
}

import crypto from 'node:crypto';
import type { Profile } from '../../config/profile.js';
import type { Dossier } from '../../domain/dossier/types.js';
import type { GuidanceRecord } from '../../domain/guidance/types.js';
import { sha256Hex } from '../../scan/hash.js';
import { damagedFile } from '../embedded.js';
import type { StoreItem } from '../port.js';
import type { CounterKind, Draft, OutboxEntry } from '../records.js';
import { COUNTER_TABLE, type Query } from './tx.js';

const PAGE = 500;

export async function archiveYearsIn(q: Query): Promise<number[]> {
  return (await q<{ y: number }>('SELECT DISTINCT received_year AS y FROM gov_desk.dossiers WHERE closed_at IS NOT NULL ORDER BY 1')).rows.map((r) => r.y);
}

/** Closed dossiers year by year, in pages (a long archive is never read into memory at once). */
export async function* archivedIn(q: Query, years?: number[]): AsyncIterable<Dossier> {
  for (const y of await archiveYearsIn(q)) {
    if (years && !years.includes(y)) continue;
    let after = '';
    for (;;) {
      const rows = (await q<{ code: string; document: Dossier }>(`SELECT code, document FROM gov_desk.dossiers WHERE closed_at IS NOT NULL AND received_year = $1 AND code > $2 ORDER BY code LIMIT ${PAGE}`, [y, after])).rows;
      for (const r of rows) yield r.document;
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.code;
    }
  }
}

/**
 * The whole database as StoreItems, in the order of the embedded dump (profile, overrides,
 * counters, meta, archived then open dossiers, drafts, outboxes, guidance, files). Run inside one
 * REPEATABLE READ READ ONLY transaction (PgStore.snapshot): one consistent snapshot.
 */
export async function* dumpDatabase(q: Query): AsyncIterable<StoreItem> {
  const profile = (await q<{ profile: Profile }>('SELECT profile FROM gov_desk.commune_profile WHERE id = 1')).rows[0];
  if (profile) yield { type: 'profile', profile: profile.profile };
  for (const r of (await q<{ kind: 'procedure' | 'calendar'; name: string; content: unknown }>('SELECT kind, name, content FROM gov_desk.overrides ORDER BY kind DESC, name')).rows) {
    yield { type: 'override', kind: r.kind, name: r.name, content: r.content };
  }
  for (const counter of ['sequence', 'register'] as CounterKind[]) {
    const key = counter === 'sequence' ? 'key' : 'book';
    for (const r of (await q<{ key: string; value: number }>(`SELECT ${key} AS key, last_value AS value FROM ${COUNTER_TABLE[counter]} ORDER BY 1`)).rows) yield { type: 'counter', counter, key: r.key, value: r.value };
  }
  for (const r of (await q<{ key: string; value: unknown }>('SELECT key, value FROM gov_desk.sync_state ORDER BY key')).rows) yield { type: 'meta', key: r.key, value: r.value };
  for await (const d of archivedIn(q)) yield { type: 'dossier', dossier: d, archived: true };
  for (const d of (await q<{ document: Dossier }>('SELECT document FROM gov_desk.dossiers WHERE closed_at IS NULL ORDER BY received_at, code')).rows) yield { type: 'dossier', dossier: d.document, archived: false };
  for (const r of (await q<{ content: Draft }>('SELECT content FROM gov_desk.drafts ORDER BY created_at, id')).rows) yield { type: 'draft', draft: r.content };
  for (const r of (await q<{ entry: OutboxEntry }>(`SELECT entry FROM gov_desk.outbox ORDER BY kind = 'notify', seq`)).rows) yield { type: 'outbox', entry: r.entry };
  for (const r of (await q<{ record: GuidanceRecord }>('SELECT record FROM gov_desk.guidance ORDER BY at COLLATE "C", seq')).rows) yield { type: 'guidance', record: r.record };
  let after = '';
  for (;;) {
    // a page of paths, then each file's bytes on their own (files may be large)
    const page = (await q<{ rel: string; sha256: string }>(`SELECT rel, sha256 FROM gov_desk.file_paths WHERE rel > $1 ORDER BY rel LIMIT ${PAGE}`, [after])).rows;
    for (const p of page) {
      const bytes = (await q<{ content: Buffer }>('SELECT content FROM gov_desk.files WHERE sha256 = $1', [p.sha256])).rows[0]!.content;
      if (sha256Hex(bytes) !== p.sha256) throw damagedFile(p.rel);
      yield { type: 'file', rel: p.rel, sha256: p.sha256, size: bytes.length, bytes };
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.rel;
  }
}

/** Add an override when the database has none of that kind and name; true when added. */
export async function addOverride(q: Query, o: { kind: 'procedure' | 'calendar'; name: string; content: unknown; by: string }): Promise<boolean> {
  const text = JSON.stringify(o.content);
  const r = await q(
    `INSERT INTO gov_desk.overrides (kind, name, content, sha256, updated_by) VALUES ($1, $2, $3::jsonb, $4, $5) ON CONFLICT (kind, name) DO NOTHING`,
    [o.kind, o.name, text, crypto.createHash('sha256').update(text).digest('hex'), o.by],
  );
  return (r.rowCount ?? 0) > 0;
}

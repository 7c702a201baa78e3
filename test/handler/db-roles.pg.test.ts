import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { runInProcess } from '../helpers/context.js';

const server = inject('pg');

/** The ```sql block of docs/multi-desk.md whose first line is `-- <marker>`, as statements. */
function docBlock(marker: string): string[] {
  const doc = readFileSync(path.join(ROOT, 'docs', 'multi-desk.md'), 'utf8');
  const block = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.startsWith(`-- ${marker}`));
  if (!block) throw new Error(`no sql block "-- ${marker}" in docs/multi-desk.md`);
  return block.split(/;\s*\n/).map((s) => s.replace(/^--.*$/gm, '').trim()).filter(Boolean);
}

async function as(url: string, fn: (c: pg.Client) => Promise<void>): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await fn(c);
  } finally {
    await c.end();
  }
}

describe('least-privilege roles of docs/multi-desk.md, on a real server', () => {
  it('owner migrates; the desk role can work but cannot change the schema or rewrite history', async () => {
    const sfx = crypto.randomBytes(4).toString('hex');
    const names = { owner: `govdesk_owner_${sfx}`, desk: `govdesk_desk_${sfx}`, db: `govdesk_${sfx}` };
    const rename = (s: string) => s.replaceAll('govdesk_owner', names.owner).replaceAll('govdesk_desk', names.desk).replace(/DATABASE govdesk\b/g, `DATABASE ${names.db}`);
    const pw = { owner: crypto.randomBytes(12).toString('hex'), desk: crypto.randomBytes(12).toString('hex') };
    const url = (role: string, password: string) => `postgres://${role}:${password}@${server.host}:${server.port}/${names.db}`;

    await as(`postgres://postgres:${encodeURIComponent(server.password)}@${server.host}:${server.port}/postgres`, async (c) => {
      for (const s of docBlock('once, as a superuser')) await c.query(rename(s));
      await c.query(`ALTER ROLE ${names.owner} PASSWORD '${pw.owner}'`);
      await c.query(`ALTER ROLE ${names.desk} PASSWORD '${pw.desk}'`);
    });
    const env = (u: string) => ({ env: { GOV_DESK_LANG: 'en', GOV_DESK_DATABASE_URL: u } });

    // the desk role cannot create the schema
    const early = await runInProcess(['db', 'migrate'], env(url(names.desk, pw.desk)));
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/may not do this/);

    expect((await runInProcess(['db', 'migrate'], env(url(names.owner, pw.owner)))).code).toBe(0);
    await as(url(names.owner, pw.owner), async (c) => {
      for (const s of docBlock('after each gov-desk db migrate, as the owner')) await c.query(rename(s));
    });

    const st = await runInProcess(['db', 'status'], env(url(names.desk, pw.desk)));
    expect(st.stderr).toBe('');
    expect(st.code).toBe(0);
    expect((await runInProcess(['db', 'migrate'], env(url(names.desk, pw.desk)))).code).toBe(0); // current: nothing to do

    await as(url(names.desk, pw.desk), async (c) => {
      await c.query('BEGIN');
      const n = await c.query<{ v: number }>(`INSERT INTO gov_desk.code_counters VALUES ('000.00.00.H99', '2026-03-02', 1) ON CONFLICT (agency_code, day) DO UPDATE SET last_value = gov_desk.code_counters.last_value + 1 RETURNING last_value AS v`);
      expect(n.rows[0]!.v).toBe(1);
      await c.query(`INSERT INTO gov_desk.dossiers (code, procedure_code, procedure_version, received_at, register_book, register_number, applicant_name, status, document, created_by_operator, created_by_desk)
        VALUES ('000.00.00.H99-260302-0001', '1.001', '1', now(), '2026', 1, 'Nguyễn Văn Thử', 'received', '{}', 'op', 'desk-1')`);
      await c.query(`INSERT INTO gov_desk.dossier_events (dossier_code, seq, type, at, operator, desk) VALUES ('000.00.00.H99-260302-0001', 1, 'received', now(), 'op', 'desk-1')`);
      await c.query(`INSERT INTO gov_desk.portal_outbox (idempotency_key, dossier_code, kind, payload, created_by_desk) VALUES ('dongbo:1', '000.00.00.H99-260302-0001', 'dongbo', '{}', 'desk-1')`);
      await c.query('COMMIT');
      const claimed = await c.query(`UPDATE gov_desk.portal_outbox SET lease_owner = 'desk-1', lease_until = now() + interval '1 minute' WHERE id IN (SELECT id FROM gov_desk.portal_outbox WHERE state = 'pending' FOR UPDATE SKIP LOCKED LIMIT 5) RETURNING id`);
      expect(claimed.rowCount).toBe(1);
      const denied = async (q: string) => expect(c.query(q)).rejects.toMatchObject({ code: '42501' });
      await denied(`UPDATE gov_desk.dossier_events SET type = 'returned'`);
      await denied(`DELETE FROM gov_desk.dossier_events`);
      await denied(`DELETE FROM gov_desk.dossiers`);
      await denied(`DELETE FROM gov_desk.portal_outbox`);
      await denied(`UPDATE gov_desk.files SET media_type = 'x'`);
      await denied(`DELETE FROM gov_desk.schema_migrations`);
      await denied(`CREATE TABLE gov_desk.mine (a int)`);
      await denied(`DROP TABLE gov_desk.drafts`);
    });
  });
});

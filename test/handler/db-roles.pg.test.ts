import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';
import { parseProfile } from '../../src/config/profile.js';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { resolveDatabaseConfig } from '../../src/store/pg/config.js';
import { openPgStore } from '../../src/store/pg/store.js';
import type { ApologyDraft } from '../../src/store/records.js';

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

    // the adapter itself, as the desk role: every kind of write a desk makes
    const cfg = (await resolveDatabaseConfig({ GOV_DESK_DATABASE_URL: url(names.desk, pw.desk) }, tempHome(), process.cwd()))!;
    const store = await openPgStore(cfg, { home: tempHome(), desk: 'desk-1', now: () => new Date() });
    try {
      const code = await store.tx(async (t) => {
        const seq = await t.nextNumber('sequence', '000.00.00.H99-260302');
        const d = { ...sampleDossier(`000.00.00.H99-260302-${String(seq).padStart(4, '0')}`), register: { book: '2026', number: await t.nextNumber('register', '2026') } };
        await t.putDossier(d);
        await t.putOutbox({ kind: 'portal', id: `dongbo:${d.code}`, op: 'dongbo', code: d.code, status: 'queued', attempts: 0, lastError: null, nextAttemptAt: null, createdAt: d.receivedAt, updatedAt: d.receivedAt });
        await t.putDraft({ kind: 'apology', ref: `PXL:${d.code}`, code: d.code, missedDueAt: d.dueAt, proposedNewDueAt: d.dueAt, createdAt: d.receivedAt, confirmedAt: null });
        await t.setMeta('portal.cursor', 'c1');
        await t.putGuidance({ id: 'HT-1', at: d.receivedAt, kinds: ['explain'], member: 'Lê Thị Mai', citizen: { fullName: null, phone: null, personalId: null }, procedure: null, dossier: null, minutes: null, note: null });
        return d.code;
      });
      await store.tx(async (t) => {
        const d = (await t.dossier(code))!;
        await t.putDossier(applyAction(applyAction(d, 'note', { at: new Date(), operator: 'op', data: { text: 'x' } }).dossier, 'withdrawn', { at: new Date(), operator: 'op' }).dossier);
        const [e] = await t.outbox('portal', { claim: true, pending: true });
        await t.putOutbox({ ...e!, status: 'sending', leaseUntil: new Date(Date.now() + 60_000).toISOString() });
        await t.putDraft({ ...((await t.draft(`PXL:${code}`)) as ApologyDraft), confirmedAt: new Date().toISOString() });
      });
      const bytes = Buffer.from('%PDF-1.4 x');
      await store.files.put(`attachments/${code}/a.pdf`, bytes, { sha256: crypto.createHash('sha256').update(bytes).digest('hex'), mediaType: 'application/pdf', dossier: code });
      await store.setProfile(parseProfile(JSON.parse(readFileSync(path.join(ROOT, 'fixtures', 'profile.example.json'), 'utf8')), 'example'));
      expect((await store.load((async function* () { yield { type: 'override' as const, kind: 'calendar' as const, name: '2026.json', content: {} }; })())).override).toBe(1);
      expect((await store.getDossier(code))?.archived).toBe(true);
      let n = 0;
      for await (const _ of store.dump()) n++;
      expect(n).toBeGreaterThan(8);
    } finally {
      await store.close();
    }

    await as(url(names.desk, pw.desk), async (c) => {
      const denied = async (q: string) => expect(c.query(q)).rejects.toMatchObject({ code: '42501' });
      await denied(`UPDATE gov_desk.dossier_events SET type = 'returned'`);
      await denied(`DELETE FROM gov_desk.dossier_events`);
      await denied(`DELETE FROM gov_desk.dossiers`);
      await denied(`DELETE FROM gov_desk.outbox`);
      await denied(`DELETE FROM gov_desk.sequence_counters`);
      await denied(`DELETE FROM gov_desk.file_paths`);
      await denied(`UPDATE gov_desk.files SET media_type = 'x'`);
      await denied(`DELETE FROM gov_desk.schema_migrations`);
      await denied(`CREATE TABLE gov_desk.mine (a int)`);
      await denied(`DROP TABLE gov_desk.drafts`);
    });
  });
});

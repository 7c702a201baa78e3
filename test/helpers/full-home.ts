import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import type { Draft, OutboxEntry } from '../../src/store/records.js';
import type { GuidanceRecord } from '../../src/domain/guidance/types.js';
import { newDesk, NOW } from './backup-desk.js';
import { sampleDossier } from './dossier.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

/**
 * An embedded home with one of everything a copy or a backup must carry: the profile, an open
 * dossier with a scan, an archived dossier, a draft, a portal and a notification outbox entry,
 * counters, sync state, a guidance record, a generated document, a procedure and a calendar
 * override. Fictitious people only.
 */
export async function fullHome() {
  const desk = await newDesk();
  const { home } = desk;
  const code = await desk.intake();
  const scan = await desk.attach(code, Buffer.from('%PDF-1.4\n% a fictitious scan\n'));
  const store = new EmbeddedStore(home, 'quay-1', () => NOW);
  const old = sampleDossier('000.00.00.H99-260210-0001', new Date('2026-02-10T02:00:00Z'));
  const done = applyAction(old, 'result-recorded', { at: new Date('2026-02-11T02:00:00Z'), operator: 'Trần Văn Đức', data: { decision: 'approved' } }).dossier;
  const returned = applyAction(done, 'result-returned', { at: new Date('2026-02-12T02:00:00Z'), operator: 'Trần Văn Đức', data: { method: 'counter' } }).dossier;
  const at = NOW.toISOString();
  const draft = { ref: 'BS-260302-0001', kind: 'incomplete', procedureName: 'Thủ tục đăng ký khai sinh', number: null, createdAt: at, updatedAt: at, operator: 'Trần Văn Đức', answers: { receivedAt: null }, missing: [], reasons: [], documents: [], dossierCode: null } as unknown as Draft;
  const portal = { kind: 'portal', id: `dongbo:${code}`, op: 'dongbo', code, status: 'queued', attempts: 0, lastError: null, nextAttemptAt: null, createdAt: at, updatedAt: at } as OutboxEntry;
  const notify = { kind: 'notify', id: 'n-1', key: `received:${code}:sms`, dossier: code, event: 'received', series: 'received', channel: 'sms', contact: 'phone', to: '0912345678', lang: 'vi', vars: {}, status: 'queued', createdAt: at, updatedAt: at, attempts: 0, nextAttemptAt: null, retry: true, lease: null, accepted: false, uncertain: false, provider: null, sms: null, email: null, requestId: 'r-1', providerId: null, acceptedAt: null, confirmed: false, cost: null, error: null, history: [] } as unknown as OutboxEntry;
  const guidance: GuidanceRecord = { id: 'HD-260302-0001', at: '2026-03-02T09:30:00+07:00', kinds: [] as GuidanceRecord['kinds'], member: 'Lê Thị Mai', citizen: { fullName: 'Phạm Văn Bình', phone: null, personalId: null }, procedure: null, dossier: null, minutes: 10, note: null };
  await store.tx(async (t) => {
    await t.putDossier(returned);
    await t.raiseNumber('sequence', '260210', 1);
    await t.putDraft(draft);
    await t.putOutbox(portal);
    await t.putOutbox(notify);
    await t.setMeta('portal.lastPull', '2026-03-02T08:00:00+07:00');
    await t.putGuidance(guidance);
  });
  const doc = Buffer.from('%PDF-1.4\n% a fictitious receipt\n');
  const docRel = `documents/${code}/bien-nhan.pdf`;
  await store.files.put(docRel, doc, { sha256: createHash('sha256').update(doc).digest('hex'), mediaType: 'application/pdf', dossier: code });
  for (const [dir, name] of [['procedures', '1.000656.json'], ['calendar', '2026.json']] as const) {
    mkdirSync(path.join(home, dir), { recursive: true });
    copyFileSync(new URL(`${dir}/${name}`, FIXTURES), path.join(home, dir, name));
  }
  expect((await store.archiveYears()).length).toBe(1);
  return { ...desk, code, scan, docRel, archivedCode: returned.code, store };
}

/** SHA-256 over every file of a folder (paths and bytes) and every folder name: "left untouched" made checkable. */
export async function treeHash(dir: string): Promise<string> {
  const h = createHash('sha256');
  const entries = (await fsp.readdir(dir, { recursive: true, withFileTypes: true })).map((e) => ({ e, rel: path.relative(dir, path.join(e.parentPath, e.name)) })).sort((a, b) => a.rel.localeCompare(b.rel));
  for (const { e, rel } of entries) {
    const abs = path.join(dir, rel);
    const st = await fsp.lstat(abs);
    h.update(`${rel}\0${e.isDirectory() ? 'd' : 'f'}\0${st.mode & 0o777}\0`);
    if (e.isFile()) h.update(await fsp.readFile(abs));
  }
  return h.digest('hex');
}

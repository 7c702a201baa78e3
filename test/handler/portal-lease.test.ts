import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requireProfile } from '../../src/config/profile.js';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { fromVn } from '../../src/domain/time.js';
import { PortalClient } from '../../src/portal/client.js';
import { PortalError } from '../../src/portal/errors.js';
import { queueDossierSync } from '../../src/portal/outbox.js';
import { type SandboxHandle, startSandbox } from '../../src/portal/sandbox/server.js';
import { flushPortalOutbox } from '../../src/portal/sender.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import type { Store } from '../../src/store/port.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { seedReady } from '../helpers/ready-dossier.js';

// Two senders on one outbox (two desks, or submit and cron): a claim is a lease, so the same entry
// is never sent by both, and a sender whose lease was taken over never overwrites the outcome of
// the one that took it. Fictitious applicant (test/helpers/dossier.ts).
let sandbox: SandboxHandle | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function queuedDesk(sb: SandboxHandle) {
  const home = tempHome();
  const env = { GOV_DESK_LANG: 'en', NO_COLOR: '1', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
  expect((await runInProcess(['init', '--example', '--no-input'], { home, env, cwd: home, now: () => fromVn('2026-03-02', 8, 0) })).code).toBe(0);
  const { code, rel } = await seedReady(home);
  const store = new EmbeddedStore(home, 'quay-1');
  await store.tx(async (t) => {
    await t.putDossier(applyAction((await t.dossier(code))!, 'submit-queued', { at: fromVn('2026-03-02', 9, 0), operator: 'test', key: 'submit-queued' }).dossier);
    await queueDossierSync(t, code, fromVn('2026-03-02', 9, 0));
  });
  const client = new PortalClient({ baseUrl: sb.url, clientId: sb.clientId, clientSecret: sb.clientSecret, maxAttempts: 1 });
  return { home, code, rel, store, client, profile: await requireProfile(home) };
}

/** A client whose record call waits until `release` is called (a sender busy talking to the portal). */
function stalled(real: PortalClient, o: { fail?: boolean } = {}) {
  let release!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const inside = new Promise<void>((r) => (entered = r));
  const client = Object.assign(Object.create(real) as PortalClient, {
    syncDossiers: async (records: Parameters<PortalClient['syncDossiers']>[0], isUpdating: boolean) => {
      entered();
      await gate;
      if (o.fail) throw new PortalError('PORTAL_NETWORK', { vi: 'Mất kết nối', en: 'Connection reset' }, { transient: true });
      return real.syncDossiers(records, isUpdating);
    },
  });
  return { client, release, inside };
}

describe('portal outbox: a claim is a lease', () => {
  it('a second sender while the first is sending takes nothing; the record goes to the portal once', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const { home, code, store, client, profile } = await queuedDesk(sandbox);
    const first = stalled(client);
    const now = () => fromVn('2026-03-02', 11, 0);
    const sending = flushPortalOutbox(store, first.client, profile, { concurrency: 1, now });
    await first.inside;
    const other = new EmbeddedStore(home, 'quay-2');
    expect(await flushPortalOutbox(other, client, profile, { concurrency: 1, now: () => fromVn('2026-03-02', 11, 5) })).toEqual([]);
    first.release();
    expect((await sending).map((r) => [r.code, r.outcome])).toEqual([[code, 'accepted']]);
    expect(sandbox.stats().byRoute.dongbo).toBe(1);
    const [entry] = await store.outbox('portal', { codes: [code] });
    expect(entry).toMatchObject({ status: 'sent', attempts: 1, leaseUntil: null, leaseOwner: null });
  });

  it('a sender whose lease expired and was taken over does not overwrite the outcome of the one that took it', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const { home, code, store, client, profile } = await queuedDesk(sandbox);
    const late = stalled(client, { fail: true });
    const sending = flushPortalOutbox(store, late.client, profile, { concurrency: 1, now: () => fromVn('2026-03-02', 11, 0) });
    await late.inside;
    // twenty minutes later the lease (ten) has expired: another desk takes the entry over and sends it
    const other = new EmbeddedStore(home, 'quay-2');
    const taken = await flushPortalOutbox(other, client, profile, { concurrency: 1, now: () => fromVn('2026-03-02', 11, 20) });
    expect(taken.map((r) => [r.code, r.outcome])).toEqual([[code, 'accepted']]);
    late.release();
    expect((await sending).map((r) => r.outcome)).toEqual(['retry-scheduled']);
    const [entry] = await store.outbox('portal', { codes: [code] });
    expect(entry).toMatchObject({ status: 'sent', attempts: 2, lastError: null, leaseUntil: null });
    const d = (await store.getDossier(code))!.dossier;
    expect(d.events.filter((e) => e.type === 'portal-accepted')).toHaveLength(1);
    expect(d.events.some((e) => e.type === 'portal-sent')).toBe(false);
  });
});

describe('portal outbox: files come from the store', () => {
  it('a scan kept by the store but not in this home (a desk on the shared database) is uploaded from the store', async () => {
    sandbox = await startSandbox({ port: 0, dataDir: tempHome('sbx-') });
    const { home, code, rel, store, client, profile } = await queuedDesk(sandbox);
    // the scan leaves this home: only the store (here a folder standing in for the server) still has it
    const elsewhere = tempHome('kept-');
    mkdirSync(path.dirname(path.join(elsewhere, rel)), { recursive: true });
    renameSync(path.join(home, rel), path.join(elsewhere, rel));
    const desk: Store = Object.assign(Object.create(store) as Store, { files: new EmbeddedStore(elsewhere, 'server').files });
    const results = await flushPortalOutbox(desk, client, profile, { concurrency: 1, now: () => fromVn('2026-03-02', 11, 0) });
    expect(results.map((r) => [r.code, r.outcome])).toEqual([[code, 'accepted']]);
    expect(sandbox.stats().byRoute.files).toBe(1);
    expect((await client.lookup(code))?.TaiLieuNop).toHaveLength(2);
    expect(readFileSync(path.join(elsewhere, rel)).length).toBeGreaterThan(0);
  });
});

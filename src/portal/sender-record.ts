import { applyAction } from '../domain/dossier/apply.js';
import { derive, isClosed } from '../domain/dossier/status.js';
import type { Dossier } from '../domain/dossier/types.js';
import { toVnIso } from '../domain/time.js';
import type { Store } from '../store/port.js';
import type { LeaseOwner, PortalOutboxEntry } from './outbox.js';
import type { FlushOptions, Outcome } from './sender.js';

/**
 * The second half of a portal flush (src/portal/sender.ts): what a sender writes back after talking
 * to the portal, in one transaction per batch, and only for entries still under its own lease.
 */

/** After this many attempts a retried entry is marked failed (an operator can `outbox retry` it). */
export const MAX_ATTEMPTS = 12;

/** File ids the portal gave to uploads, per dossier code and SHA-256 (the store's `portalFiles` meta). */
export type PortalFiles = Record<string, Record<string, string>>;

/** The lease this run holds on the entries it claimed (one expiry for the whole claim). */
export interface Claim {
  owner: LeaseOwner;
  leaseUntil: string;
}

/** Whether the entry is still under this run's lease (not taken over by another sender since). */
function stillOurs(e: PortalOutboxEntry, c: Claim): boolean {
  return e.leaseUntil === c.leaseUntil && e.leaseOwner?.pid === c.owner.pid && e.leaseOwner.host === c.owner.host;
}

/** Write the outcomes: outbox statuses, portal events on the dossiers, uploaded file ids. */
export async function record(store: Store, claim: Claim, outcomes: Outcome[], o: FlushOptions): Promise<void> {
  if (outcomes.length === 0) return;
  await store.tx(async (t) => {
    const now = o.now();
    const entries = await t.outbox('portal', { ids: outcomes.map((r) => r.id) });
    const files: PortalFiles = { ...((await t.meta<PortalFiles>('portalFiles')) ?? {}) };
    let filesChanged = false;
    // dossiers are locked in code order (as submit does), so two desks recording at once cannot deadlock
    for (const r of [...outcomes].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
      if (r.uploaded && Object.keys(r.uploaded).length) {
        files[r.code] = { ...(files[r.code] ?? {}), ...r.uploaded };
        filesChanged = true;
      }
      const found = entries.find((x) => x.id === r.id);
      // taken over by another sender after this lease expired: that sender records its own outcome
      if (!found || !stillOurs(found, claim)) continue;
      await t.putOutbox(settled(found, r, now, o));
      if (r.op !== 'dongbo') continue;
      const d = await t.dossier(r.code);
      if (!d || isClosed(derive(d).status)) continue; // archived meanwhile: its portal facts live in the outbox entry
      const event = portalEvent(d, r, now);
      if (event) await t.putDossier(event);
    }
    if (filesChanged) await t.setMeta('portalFiles', files);
  });
  for (const r of outcomes) o.onResult?.({ id: r.id, code: r.code, op: r.op, outcome: r.outcome, attempts: r.attempts, ...(r.message ? { message: r.message } : {}), ...(r.text ? { text: r.text } : {}) });
}

/** The entry after an outcome (a copy): its status, error, and next attempt. */
function settled(found: PortalOutboxEntry, r: Outcome, now: Date, o: FlushOptions): PortalOutboxEntry {
  const e: PortalOutboxEntry = { ...found, updatedAt: toVnIso(now), leaseUntil: null, leaseOwner: null };
  if (r.outcome === 'accepted') {
    e.status = e.dirty ? 'queued' : 'sent';
    e.lastError = null;
    e.error = null;
    e.nextAttemptAt = null;
  } else if (r.outcome === 'failed') {
    e.status = 'failed';
    e.lastError = r.message ?? null;
    e.error = r.error ?? null;
  } else if (r.outcome === 'conflict') {
    e.status = 'conflict';
    e.lastError = r.message ?? null;
    e.error = r.error ?? null;
    e.nextAttemptAt = null;
  } else if (r.outcome === 'waiting') {
    e.status = 'queued';
    e.attempts = Math.max(0, e.attempts - 1);
  } else if (e.attempts >= MAX_ATTEMPTS) {
    e.status = 'failed';
    e.lastError = `${r.message ?? ''} (${e.attempts} attempts)`;
    e.error = r.error ? { ...r.error, attempts: e.attempts } : null;
  } else {
    e.status = 'retry-scheduled';
    e.lastError = r.message ?? null;
    e.error = r.error ?? null;
    const base = o.retryBaseMs ?? 30_000;
    const delay = Math.min(o.retryCapMs ?? 3_600_000, base * 2 ** Math.max(0, e.attempts - 1)) * (0.5 + (o.random ?? Math.random)() / 2);
    e.nextAttemptAt = toVnIso(new Date(now.getTime() + delay));
  }
  return e;
}

/** The dossier with the portal event a record outcome adds, or undefined when there is none to add. */
function portalEvent(d: Dossier, r: Outcome, now: Date): Dossier | undefined {
  let res: ReturnType<typeof applyAction> | undefined;
  if (r.outcome === 'accepted' && derive(d).portal !== 'accepted') {
    // the first acceptance has its fixed key; one after a conflict was settled gets its own
    const key = d.events.some((x) => x.key === 'portal-accepted') ? `portal-accepted:${r.id}:${d.events.length}` : 'portal-accepted';
    res = applyAction(d, 'portal-accepted', { at: now, operator: 'portal', key, ...(r.adopted ? { data: { adopted: true } } : {}) });
  } else if (r.outcome === 'conflict' && derive(d).portal !== 'conflict') {
    // once per episode: recorded again only if the state moved on meanwhile (say, a retry that failed in transit)
    res = applyAction(d, 'portal-conflict', { at: now, operator: 'portal', data: { message: r.message ?? '' } });
  } else if (r.outcome === 'retry-scheduled' && !d.events.some((x) => x.type === 'portal-sent' || x.type === 'portal-accepted')) {
    // the request may have reached the portal: "sent, not confirmed" until an answer says more
    res = applyAction(d, 'portal-sent', { at: now, operator: 'portal', key: 'portal-sent' });
  }
  return res?.applied ? res.dossier : undefined;
}

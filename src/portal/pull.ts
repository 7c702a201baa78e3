import { applyAction } from '../domain/dossier/apply.js';
import { derive, isClosed, type Status } from '../domain/dossier/status.js';
import type { Store } from '../store/port.js';
import type { PortalClient } from './client.js';
import { movesForward, portalToLocal } from './status-map.js';

export interface PullResult {
  seen: number;
  applied: number;
  unknown: string[];
  /** Changes not applied: the dossier was not submitted from here, or the status would go backwards. */
  ignored: { code: string; reason: 'not-submitted-here' | 'backwards'; from?: Status; to?: Status }[];
  since: string;
  until: string;
}

const PAGE = 100;
const FIRST = '20000101000000';

/**
 * Pull the changes feed since the last successful sync, page by page, and record each status the
 * portal reports that differs from ours as a `portal-status` event (key: code, status and time, so
 * the same change is never recorded twice). A status is applied only to a dossier whose creation
 * on the portal this store recorded (not one in conflict, not one a desk with its own store sent), and
 * only forward (movesForward); the others are reported in `ignored`. The watermark moves only
 * after every page was read. Closed (archived) dossiers are left as they are.
 */
export async function pullChanges(store: Store, client: PortalClient, now: () => Date): Promise<PullResult> {
  const last = await store.meta('lastPortalSync');
  const since = typeof last === 'string' ? last : FIRST;
  const changes: { MaHoSo: string; TrangThaiHoSo: number; NgayCapNhat: string }[] = [];
  for (let page = 1; page <= 10_000; page++) {
    const r = await client.changes(since, page, PAGE);
    changes.push(...r.data);
    if (r.data.length < PAGE || page * PAGE >= r.tongSo) break;
  }
  let until = since;
  for (const c of changes) if (c.NgayCapNhat > until) until = c.NgayCapNhat;
  const result = await store.tx(async (t) => {
    let applied = 0;
    const unknown: string[] = [];
    const ignored: PullResult['ignored'] = [];
    for (const c of changes) {
      const status = portalToLocal(c.TrangThaiHoSo);
      const found = await t.dossier(c.MaHoSo);
      // dossiers closed here are in the archive and are not changed: report them, do not fail
      const d = found && !isClosed(derive(found).status) ? found : undefined;
      if (!found) unknown.push(c.MaHoSo);
      if (!d || !status) continue;
      const here = derive(d);
      if (here.portal !== 'accepted') {
        ignored.push({ code: c.MaHoSo, reason: 'not-submitted-here' });
        continue;
      }
      if (here.status === status) continue;
      if (!movesForward(here.status, status)) {
        ignored.push({ code: c.MaHoSo, reason: 'backwards', from: here.status, to: status });
        continue;
      }
      const r = applyAction(d, 'portal-status', {
        at: now(),
        operator: 'portal',
        key: `portal:${c.TrangThaiHoSo}:${c.NgayCapNhat}`,
        data: { status, portalCode: c.TrangThaiHoSo, portalTime: c.NgayCapNhat },
      });
      if (r.applied) {
        await t.putDossier(r.dossier);
        applied++;
      }
    }
    await t.setMeta('lastPortalSync', until);
    return { applied, unknown, ignored };
  });
  return { seen: changes.length, applied: result.applied, unknown: result.unknown, ignored: result.ignored, since, until };
}

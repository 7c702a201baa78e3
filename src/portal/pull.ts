import { applyAction } from '../domain/dossier/apply.js';
import { derive, type Status } from '../domain/dossier/status.js';
import type { Repository } from '../store/repository.js';
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
 * on the portal this home recorded (not one in conflict, not one submitted by another desk), and
 * only forward (movesForward); the others are reported in `ignored`. The watermark moves only
 * after every page was read.
 */
export async function pullChanges(repo: Repository, client: PortalClient, now: () => Date): Promise<PullResult> {
  const db0 = await repo.read();
  const since = typeof db0.meta.lastPortalSync === 'string' ? db0.meta.lastPortalSync : FIRST;
  const changes: { MaHoSo: string; TrangThaiHoSo: number; NgayCapNhat: string }[] = [];
  for (let page = 1; page <= 10_000; page++) {
    const r = await client.changes(since, page, PAGE);
    changes.push(...r.data);
    if (r.data.length < PAGE || page * PAGE >= r.tongSo) break;
  }
  let until = since;
  for (const c of changes) if (c.NgayCapNhat > until) until = c.NgayCapNhat;
  const result = await repo.transact((db) => {
    let applied = 0;
    const unknown: string[] = [];
    const ignored: PullResult['ignored'] = [];
    for (const c of changes) {
      const d = db.dossiers[c.MaHoSo];
      const status = portalToLocal(c.TrangThaiHoSo);
      if (!d || !status) {
        if (!d) unknown.push(c.MaHoSo);
        continue;
      }
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
        db.dossiers[c.MaHoSo] = r.dossier;
        applied++;
      }
    }
    db.meta.lastPortalSync = until;
    return { applied, unknown, ignored };
  });
  // dossiers closed here are in the archive and were not changed: report them, do not fail
  const archivedOrForeign = [];
  for (const code of result.unknown) if (!(await repo.getDossier(code))) archivedOrForeign.push(code);
  return { seen: changes.length, applied: result.applied, unknown: archivedOrForeign, ignored: result.ignored, since, until };
}

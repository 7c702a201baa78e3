import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { LowdbRepository } from '../../src/store/lowdb-store.js';
import { sampleDossier } from './dossier.js';
import { makePdf } from './scan-files.js';

/** Store one received dossier (test/helpers/dossier.ts) with its papers scanned: ready to submit. */
export async function seedReadyDossier(home: string, base: Dossier = sampleDossier()): Promise<string> {
  const pdf = await makePdf(1);
  return new LowdbRepository(home).transact((db) => {
    let d = base;
    const rel = `attachments/${d.code}/to-khai/0.pdf`;
    mkdirSync(path.join(home, path.dirname(rel)), { recursive: true });
    writeFileSync(path.join(home, rel), pdf);
    const sha = createHash('sha256').update(pdf).digest('hex');
    for (const c of ['to-khai', 'giay-chung-sinh']) {
      d = applyAction(d, 'scanned', { at: new Date(d.receivedAt), operator: 'test', key: `scan:${c}:${sha}`, data: { component: c, file: { path: rel, sha256: sha, size: pdf.length, pages: 1, sourceName: '0.pdf', sourceType: 'pdf' } } }).dossier;
    }
    db.dossiers[d.code] = d;
    return d.code;
  });
}

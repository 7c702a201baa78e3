import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { sampleDossier } from './dossier.js';
import { makePdf } from './scan-files.js';

/**
 * Store one received dossier in `home` with its papers scanned (ready to submit): one stored PDF
 * recorded for `to-khai` and `giay-chung-sinh`. `edit` changes the fictitious dossier first.
 */
export async function seedReady(home: string, edit: (d: Dossier) => Dossier = (d) => d, title = 'To khai'): Promise<{ code: string; rel: string }> {
  const pdf = await makePdf(1, title);
  return new EmbeddedStore(home, 'test').tx(async (t) => {
    let d = edit(sampleDossier());
    const rel = `attachments/${d.code}/to-khai/0.pdf`;
    mkdirSync(path.join(home, path.dirname(rel)), { recursive: true });
    writeFileSync(path.join(home, rel), pdf);
    const sha = createHash('sha256').update(pdf).digest('hex');
    for (const c of ['to-khai', 'giay-chung-sinh']) {
      d = applyAction(d, 'scanned', { at: new Date(d.receivedAt), operator: 'test', key: `scan:${c}:${sha}`, data: { component: c, file: { path: rel, sha256: sha, size: pdf.length, pages: 1, sourceName: '0.pdf', sourceType: 'pdf' } } }).dossier;
    }
    await t.putDossier(d);
    return { code: d.code, rel };
  });
}

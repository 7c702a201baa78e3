import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../../scan/hash.js';
import { damagedFile, safeRel } from '../embedded.js';
import { ensureDir, writeFileAtomic } from '../files.js';
import type { FileStore } from '../port.js';
import type { PgStore } from './store.js';

/** Local copies of database files for viewers and printers: `<home>/cache/db-files/<rel>`. */
export const FILE_CACHE = path.join('cache', 'db-files');

/**
 * Files in the database (docs/multi-desk.md: bytea, content-addressed by SHA-256 in gov_desk.files,
 * the home-relative path → hash in gov_desk.file_paths). Bytes are checked against their hash when
 * they are kept and every time they are read: a changed file is refused (FILE_DAMAGED).
 */
export class PgFiles implements FileStore {
  constructor(private readonly store: PgStore, private readonly home: string) {}

  async put(rel: string, bytes: Buffer, o: { sha256: string; mediaType: string; dossier?: string }): Promise<void> {
    safeRel(rel);
    if (sha256Hex(bytes) !== o.sha256) throw damagedFile(rel);
    // one statement: the content (once per hash) and the path that points at it
    await this.store.query()(
      `WITH f AS (INSERT INTO gov_desk.files (sha256, size, media_type, content) VALUES ($2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING)
       INSERT INTO gov_desk.file_paths (rel, sha256, dossier_code, created_by_desk) VALUES ($1, $2, $6, $7)
       ON CONFLICT (rel) DO UPDATE SET sha256 = EXCLUDED.sha256, dossier_code = coalesce(EXCLUDED.dossier_code, gov_desk.file_paths.dossier_code)
       WHERE gov_desk.file_paths.sha256 <> EXCLUDED.sha256`,
      [rel, o.sha256, bytes.length, o.mediaType, bytes, o.dossier ?? null, this.store.desk],
    );
  }

  async get(rel: string, sha256?: string): Promise<Buffer | undefined> {
    const row = (await this.store.query()<{ sha256: string; content: Buffer }>('SELECT f.sha256, f.content FROM gov_desk.file_paths p JOIN gov_desk.files f ON f.sha256 = p.sha256 WHERE p.rel = $1', [rel])).rows[0];
    if (!row) return undefined;
    const actual = sha256Hex(row.content);
    if (actual !== row.sha256 || (sha256 !== undefined && actual !== sha256)) throw damagedFile(rel);
    return row.content;
  }

  async localPath(rel: string): Promise<string | undefined> {
    const abs = path.join(this.home, FILE_CACHE, ...safeRel(rel));
    const bytes = await this.get(rel);
    if (!bytes) return undefined;
    const cached = await fsp.readFile(abs).catch(() => undefined);
    if (!cached || !cached.equals(bytes)) {
      await ensureDir(path.dirname(abs));
      await writeFileAtomic(abs, bytes);
    }
    return abs;
  }

  async *list(): AsyncIterable<{ rel: string; sha256: string; size: number }> {
    const rows = await this.store.query()<{ rel: string; sha256: string; size: string }>('SELECT p.rel, p.sha256, f.size FROM gov_desk.file_paths p JOIN gov_desk.files f ON f.sha256 = p.sha256 ORDER BY p.rel');
    for (const r of rows.rows) yield { rel: r.rel, sha256: r.sha256, size: Number(r.size) };
  }
}

import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';

export interface RawEntry {
  path: string;
  type?: 'File' | 'SymbolicLink' | 'Link' | 'Directory' | 'FIFO';
  body?: string | Buffer;
  linkpath?: string;
}

/** A gzipped tar written byte by byte, so that a test can put in it what gov-desk never would. */
export function writeRawTar(file: string, entries: RawEntry[]): void {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = e.body === undefined ? Buffer.alloc(0) : Buffer.from(e.body);
    const type = e.type ?? 'File';
    const h = new Header({ path: e.path, mode: 0o600, size: type === 'File' ? body.length : 0, type, linkpath: e.linkpath, mtime: new Date('2026-03-02T02:00:00Z') });
    const block = Buffer.alloc(512);
    h.encode(block, 0);
    blocks.push(block);
    if (type === 'File' && body.length) {
      blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  writeFileSync(file, gzipSync(Buffer.concat(blocks)));
}

export function sha256(s: string | Buffer): string {
  return createHash('sha256').update(s).digest('hex');
}

/** A manifest entry for a body. */
export function listed(p: string, body: string | Buffer): { path: string; size: number; sha256: string } {
  return { path: p, size: Buffer.from(body).length, sha256: sha256(body) };
}

export function manifest(files: { path: string; size: number; sha256: string }[]): string {
  return JSON.stringify({ schemaVersion: 2, kind: 'gov-desk-backup', createdAt: '2026-03-02T09:00:00+07:00', files, secrets: 'excluded' });
}

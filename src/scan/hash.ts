import { createHash } from 'node:crypto';

/** SHA-256 of some bytes, lower-case hex (64 characters). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The prefix used in stored file names: short enough to read, long enough never to collide in one folder. */
export function hashPrefix(sha256: string): string {
  return sha256.slice(0, 12);
}

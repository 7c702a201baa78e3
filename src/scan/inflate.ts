import { inflateSync } from 'node:zlib';

/** Slack allowed after the declared picture data (some writers pad); far too small to matter for memory. */
const SLACK = 64 * 1024;

/**
 * zlib inflate of picture data whose size the header declares (`expected` bytes): it never
 * produces more than that plus a little slack, so a decompression bomb (a few hundred kilobytes
 * that inflate to gigabytes) stops at the cap instead of filling the memory.
 * `too-large` when the data would inflate past the cap, `damaged` when it does not decompress.
 */
export function inflateAtMost(src: Uint8Array, expected: number): Uint8Array | 'too-large' | 'damaged' {
  try {
    return inflateSync(src, { maxOutputLength: expected + SLACK });
  } catch (e) {
    const code = (e as { code?: string }).code;
    return code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError ? 'too-large' : 'damaged';
  }
}

import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import { usageError } from '../errors.js';
import { FILE_MODE } from './files.js';

/**
 * Encrypted backups (docs/architecture.md, "Backups and restore"): node:crypto only, no primitive
 * of our own. AES-256-GCM with a key from scrypt(passphrase, salt).
 *
 *   0  8  magic "GDBKENC1"
 *   8  1  format version (1)
 *   9  1  scrypt log2(N)   10 1 scrypt r   11 1 scrypt p
 *  12 16  salt (random)
 *  28 12  GCM nonce (random)
 *  40  …  ciphertext of the .tar.gz
 * end-16 16  GCM authentication tag
 *
 * The 40 header bytes are the GCM additional data, so a changed parameter fails authentication too.
 */
export const ENC_MAGIC = Buffer.from('GDBKENC1', 'ascii');
const HEADER_LEN = 40;
const TAG_LEN = 16;
const DEFAULT = { log2N: 17, r: 8, p: 1 };
export const MIN_PASSPHRASE = 8;

function deriveKey(passphrase: string, salt: Buffer, k: { log2N: number; r: number; p: number }): Promise<Buffer> {
  const N = 2 ** k.log2N;
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, { N, r: k.r, p: k.p, maxmem: 256 * N * k.r + 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

export function checkPassphrase(passphrase: string): string {
  if (passphrase.length < MIN_PASSPHRASE) {
    throw usageError('BACKUP_PASSPHRASE_WEAK', { vi: 'Cụm mật khẩu sao lưu phải có ít nhất {n} ký tự.', en: 'The backup passphrase must have at least {n} characters.' }, { vars: { n: MIN_PASSPHRASE } });
  }
  return passphrase;
}

/** Encrypt a stream of bytes (the .tar.gz) into the format above. */
export async function* encryptStream(source: AsyncIterable<Buffer>, passphrase: string): AsyncGenerator<Buffer> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const header = Buffer.concat([ENC_MAGIC, Buffer.from([1, DEFAULT.log2N, DEFAULT.r, DEFAULT.p]), salt, iv]);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt, DEFAULT), iv);
  cipher.setAAD(header);
  yield header;
  for await (const chunk of source) {
    const out = cipher.update(chunk);
    if (out.length) yield out;
  }
  const last = cipher.final();
  if (last.length) yield last;
  yield cipher.getAuthTag();
}

export async function isEncrypted(file: string): Promise<boolean> {
  const fh = await fsp.open(file, 'r');
  try {
    const b = Buffer.alloc(ENC_MAGIC.length);
    const { bytesRead } = await fh.read(b, 0, b.length, 0);
    return bytesRead === b.length && b.equals(ENC_MAGIC);
  } finally {
    await fh.close();
  }
}

function wrong(file: string) {
  return usageError('BACKUP_PASSPHRASE_WRONG', {
    vi: 'Không giải mã được {file}: sai cụm mật khẩu, hoặc tệp đã bị thay đổi. Không có gì bị thay đổi.',
    en: 'Cannot decrypt {file}: wrong passphrase, or the file was changed. Nothing was changed.',
  }, { vars: { file } });
}

/**
 * Decrypt into `out` (created 0600, never over an existing file) and check the authentication tag
 * before anything reads the plaintext; `out` is removed when the check fails.
 */
export async function decryptFile(file: string, passphrase: string, out: string): Promise<void> {
  const { size } = await fsp.stat(file);
  const fh = await fsp.open(file, 'r');
  const header = Buffer.alloc(HEADER_LEN);
  const tag = Buffer.alloc(TAG_LEN);
  try {
    if (size < HEADER_LEN + TAG_LEN) throw wrong(file);
    await fh.read(header, 0, HEADER_LEN, 0);
    await fh.read(tag, 0, TAG_LEN, size - TAG_LEN);
  } finally {
    await fh.close();
  }
  const [version, log2N, r, p] = [header[8]!, header[9]!, header[10]!, header[11]!];
  // bounded, so that a hostile header cannot make scrypt take gigabytes
  if (!header.subarray(0, 8).equals(ENC_MAGIC) || version !== 1 || log2N < 14 || log2N > 20 || r < 1 || r > 16 || p < 1 || p > 4) throw wrong(file);
  const key = await deriveKey(passphrase, header.subarray(12, 28), { log2N, r, p });
  const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(28, 40));
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  const w = await fsp.open(out, 'wx', FILE_MODE);
  let ok = false;
  try {
    if (size > HEADER_LEN + TAG_LEN) {
      for await (const chunk of createReadStream(file, { start: HEADER_LEN, end: size - TAG_LEN - 1 }) as AsyncIterable<Buffer>) await w.write(decipher.update(chunk));
    }
    try {
      await w.write(decipher.final());
    } catch {
      throw wrong(file);
    }
    ok = true;
  } finally {
    await w.close();
    if (!ok) await fsp.rm(out, { force: true });
  }
}

import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex, verifyStoredFile } from '../../src/scan/hash.js';
import { tempHome } from '../helpers/context.js';

describe('verifyStoredFile', () => {
  it('accepts the recorded content and flags a changed, truncated or missing file', async () => {
    const dir = tempHome();
    const file = path.join(dir, 'a.pdf');
    const bytes = Buffer.from('%PDF-1.4 fictitious scan');
    await fsp.writeFile(file, bytes);
    const rec = { sha256: sha256Hex(bytes), size: bytes.length };
    expect(await verifyStoredFile(file, rec)).toEqual({ ok: true, size: bytes.length });
    await fsp.writeFile(file, Buffer.from('%PDF-1.4 fictitious scaN'));
    expect(await verifyStoredFile(file, rec)).toMatchObject({ ok: false, problem: 'sha256' });
    await fsp.writeFile(file, bytes.subarray(0, 5));
    expect(await verifyStoredFile(file, rec)).toMatchObject({ ok: false, problem: 'size' });
    expect(await verifyStoredFile(file, { sha256: rec.sha256 })).toMatchObject({ ok: false, problem: 'sha256' });
    expect(await verifyStoredFile(path.join(dir, 'none.pdf'), rec)).toMatchObject({ ok: false, problem: 'missing' });
  });
});

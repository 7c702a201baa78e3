import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, scrubConfig } from '../../src/store/backup-layout.js';
import { safeRel } from '../../src/store/backup-read.js';
import { decryptFile, encryptStream } from '../../src/store/backup-crypto.js';
import { above, raiseTo, readHighWater } from '../../src/store/high-water.js';

describe('what a backup holds', () => {
  it('every top-level name is decided; unknown names are data, hidden ones never', () => {
    expect(['config.json', 'db', 'attachments', 'documents', 'notify', 'notify-templates.json', 'scanner', 'something-new'].map(classify)).toEqual(Array(8).fill('data'));
    expect(classify('secrets')).toBe('secret');
    expect(['high-water.json', 'sandbox', 'portal-sandbox', '.store.lock', '.pre-restore-20260302T090000', '.backup-x'].map(classify)).toEqual(Array(6).fill('left-out'));
  });

  it('config.json loses its secrets in an unencrypted backup, and keeps the rest', () => {
    const cfg = { commune: { name: 'Xã Thử' }, notify: { sms: { provider: 'esms', esms: { apiKey: 'A', secretKey: 'B', brandname: 'UBND' }, http: { token: 'C', headers: { 'X-Api-Key': 'D', Accept: 'json' } } }, email: { smtpUrl: 'smtps://u:E@mail.example.invalid', pass: 'F' } } };
    const s = scrubConfig(JSON.stringify(cfg));
    for (const secret of ['"A"', '"B"', '"C"', '"D"', ':E@', '"F"']) expect(s.text).not.toContain(secret);
    const back = JSON.parse(s.text) as typeof cfg;
    expect(back.commune.name).toBe('Xã Thử');
    expect(back.notify.sms.esms.brandname).toBe('UBND');
    expect(back.notify.sms.http.headers).toEqual({ Accept: 'json' });
    expect(s.removed).toHaveLength(6);
    expect(scrubConfig('{"commune":{}}').removed).toEqual([]);
  });

  it('archive paths that leave the folder are refused', () => {
    expect(safeRel('db/active.json')).toBe('db/active.json');
    expect(safeRel('./db//active.json')).toBe('db/active.json');
    for (const p of ['../x', 'db/../../x', '/etc/passwd', 'C:/x', 'a\\..\\b', '', '.', 'a\0b']) expect(safeRel(p)).toBeUndefined();
  });
});

describe('the counters high-water mark', () => {
  it('raises, never lowers, and says what a restore keeps', () => {
    const db = { sequences: { '260302': 3, '260303': 1 }, registers: { '2026': 4 } };
    const floor = { sequences: { '260302': 7 }, registers: { '2026': 2, 'PXL-2026': 1 } };
    expect(above(floor, db)).toEqual([
      { kind: 'sequence', key: '260302', issued: 7, inBackup: 3 },
      { kind: 'register', key: 'PXL-2026', issued: 1, inBackup: 0 },
    ]);
    raiseTo(db, floor);
    expect(db).toEqual({ sequences: { '260302': 7, '260303': 1 }, registers: { '2026': 4, 'PXL-2026': 1 } });
  });

  it('a damaged mark stops allocation instead of being ignored', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'gov-desk-hw-'));
    expect(await readHighWater(home)).toEqual({ sequences: {}, registers: {} });
    writeFileSync(path.join(home, 'high-water.json'), '{"sequences":{"260302":-1},"registers":{}}');
    await expect(readHighWater(home)).rejects.toMatchObject({ code: 'HIGH_WATER_DAMAGED' });
  });
});

describe('encrypted backups', () => {
  it('a changed byte or a wrong passphrase fails authentication and leaves no plaintext', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gov-desk-enc-'));
    const plain = Buffer.from('a fictitious archive '.repeat(1000));
    async function* one() {
      yield plain;
    }
    const chunks: Buffer[] = [];
    for await (const c of encryptStream(one(), 'mot cum mat khau')) chunks.push(c);
    const file = path.join(dir, 'b.enc');
    writeFileSync(file, Buffer.concat(chunks));
    await decryptFile(file, 'mot cum mat khau', path.join(dir, 'ok'));
    expect(readFileSync(path.join(dir, 'ok')).equals(plain)).toBe(true);
    await expect(decryptFile(file, 'sai mat khau!', path.join(dir, 'wrong'))).rejects.toMatchObject({ code: 'BACKUP_PASSPHRASE_WRONG' });
    const bytes = readFileSync(file);
    bytes[100] = bytes[100]! ^ 1;
    writeFileSync(file, bytes);
    await expect(decryptFile(file, 'mot cum mat khau', path.join(dir, 'tampered'))).rejects.toMatchObject({ code: 'BACKUP_PASSPHRASE_WRONG' });
    expect(() => readFileSync(path.join(dir, 'tampered'))).toThrow();
  }, 60_000);
});

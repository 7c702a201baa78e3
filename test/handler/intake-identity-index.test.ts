import { promises as fsp, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { archivePath } from '../../src/store/archive.js';
import { createBackup } from '../../src/store/backup.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { restoreBackup } from '../../src/store/restore.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';

// The identity warning against archived dossiers comes from the people index (db/people/), not from
// a scan of the whole archive (the bench's 7 s intake on a home with 100,000 archived dossiers).
const NOW = new Date('2026-03-02T02:00:00Z');
let home: string;
const run = (args: string[], h = home) => runInProcess(args, { home: h, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });
const intake = (h = home) =>
  run(['intake', '--procedure', '1.001193', '--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--all-components', '--allow-duplicate', '--no-input', '--json'], h);
const warningsOf = (stdout: string) => (JSON.parse(stdout) as { warnings: string[] }).warnings.filter((w) => w.includes('060190001234'));

/** A returned (closed) dossier of June 2025 whose applicant has another birth date: archived by the store. */
async function archiveOld(h = home): Promise<Dossier> {
  const old = sampleDossier('000.00.00.H99-250610-0003', new Date('2025-06-10T02:00:00Z'));
  const at = new Date('2025-06-11T02:00:00Z');
  const done = applyAction(applyAction({ ...old, applicant: { ...old.applicant, birthDate: '1990-05-21' } }, 'result-recorded', { at, operator: 't' }).dossier, 'result-returned', { at, operator: 't' }).dossier;
  await new EmbeddedStore(h, 'test').tx(async (t) => {
    await t.putDossier(done);
  });
  expect((await new EmbeddedStore(h, 'test').getDossier(done.code))!.archived).toBe(true);
  return done;
}
const shard = (h = home) => archivePath(path.join(h, 'db'), 2025, 6);

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
});
afterEach(() => vi.restoreAllMocks());

describe('the identity warning for archived dossiers, through the people index', () => {
  it('reads no archive shard: with the shard replaced by garbage the warning still comes, from the index', async () => {
    await archiveOld();
    writeFileSync(shard(), 'not an archive at all\n');
    const read = vi.spyOn(fsp, 'readFile');
    const r = await intake();
    expect(r.code).toBe(0);
    const ws = warningsOf(r.stdout);
    expect(ws).toHaveLength(1);
    expect(ws[0]).toContain('000.00.00.H99-250610-0003');
    expect(ws[0]).toContain('21/05/1990');
    const archiveReads = read.mock.calls.map((c) => String(c[0])).filter((f) => f.includes(`${path.sep}archive${path.sep}`));
    expect(archiveReads).toEqual([]);
    expect(read.mock.calls.map((c) => String(c[0])).filter((f) => f.includes(`${path.sep}people${path.sep}`) && f.endsWith('.ndjson'))).toEqual([path.join(home, 'db', 'people', '34.ndjson')]);
  });

  it('a home from before the index still warns (archive scan), and its next write builds the index', async () => {
    await archiveOld();
    await fsp.rm(path.join(home, 'db', 'people'), { recursive: true });
    const r = await intake();
    expect(warningsOf(r.stdout)).toHaveLength(1);
    // the intake's own write built it: now the archive is not needed any more
    expect(existsSync(path.join(home, 'db', 'people', 'complete.json'))).toBe(true);
    expect(readFileSync(path.join(home, 'db', 'people', '34.ndjson'), 'utf8')).toContain('"code":"000.00.00.H99-250610-0003"');
    writeFileSync(shard(), 'garbage\n');
    expect(warningsOf((await intake()).stdout)).toHaveLength(1);
  });

  it('a damaged index line is not trusted: the warning comes from the archive, and the next write rebuilds', async () => {
    await archiveOld();
    const file = path.join(home, 'db', 'people', '34.ndjson');
    writeFileSync(file, `{"id":"0601900012\n${readFileSync(file, 'utf8')}`);
    const read = vi.spyOn(fsp, 'readFile');
    expect(warningsOf((await intake()).stdout)).toHaveLength(1);
    expect(read.mock.calls.some((c) => String(c[0]) === shard())).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('{"id":"0601900012\n');
    expect(existsSync(path.join(home, 'db', 'people', 'complete.json'))).toBe(true);
  });

  it('backups leave the index out; a restored home warns and rebuilds it from the restored archive', async () => {
    await archiveOld();
    const dest = tempHome('gov-desk-backups-');
    const { file } = await createBackup(home, dest, NOW);
    const tar = await import('tar');
    const entries: string[] = [];
    await tar.t({ file, onReadEntry: (e) => entries.push(e.path) });
    expect(entries.some((e) => e.startsWith('db/archive/'))).toBe(true);
    expect(entries.filter((e) => e.includes('people'))).toEqual([]);
    const other = tempHome();
    expect((await run(['init', '--example', '--no-input'], other)).code).toBe(0);
    await restoreBackup(other, file, NOW, async () => '');
    expect(existsSync(path.join(other, 'db', 'people'))).toBe(false);
    expect(warningsOf((await intake(other)).stdout)).toHaveLength(1);
    expect(existsSync(path.join(other, 'db', 'people', 'complete.json'))).toBe(true);
  });

  it('doctor does not report the index files', async () => {
    await archiveOld();
    const r = await run(['doctor', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('people');
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { intakeEnv, withAllComponents } from '../../src/commands/intake/handler.js';
import { recordToAnswers } from '../../src/intake/from-record.js';
import { performIntake } from '../../src/intake/receive.js';
import { candidateFor, readCandidate } from '../../src/scan/candidates.js';
import { DEFAULT_LIMITS } from '../../src/scan/check.js';
import { detachScans } from '../../src/scan/detach.js';
import { importScans } from '../../src/scan/import.js';
import { sha256Hex } from '../../src/scan/hash.js';
import { damagedFiles } from '../../src/scan/integrity.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { openStore } from '../../src/store/index.js';
import type { FileStore, Store } from '../../src/store/port.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';
import { makePdf } from '../helpers/scan-files.js';

/**
 * Issue 14: generated forms and scans are kept through `store.files`, so that a server store holds
 * the bytes for the other desks. Here the store's files live in another folder than the home (as
 * on a server: a real embedded file store, rooted elsewhere); the home keeps its copies as today.
 */
const NOW = new Date('2026-03-02T02:00:00Z');
const ENV = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức', NO_COLOR: '1' };
let home: string;
let elsewhere: FileStore;

function withFiles(s: Store, files: FileStore): Store {
  return Object.assign(Object.create(s), { files });
}

const record = (over: Record<string, string>) => ({ procedure: '1.004859', name: 'Nguyễn Thị Hường', id_number: '060190001234', birth_date: '12/05/1990', phone: '0912345678', ...over });

/** An intake with every component (or those given), on a store whose files are kept elsewhere. */
async function intake(over: Record<string, string> = {}) {
  const ctx = fakeContext({ home, now: () => NOW, env: ENV });
  const env = await intakeEnv(ctx);
  const r = recordToAnswers(record(over), NOW, 'Trần Văn Đức', () => 'in-person');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const answers = over.components ? r.answers : withAllComponents(env, r.answers);
  return performIntake({ ...env, store: withFiles(env.store, elsewhere) }, answers);
}

const rel = (abs: string) => path.relative(home, abs).split(path.sep).join('/');

beforeEach(async () => {
  home = tempHome();
  elsewhere = new EmbeddedStore(tempHome('gov-desk-server-'), 'server').files;
  expect((await runInProcess(['init', '--example', '--no-input'], { home, env: ENV })).code).toBe(0);
});

describe('files kept through the store port', () => {
  it('the receipt (Mẫu 01) of an intake and the supplement request (Mẫu 02) are put in the store under documents/…', async () => {
    const received = await intake();
    expect(received.outcome).toBe('received');
    const file = received.documents[0]!.path;
    const local = readFileSync(file);
    expect(rel(file)).toMatch(/^documents\/2026\//);
    expect(await elsewhere.get(rel(file), sha256Hex(local))).toEqual(local);

    const incomplete = await intake({ components: 'to-khai', id_number: '060190001235' });
    expect(incomplete.outcome).toBe('incomplete');
    const f2 = incomplete.documents[0]!.path;
    expect(await elsewhere.get(rel(f2))).toEqual(readFileSync(f2));
  });

  it('a scan copy and a detached copy are put in the store; integrity reads through the store', async () => {
    const { code } = await intake();
    const store = withFiles(await openStore(fakeContext({ home, now: () => NOW, env: ENV })), elsewhere);
    const scans = tempHome('gov-desk-scans-');
    writeFileSync(path.join(scans, 'to-khai.pdf'), await makePdf(1, 'To khai'));
    const assigned = [{ ...(await readCandidate(candidateFor(scans, 'to-khai.pdf'), DEFAULT_LIMITS)), component: 'to-khai' }];
    const env = { store, home, now: NOW, operator: 'Trần Văn Đức', limits: DEFAULT_LIMITS };
    const r = await importScans(env, code, assigned);
    const f = r.imported[0]!.file;
    expect(await elsewhere.get(f.path, f.sha256)).toEqual(readFileSync(path.join(home, f.path)));
    const d = (await store.getDossier(code))!.dossier;
    expect(await damagedFiles(elsewhere, d)).toEqual([]);
    // the store, not the home, is what integrity reads: a copy the store lacks is missing
    expect(await damagedFiles(new EmbeddedStore(tempHome(), 'x').files, d)).toMatchObject([{ path: f.path, problem: 'missing' }]);

    const det = await detachScans(env, code, { component: 'to-khai', file: null }, 'Quét nhầm');
    const moved = det.detached[0]!.movedTo;
    expect(await elsewhere.get(moved, f.sha256)).toEqual(readFileSync(path.join(home, moved)));
  });
});

import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { appendToArchive, archivePath } from '../../src/store/archive.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { sampleDossier } from '../helpers/dossier.js';
import { runInProcess, tempHome } from '../helpers/context.js';

/** A damaged archive line or shard is reported in show, list, ledger and report (issue 13 §5). */
const NOW = new Date('2026-03-20T02:00:00Z');
const A = '000.00.00.H99-260302-0001';
const B = '000.00.00.H99-260302-0002';
let home: string;
let shard: string;
const run = (args: string[]) => runInProcess(args, { home, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' }, cwd: home });
const json = (s: string) => JSON.parse(s) as { warnings: { code: string; file: string; line: number; problem: string; dossierCode: string | null }[]; dossiers?: { code: string }[]; dossier?: { events: unknown[] } };

function closed(code: string, steps: readonly ('routed' | 'result-recorded' | 'result-returned')[] = ['routed', 'result-recorded', 'result-returned']): Dossier {
  let d = sampleDossier(code);
  for (const a of steps) d = applyAction(d, a, { at: new Date('2026-03-03T02:00:00Z'), operator: 'op' }).dossier;
  return d;
}

/** Replace line `n` (1-based) of the shard with `bytes`. */
async function damageLine(n: number, bytes: (line: Buffer) => Buffer): Promise<void> {
  const lines: Buffer[] = (await fsp.readFile(shard)).toString('utf8').split('\n').map((l) => Buffer.from(l));
  lines[n - 1] = bytes(lines[n - 1]!);
  await fsp.writeFile(shard, Buffer.concat(lines.flatMap((l, i) => (i ? [Buffer.from('\n'), l] : [l]))));
}

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
  await new EmbeddedStore(home, 'test').tx(() => undefined);
  const dbDir = path.join(home, 'db');
  await appendToArchive(dbDir, [closed(A), closed(B)]);
  shard = archivePath(dbDir, 2026, 3);
});

describe('damaged archive lines are reported, never skipped in silence (issue 13 §5)', () => {
  it('list: a torn line is a warning on stderr and in --json', async () => {
    await damageLine(3, (l) => l.subarray(0, Math.floor(l.length / 2)));
    const r = await run(['list', '--json']);
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.dossiers!.map((d) => d.code)).toEqual([A]);
    expect(out.warnings).toEqual([expect.objectContaining({ code: 'ARCHIVE_DAMAGED', file: shard, line: 3, problem: 'invalid-json', dossierCode: B })]);
    expect(r.stderr).toMatch(/Warning: Archive file .*2026-03\.ndjson, line 3: unreadable \(broken JSON\) \(dossier 000\.00\.00\.H99-260302-0002\)/);
    expect(r.stderr).toContain('gov-desk doctor');
    const human = await run(['list']);
    expect(human.stderr).toMatch(/Warning: .*line 3/);
  });

  it('show: an older copy shown because the newer one is torn says so; a missing one too', async () => {
    // the newer state of A (returned) is appended after an older one (result recorded), then torn
    await fsp.writeFile(shard, '');
    await appendToArchive(path.join(home, 'db'), [closed(A, ['routed', 'result-recorded']), closed(B)]);
    await appendToArchive(path.join(home, 'db'), [closed(A)]);
    await damageLine(4, (l) => l.subarray(0, l.length - 40));
    const r = await run(['show', A, '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).warnings).toEqual([expect.objectContaining({ line: 4, dossierCode: A })]);
    expect(r.stderr).toMatch(/Warning: .*line 4/);
    await damageLine(3, () => Buffer.from('{"code":"000.00.00.H99-260302-0002","proc'));
    const gone = await run(['show', B]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/Warning: .*line 3.*0002/);
  });

  it('invalid UTF-8 in a shard is reported, not replaced by U+FFFD; the other lines are still read', async () => {
    await damageLine(2, (l) => Buffer.concat([l.subarray(0, 60), Buffer.from([0xff, 0xfe]), l.subarray(62)]));
    const r = await run(['list', '--json']);
    const out = json(r.stdout);
    expect(out.dossiers!.map((d) => d.code)).toEqual([B]);
    expect(out.warnings).toEqual([expect.objectContaining({ line: 2, problem: 'invalid-utf8', dossierCode: A })]);
    expect(r.stdout).not.toContain('\uFFFD');
  });

  it('ledger and report carry the warnings too', async () => {
    await damageLine(2, () => Buffer.from('{"code":"000.00.00.H99-260302-0001","procedure":{}}'));
    const l = await run(['ledger', '--from', '2026-03-01', '--to', '2026-03-31', '--json']);
    expect(l.code).toBe(0);
    expect(json(l.stdout).warnings).toEqual([expect.objectContaining({ line: 2, problem: 'invalid-record', dossierCode: A })]);
    expect(l.stderr).toMatch(/Warning: .*line 2/);
    const r = await run(['report', '--from', '2026-03-01', '--to', '2026-03-31', '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).warnings).toEqual([expect.objectContaining({ line: 2, problem: 'invalid-record' })]);
  });

  it('a torn line superseded by a later complete copy (a crash during an append) is not a warning', async () => {
    await fsp.appendFile(shard, '{"code":"000.00.00.H99-260302-0003","procedure":{"co');
    const d3 = closed('000.00.00.H99-260302-0003');
    await appendToArchive(path.join(home, 'db'), [d3]);
    const r = await run(['list', '--json']);
    expect(json(r.stdout).warnings).toEqual([]);
    // rows are newest first (issue 18), then by code: all three were received at the same time
    expect(json(r.stdout).dossiers!.map((d) => d.code)).toEqual([d3.code, B, A]);
  });
});

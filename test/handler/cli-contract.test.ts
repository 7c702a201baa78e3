import { describe, expect, it } from 'vitest';
import { queueDossierSync } from '../../src/portal/outbox.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';

describe('--json failures are a JSON document on stdout, for every command', () => {
  it('a known error: code, message and hint on stdout; the human line on stderr', async () => {
    const r = await runInProcess(['intake', '--procedure', '1.001193', '--no-input', '--json'], { home: tempHome() });
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; error: { code: string; message: string; hint: string | null } };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.error.code).toBe('PROFILE_MISSING');
    expect(doc.error.message).toContain('No commune profile');
    expect(doc.error.hint).toContain('gov-desk init');
    expect(r.stderr).toContain('No commune profile');
  });

  it('a usage error found by the parser (unknown option) is also reported as JSON', async () => {
    const r = await runInProcess(['list', '--bogus', '--json'], { home: tempHome() });
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { error: { code: string; message: string } };
    expect(doc.error.code).toBe('USAGE');
    expect(doc.error.message).toContain('--bogus');
  });

  it('without --json stdout stays empty on failure', async () => {
    const r = await runInProcess(['show', 'NOPE'], { home: tempHome() });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
  });
});

describe('stored codes, words in the current language', () => {
  it('show names the events and outbox list the states in Vietnamese (codes stay in JSON)', async () => {
    const home = tempHome();
    const d = sampleDossier();
    await new EmbeddedStore(home, 'test').tx(async (t) => {
      await t.putDossier(d);
      await queueDossierSync(t, d.code, new Date('2026-03-02T02:00:00Z'));
    });
    const vi = { env: { GOV_DESK_LANG: 'vi', NO_COLOR: '1' }, lang: 'vi' as const, home };
    const show = await runInProcess(['show', d.code], vi);
    expect(show.stdout).toMatch(/#1 .* tiếp nhận {2}\(tester · test\)/); // operator · desk (ac216ed)
    expect(show.stdout).not.toMatch(/ received {2}\(/);
    const outbox = await runInProcess(['outbox', 'list'], vi);
    expect(outbox.stdout).toContain('chờ gửi');
    const json = await runInProcess(['outbox', 'list', '--json'], vi);
    expect((JSON.parse(json.stdout) as { entries: { status: string }[] }).entries[0]!.status).toBe('queued');
  });
});

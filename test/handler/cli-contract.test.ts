import { describe, expect, it } from 'vitest';
import { runInProcess, tempHome } from '../helpers/context.js';

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

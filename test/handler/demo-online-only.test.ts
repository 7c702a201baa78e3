import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';

describe('gov-desk demo follows the online-only rule (Chỉ thị 24/CT-TTg)', () => {
  it('the demo khai sinh is taken on the assisted online channel, not on paper', async () => {
    const home = tempHome('demo-online-');
    const r = await runInProcess(['demo', '--json'], { home, now: () => new Date() });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { home: string; dossiers: string[] };
    const draft = (await new EmbeddedStore(out.home, 'test').draft(out.dossiers[1]!)) as unknown as { answers: { procedureCode: string; channel: string; provided: string[] } };
    expect(draft.answers).toMatchObject({ procedureCode: '1.001193', channel: 'online', provided: ['mau-dien-tu'] });
  }, 60_000);
});

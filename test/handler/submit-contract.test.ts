import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromVn } from '../../src/domain/time.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { seedReady } from '../helpers/ready-dossier.js';

const at = fromVn('2026-03-02', 9, 10);

async function readyHome(): Promise<{ home: string; code: string }> {
  const home = tempHome();
  expect((await runInProcess(['init', '--example', '--no-input'], { home, now: () => at })).code).toBe(0);
  return { home, code: (await seedReady(home)).code };
}

describe('submit keeps the exit-code contract', () => {
  it('exit 2 (portal not configured) writes nothing: no outbox entry, no event', async () => {
    const { home, code } = await readyHome();
    const before = readFileSync(path.join(home, 'db', 'active.json'));
    const env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức', GOV_DESK_PORTAL_URL: '', GOV_DESK_PORTAL_SECRET: '' };
    const r = await runInProcess(['submit', code], { home, env, now: () => at });
    expect(r.code, r.stderr).toBe(2);
    const store = new EmbeddedStore(home, 'test');
    expect(await store.outbox('portal')).toEqual([]);
    expect((await store.getDossier(code))!.dossier.events.map((e) => e.type)).not.toContain('submit-queued');
    expect(readFileSync(path.join(home, 'db', 'active.json')).equals(before)).toBe(true);
  });

  it('a dossier only queued because the portal is unreachable is reported as queued, exit 75', async () => {
    const { home, code } = await readyHome();
    // port 9 on loopback: nothing listens (connection refused), a transient failure
    const env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức', GOV_DESK_PORTAL_URL: 'http://127.0.0.1:9', GOV_DESK_PORTAL_CLIENT_ID: 'x', GOV_DESK_PORTAL_SECRET: 'y', GOV_DESK_PORTAL_RETRY_MS: '1' };
    const r = await runInProcess(['submit', code], { home, env, now: () => at });
    expect(r.code, r.stderr).toBe(75);
    expect(r.stdout + r.stderr).toMatch(/queued/i);
    const entries = (await new EmbeddedStore(home, 'test').outbox('portal')).filter((e) => e.code === code);
    expect(entries.map((e) => e.status)).toEqual(['retry-scheduled']);
    const j = await runInProcess(['submit', code, '--json'], { home, env, now: () => at });
    expect(j.code).toBe(75);
    // in Vietnamese the portal's error reads in Vietnamese
    const home2 = (await readyHome()).home;
    const vi = await runInProcess(['submit', code], { home: home2, env: { ...env, GOV_DESK_LANG: 'vi' }, lang: 'vi', now: () => at });
    expect(vi.code).toBe(75);
    expect(vi.stderr).toContain('Không kết nối được hệ thống một cửa của tỉnh');
    expect(vi.stderr).not.toContain('Cannot reach');
  });
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, tempHome } from '../helpers/context.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** Next year's official schedule, as the commune would get it (2026's days moved to 2027: test data). */
function calendar2027(dir: string): string {
  const raw = JSON.parse(readFileSync(new URL('calendar/2026.json', FIXTURES), 'utf8')) as Record<string, unknown>;
  const text = JSON.stringify(raw).replaceAll('2026-', '2027-').replace('"year":2026', '"year":2027');
  const file = path.join(dir, '2027.json');
  writeFileSync(file, text);
  return file;
}

describe('calendar import / catalog import (one-PC store)', () => {
  it('puts next year\'s calendar into the home, where every command then reads it; --json says what was done', async () => {
    const home = tempHome();
    const file = calendar2027(tempHome('gov-desk-src-'));
    const before = await runInProcess(['calendar', 'show', '2027', '--json'], { home });
    expect(JSON.parse(before.stdout).official).toBe(false);
    const r = await runInProcess(['calendar', 'import', file, '--json'], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'calendar', name: '2027.json', replaced: false, store: 'embedded', label: 'official 2027' });
    expect(existsSync(path.join(home, 'calendar', '2027.json'))).toBe(true);
    const after = await runInProcess(['calendar', 'show', '2027', '--json'], { home });
    expect(JSON.parse(after.stdout).official).toBe(true);
    const again = await runInProcess(['calendar', 'import', file], { home, env: { GOV_DESK_LANG: 'vi' } });
    expect(again.stderr).toMatch(/Đã thay tệp lịch 2027\.json/);
  });

  it('refuses a file that is not valid, or that would break the calendar with what is there: exit 2, nothing written', async () => {
    const home = tempHome();
    const dir = tempHome('gov-desk-src-');
    const bad = path.join(dir, '2027.json');
    writeFileSync(bad, JSON.stringify({ schemaVersion: 1, kind: 'official', year: 'soon' }));
    const r = await runInProcess(['calendar', 'import', bad], { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2027\.json/);
    const rules = { schemaVersion: 1, kind: 'statutory-rules', holidays: [] };
    mkdirSync(path.join(home, 'calendar'), { recursive: true });
    writeFileSync(path.join(home, 'calendar', 'rules-a.json'), JSON.stringify(rules));
    const second = path.join(dir, 'rules-b.json');
    writeFileSync(second, JSON.stringify(rules));
    const clash = await runInProcess(['calendar', 'import', second], { home });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/second statutory-rules/);
    expect(existsSync(path.join(home, 'calendar', 'rules-b.json'))).toBe(false);
    const name = path.join(dir, 'lịch 2027.json');
    writeFileSync(name, '{}');
    expect((await runInProcess(['calendar', 'import', name], { home })).code).toBe(2);
  });

  it('catalog import: the commune\'s own version of a procedure replaces the built-in one on this store', async () => {
    const home = tempHome();
    const rec = JSON.parse(readFileSync(new URL('procedures/1.004873.json', FIXTURES), 'utf8')) as { name: string };
    rec.name = `${rec.name} (bản của xã)`;
    const file = path.join(tempHome('gov-desk-src-'), '1.004873.json');
    writeFileSync(file, JSON.stringify(rec));
    const r = await runInProcess(['catalog', 'import', file, '--json'], { home });
    expect(r.code, r.stderr).toBe(0);
    const show = await runInProcess(['catalog', 'show', '1.004873', '--json'], { home });
    expect(show.stdout).toContain('(bản của xã)');
    writeFileSync(file, JSON.stringify({ ...rec, code: '' }));
    expect((await runInProcess(['catalog', 'import', file], { home })).code).toBe(2);
  });
});

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, tempHome } from '../helpers/context.js';

/** Every file of a folder with its bytes, for a byte-for-byte comparison. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const p = path.join(e.parentPath, e.name);
    if (e.isFile()) out[path.relative(dir, p)] = `${statSync(p).mode}:${readFileSync(p).toString('base64')}`;
  }
  return out;
}

describe('gov-desk demo never touches a working home', () => {
  it('with GOV_DESK_HOME at a working home it runs in a fresh folder and leaves the home byte-identical', async () => {
    const home = tempHome();
    const tmp = tempHome('gov-desk-tmp-');
    const env = { GOV_DESK_LANG: 'en', GOV_DESK_HOME: home, GOV_DESK_OPERATOR: 'Trần Văn Đức', GOV_DESK_SMS_FILE_DIR: path.join(home, 'notify', 'outgoing'), TMPDIR: tmp };
    expect((await runInProcess(['init', '--example', '--no-input'], { home, env })).code).toBe(0);
    const intake = await runInProcess(['intake', '--procedure', '1.004873', '--name', 'Phạm Minh Đức', '--id-number', '068085001122', '--phone', '0387654321', '--all-components', '--no-input'], { home, env });
    expect(intake.code, intake.stderr).toBe(0);
    const before = snapshot(home);
    const r = await runInProcess(['demo', '--json'], { home, env });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { home: string; documents: string[] };
    expect(path.dirname(doc.home)).toBe(tmp);
    expect(doc.documents.length).toBeGreaterThan(0);
    expect(doc.documents.every((d) => d.startsWith(doc.home))).toBe(true);
    expect(snapshot(home)).toEqual(before);
  }, 60_000);

  it('a failed demo leaves no folder behind', async () => {
    const tmp = tempHome('gov-desk-tmp-');
    // a scan limit of this machine that the demo's scan does not fit: the scan-import step fails
    const env = { GOV_DESK_LANG: 'en', TMPDIR: tmp, GOV_DESK_SCAN_MAX_MB: '0.0001' };
    const r = await runInProcess(['demo'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Demo step "scan-import');
    expect(readdirSync(tmp)).toEqual([]);
    // the same with a --home that did not exist yet: it is not left behind half made
    const fresh = path.join(tmp, 'demo-home');
    const h = await runInProcess(['--home', fresh, 'demo'], { env });
    expect(h.code).toBe(1);
    expect(existsSync(fresh)).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  }, 60_000);
});

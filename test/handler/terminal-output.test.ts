import { beforeEach, describe, expect, it } from 'vitest';
import { terminalSafe } from '../../src/domain/text.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';

/** Issue 13 point 14: stored text never drives the terminal; issue 18: show masks the e-mail. */
const CODE = '000.00.00.H99-260302-0001';
const NOW = new Date('2026-03-02T03:00:00Z');
const HOSTILE_NAME = 'Nguyễn\u001b]0;pwned\u0007 Thị\u202e Hường\u009b2J';
const HOSTILE_ADDRESS = 'Thôn 1\u001b[2J\u001b[H\r\nxã Giả';
// every control a terminal acts on: ESC, BEL, CR, LF, C1 CSI, bidi override/isolate
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let home: string;
const run = (args: string[]) => runInProcess(args, { home, now: () => NOW, env: { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' } });

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
  const d = sampleDossier(CODE);
  await new EmbeddedStore(home, 'test').tx(async (t) => {
    await t.putDossier({ ...d, applicant: { ...d.applicant, fullName: HOSTILE_NAME, address: HOSTILE_ADDRESS, email: 'huong.nguyen@example.vn' } });
  });
});

describe('terminal escape sequences in stored text', () => {
  it('terminalSafe escapes C0/C1 controls, DEL and bidi controls, and leaves Vietnamese alone', () => {
    expect(terminalSafe('a\u001b[31mb\u0007c\u007fd\u009be\u202ef\u2066g\nh\ti')).toBe('a\\x1b[31mb\\x07c\\x7fd\\x9be\\u202ef\\u2066g\\x0ah\\x09i');
    expect(terminalSafe('Nguyễn Thị Hường, xã Suối Kiết')).toBe('Nguyễn Thị Hường, xã Suối Kiết');
  });

  it('show prints the hostile name and address escaped, one line each', async () => {
    const r = await run(['show', CODE]);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\n/g, '');
    expect(text).not.toMatch(ACTIVE);
    expect(r.stdout).toContain('Nguyễn\\x1b]0;pwned\\x07 Thị\\u202e Hường\\x9b2J');
    expect(r.stdout).toContain('Thôn 1\\x1b[2J\\x1b[H\\x0d\\x0axã Giả');
    // JSON keeps the stored text as it is (JSON escapes it)
    const json = await run(['show', CODE, '--json']);
    expect((JSON.parse(json.stdout) as { dossier: { applicant: { fullName: string } } }).dossier.applicant.fullName).toBe(HOSTILE_NAME);
  });

  it('list prints the name escaped', async () => {
    const r = await run(['list']);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\n/g, '')).not.toMatch(ACTIVE);
    expect(r.stdout).toContain('\\x1b]0;pwned\\x07');
  });

  it('an error naming typed text shows it escaped', async () => {
    const r = await run(['show', 'X\u001b[2J']);
    expect(r.code).toBe(2);
    expect(r.stderr.replace(/\n/g, '')).not.toMatch(ACTIVE);
    expect(r.stderr).toContain('X\\x1b[2J');
  });
});

describe('show masks the e-mail like the phone and the ID number (issue 18)', () => {
  it('masked by default, in full with --reveal', async () => {
    const r = await run(['show', CODE]);
    expect(r.stdout).toContain('h**********n@example.vn');
    expect(r.stdout).not.toContain('huong.nguyen@example.vn');
    expect(r.stdout).toContain('060******234');
    const full = await run(['show', CODE, '--reveal']);
    expect(full.stdout).toContain('huong.nguyen@example.vn');
  });
});

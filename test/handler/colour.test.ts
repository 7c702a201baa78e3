import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { colourAllowed, colourOn } from '../../src/style.js';
import { runInProcess, tempHome } from '../helpers/context.js';
import { sampleDossier } from '../helpers/dossier.js';
import { EmbeddedStore } from '../../src/store/embedded.js';

const ESC = '\u001b[';
const tty = () => Object.assign(new PassThrough(), { isTTY: true });
/** A terminal-like stream that keeps what was written. */
function screen(): PassThrough & { isTTY: boolean; text(): string } {
  const s = tty();
  let out = '';
  s.on('data', (c: Buffer) => (out += c.toString('utf8')));
  return Object.assign(s, { text: () => out });
}

describe('colour for people, never for scripts', () => {
  it('NO_COLOR, TERM=dumb, FORCE_COLOR=0 turn it off; a pipe has none unless FORCE_COLOR', () => {
    expect(colourAllowed({})).toBe(true);
    expect(colourAllowed({ NO_COLOR: '1' })).toBe(false);
    expect(colourAllowed({ NO_COLOR: '' })).toBe(true);
    expect(colourAllowed({ TERM: 'dumb' })).toBe(false);
    expect(colourAllowed({ FORCE_COLOR: '0' })).toBe(false);
    const pipe = new PassThrough();
    expect(colourOn({ color: true, env: {}, stdout: pipe, stderr: pipe }, 'stdout')).toBe(false);
    expect(colourOn({ color: true, env: {}, stdout: tty(), stderr: pipe }, 'stdout')).toBe(true);
    expect(colourOn({ color: true, env: {}, stdout: tty(), stderr: pipe }, 'stderr')).toBe(false);
    expect(colourOn({ color: true, env: { FORCE_COLOR: '1' }, stdout: pipe, stderr: pipe }, 'stdout')).toBe(true);
    expect(colourOn({ color: false, env: { FORCE_COLOR: '1' }, stdout: tty(), stderr: tty() }, 'stdout')).toBe(false);
  });

  it('list: heading and statuses coloured on a terminal; --no-color and NO_COLOR give plain text', async () => {
    const home = tempHome();
    const d = sampleDossier();
    await new EmbeddedStore(home, 'test').tx((t) => t.putDossier(d));
    const out = async (args: string[], env: Record<string, string>) => {
      const term = screen();
      await runInProcess(args, { home, color: true, env: { GOV_DESK_LANG: 'en', ...env }, stdout: term });
      return term.text();
    };
    const on = await out(['list'], {});
    expect(on).toContain(`${ESC}1m`);
    expect(on).toContain(d.code);
    expect(await out(['--no-color', 'list'], {})).not.toContain(ESC);
    expect(await out(['list'], { NO_COLOR: '1' })).not.toContain(ESC);
    const piped = await runInProcess(['list'], { home, color: true, env: { GOV_DESK_LANG: 'en' } });
    expect(piped.stdout).not.toContain(ESC);
  });

  it('an error on a terminal stderr is red; the JSON document never carries colour', async () => {
    const err = screen();
    const out = screen();
    await runInProcess(['show', 'NOPE', '--json'], { home: tempHome(), color: true, env: { GOV_DESK_LANG: 'en' }, stderr: err, stdout: out });
    expect(err.text()).toContain(`${ESC}31m`);
    expect(out.text()).toContain('"error"');
    expect(out.text()).not.toContain(ESC);
  });
});

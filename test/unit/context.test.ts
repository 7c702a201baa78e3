import { describe, expect, it } from 'vitest';
import { defaultHome, isInteractive, resolveHome, resolveLang } from '../../src/context.js';
import { prescan } from '../../src/main.js';
import { fakeContext } from '../helpers/context.js';

describe('data folder, language and interactivity', () => {
  it('defaults to the platform convention', () => {
    expect(defaultHome({}, 'linux', '/home/an')).toBe('/home/an/.local/share/gov-desk');
    expect(defaultHome({ XDG_DATA_HOME: '/data' }, 'linux', '/home/an')).toBe('/data/gov-desk');
    expect(defaultHome({}, 'darwin', '/Users/an')).toBe('/Users/an/Library/Application Support/gov-desk');
    expect(defaultHome({ LOCALAPPDATA: 'C:\\Users\\An\\AppData\\Local' }, 'win32', 'C:\\Users\\An')).toBe('C:\\Users\\An\\AppData\\Local\\gov-desk');
  });

  it('--home wins over GOV_DESK_HOME, which wins over the default', () => {
    expect(resolveHome({ GOV_DESK_HOME: '/a' }, '/cwd', 'b')).toBe('/cwd/b');
    expect(resolveHome({ GOV_DESK_HOME: '/a' }, '/cwd')).toBe('/a');
    expect(prescan(['--home', 'x', 'list', '--lang=en', '--no-input'])).toEqual({ home: 'x', lang: 'en', noInput: true, noColor: false, json: false });
    expect(prescan(['list', '--json']).json).toBe(true);
    expect(prescan(['list', '--', '--json']).json).toBe(false);
  });

  it('Vietnamese unless asked otherwise', () => {
    expect(resolveLang({})).toBe('vi');
    expect(resolveLang({ GOV_DESK_LANG: 'en_US.UTF-8' })).toBe('en');
    expect(resolveLang({ GOV_DESK_LANG: 'en' }, 'vi')).toBe('vi');
  });

  it('prompts only with a terminal both ways, no --no-input, no --json and CI unset', () => {
    const tty = (over: Parameters<typeof fakeContext>[0] = {}) => {
      const ctx = fakeContext({ noInput: false, env: {}, ...over });
      (ctx.stdin as { isTTY?: boolean }).isTTY = true;
      (ctx.stdout as { isTTY?: boolean }).isTTY = true;
      return ctx;
    };
    expect(isInteractive(tty())).toBe(true);
    expect(isInteractive(tty(), { json: true })).toBe(false);
    expect(isInteractive(tty({ noInput: true }))).toBe(false);
    expect(isInteractive(tty({ env: { CI: 'true' } }))).toBe(false);
    expect(isInteractive(fakeContext({ noInput: false, env: {} }))).toBe(false);
  });
});

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commanderError } from '../../src/i18n/commander.js';
import { createInquirerPrompter, parseYesNo } from '../../src/prompts.js';

/** A prompter on fake streams: `keys` are typed once the prompt is drawn. */
async function answer<T>(lang: 'vi' | 'en', ask: (p: Awaited<ReturnType<typeof createInquirerPrompter>>) => Promise<T>, keys: string): Promise<{ value: T; screen: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (c: Buffer) => (screen += c.toString('utf8')));
  const p = await createInquirerPrompter(input, output, lang);
  const pending = ask(p);
  await new Promise((r) => setTimeout(r, 30));
  input.write(keys);
  return { value: await pending, screen };
}

describe('the prompts speak Vietnamese', () => {
  it('yes/no is (c/K) and accepts c/có, k/không as well as y/n', async () => {
    expect([parseYesNo('c', false), parseYesNo('Có', false), parseYesNo('k', true), parseYesNo('không', true), parseYesNo('y', false), parseYesNo('N', true), parseYesNo('', true), parseYesNo('x', true)]).toEqual([true, true, false, false, true, false, true, undefined]);
    const no = await answer('vi', (p) => p.confirm({ message: 'Tiếp tục?', default: false }), '\r');
    expect(no.value).toBe(false);
    expect(no.screen).toContain('(c/K)');
    expect(no.screen).not.toContain('y/N');
    const yes = await answer('vi', (p) => p.confirm({ message: 'Tiếp tục?', default: false }), 'c\r');
    expect(yes.value).toBe(true);
    expect(yes.screen).toContain('Có');
  });

  it('key hints of a list are in Vietnamese', async () => {
    const r = await answer('vi', (p) => p.select({ message: 'Chọn', choices: [{ name: 'Một', value: 1 }, { name: 'Hai', value: 2 }] }), '\r');
    expect(r.value).toBe(1);
    expect(r.screen).toContain('di chuyển');
    expect(r.screen).not.toContain('navigate');
  });

  it("commander's error lines in Vietnamese; English unchanged", () => {
    expect(commanderError('vi', "error: unknown command 'nope'\n(Did you mean list?)")).toBe("lỗi: không có lệnh 'nope'\n(Có phải ý bạn là list?)");
    expect(commanderError('vi', "error: missing required argument 'code'")).toBe("lỗi: thiếu tham số bắt buộc 'code'");
    expect(commanderError('en', "error: unknown option '--x'")).toBe("error: unknown option '--x'");
  });
});

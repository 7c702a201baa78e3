import { PassThrough } from 'node:stream';
import type { Context } from '../../src/context.js';
import { createInquirerPrompter } from '../../src/prompts.js';
import { fakeContext, type FakeContext } from './context.js';

/** Keys as a terminal sends them. */
export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', space: ' ', ctrlC: '\x03', backspace: '\x7f' } as const;

export interface Step {
  /** Wait until the screen (stderr) shows this after the previous step. */
  waitFor: RegExp;
  /** Keys typed by the operator (each string is one key press, or typed text: one press per character). */
  type?: string[];
  /** Text that arrives from a scanner (not counted as key presses); Enter is sent after it. */
  scan?: string;
}

/**
 * A context whose prompts are the real @inquirer/prompts reading key presses from a fake terminal,
 * so that a test drives the interactive flow the way an operator (or a QR scanner) types.
 */
export function terminalContext(over: Partial<Context> = {}): FakeContext & { stdinTTY: PassThrough } {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  const ctx = fakeContext({ noInput: false, ...over });
  (ctx.stdout as { isTTY?: boolean }).isTTY = true;
  (stdin as { isTTY?: boolean }).isTTY = true;
  const full = Object.assign(ctx, { stdin, stdinTTY: stdin, prompter: async () => createInquirerPrompter(stdin, ctx.stderr, ctx.lang) });
  return full;
}

/** Play the steps; returns the number of key presses the operator made (scans excluded). */
export async function play(ctx: FakeContext & { stdinTTY: PassThrough }, steps: Step[], timeoutMs = 10_000): Promise<number> {
  let presses = 0;
  let seen = 0;
  for (const step of steps) {
    const started = Date.now();
    for (;;) {
      const screen = ctx.err().slice(seen);
      const m = step.waitFor.exec(screen);
      if (m) {
        seen += m.index + m[0].length;
        break;
      }
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${step.waitFor} in:\n${ctx.err().slice(-800)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 20));
    if (step.scan !== undefined) {
      ctx.stdinTTY.write(step.scan);
      ctx.stdinTTY.write(KEY.enter);
    }
    for (const k of step.type ?? []) {
      const isKey = (Object.values(KEY) as string[]).includes(k);
      if (isKey) {
        ctx.stdinTTY.write(k);
        presses += 1;
      } else {
        for (const ch of k) {
          ctx.stdinTTY.write(ch);
          presses += 1;
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return presses;
}

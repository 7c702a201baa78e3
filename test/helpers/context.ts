import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Context } from '../../src/context.js';
import type { Prompter } from '../../src/prompts.js';
import { run } from '../../src/main.js';

export function tempHome(prefix = 'gov-desk-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface FakeContext extends Context {
  out(): string;
  err(): string;
}

/** A Context for handler tests: captured output, a pinned clock, a temporary home, English messages. */
export function fakeContext(over: Partial<Context> & { now?: () => Date } = {}): FakeContext {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const ctx: Context = {
    lang: 'en',
    env: { GOV_DESK_LANG: 'en', NO_COLOR: '1' },
    cwd: process.cwd(),
    now: () => new Date('2026-03-02T02:00:00Z'), // Monday 09:00 in Vietnam
    stdin: new PassThrough(),
    stdout,
    stderr,
    noInput: true,
    color: false,
    home: over.home ?? tempHome(),
    prompter: async () => {
      throw new Error('no prompter in this test');
    },
    ...over,
  };
  return Object.assign(ctx, { out: () => out, err: () => err });
}

/** A prompter that answers from a script, in order; fails the test when a question is not expected. */
export function scriptedPrompter(answers: unknown[]): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = (message: string): unknown => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`unexpected prompt: ${message}`);
    return answers.shift();
  };
  return {
    asked,
    input: async (o) => String(next(o.message)),
    confirm: async (o) => Boolean(next(o.message)),
    select: async (o) => next(o.message) as never,
    search: async (o) => next(o.message) as never,
    checkbox: async (o) => next(o.message) as never,
    password: async (o) => String(next(o.message)),
  };
}

/** Run the CLI in-process with a fake context; returns exit code and captured output. */
export async function runInProcess(argv: string[], over: Partial<Context> = {}): Promise<{ code: number; stdout: string; stderr: string; ctx: FakeContext }> {
  const ctx = fakeContext(over);
  const code = await run(argv, ctx);
  await new Promise((r) => setImmediate(r));
  return { code, stdout: ctx.out(), stderr: ctx.err(), ctx };
}

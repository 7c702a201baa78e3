#!/usr/bin/env node
// Tiny entry: load the built CLI and set the exit code. Only this file decides how the process ends.
import { run } from '../dist/main.js';
import { createNodeContext } from '../dist/context.js';

const ctx = createNodeContext();
run(process.argv.slice(2), ctx).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`gov-desk: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 70;
  },
);

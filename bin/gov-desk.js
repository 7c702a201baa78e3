#!/usr/bin/env node
// Tiny entry: load the built CLI and set the exit code. Only this file decides how the process ends.
import { run } from '../dist/main.js';
import { createNodeContext } from '../dist/context.js';

// The reader went away (`gov-desk list | head -1`): that is not a failure. Stop writing, end quietly
// with exit 0 once the command has finished (design §6); any other stream error stays an error.
let stdoutClosed = false;
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') {
    stdoutClosed = true;
    return;
  }
  process.stderr.write(`gov-desk: ${err && err.message ? err.message : err}\n`);
  process.exitCode = 1;
});

const ctx = createNodeContext();
run(process.argv.slice(2), ctx).then(
  (code) => {
    process.exitCode = stdoutClosed ? 0 : code;
  },
  (err) => {
    if (stdoutClosed) {
      process.exitCode = 0;
      return;
    }
    process.stderr.write(`gov-desk: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 70;
  },
);

#!/usr/bin/env node
import { runCli } from './run.js';

// Pact's native core reads this at load time; the kit never sends usage data.
process.env.PACT_DO_NOT_TRACK = 'true';

// `numbers-contract list | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = exitCode;

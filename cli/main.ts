import { readAllStdin } from '../lib/snapshot/read-manifests';
import { run } from './run';
import type { CliIo } from './io';

/** `drydock` entry point (bin/drydock.js loads the bundle of this file; `npm run drydock` runs it with tsx). */

/** All of stdin (refused past the manifest size limit), with a hint when a person is typing. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('drydock: reading manifests from standard input (end with Ctrl-D)\n');
  return readAllStdin();
}

// `drydock scan … | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin,
  env: process.env,
  cwd: process.cwd(),
};

run(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`drydock: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 2;
  },
);

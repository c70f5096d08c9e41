import { MAX_FILE_BYTES } from '../lib/snapshot/parse-manifests';
import { InputError } from '../lib/snapshot/read-manifests';
import { run } from './run';
import type { CliIo } from './io';

/** `drydock` entry point (bin/drydock.js loads the bundle of this file; `npm run drydock` runs it with tsx). */

/** All of stdin, refused past the manifest size limit (nobody pipes 20 MB of YAML on purpose). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('drydock: reading manifests from standard input (end with Ctrl-D)\n');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    total += b.length;
    if (total > MAX_FILE_BYTES) throw new InputError(`<stdin>: larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB limit; refused`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
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

import { version } from '../package.json';
import { oneLine } from '../lib/report/render-support';
import { checksCommand } from './checks';
import { MAIN_HELP } from './help';
import { type CliIo, EXIT, UsageError } from './io';
import { patchCommand } from './patch';
import { scanCommand } from './scan';

/**
 * The whole CLI as a function: arguments in, exit code out, all I/O through `io`.
 * 0 ok, 1 a gate failed, 2 usage or input error (one line on stderr, never a stack trace).
 * Unexpected errors are exit 2 with a short message; DRYDOCK_DEBUG=1 adds the stack.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case undefined:
        io.stderr.write(MAIN_HELP);
        return EXIT.usage;
      case '-h':
      case '--help':
      case 'help':
        io.stdout.write(MAIN_HELP);
        return EXIT.ok;
      case '-v':
      case '--version':
      case 'version':
        io.stdout.write(`${version}\n`);
        return EXIT.ok;
      case 'scan':
        return await scanCommand(rest, io);
      case 'patch':
        return await patchCommand(rest, io);
      case 'checks':
        return checksCommand(rest, io);
      default:
        throw new UsageError(command.startsWith('-') ? `unknown option ${command}` : `unknown command '${command}' (try scan, patch or checks)`, true);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`drydock: ${oneLine(e.message)}${e.hint ? " (see 'drydock --help')" : ''}\n`);
      return EXIT.usage;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    if (io.env.DRYDOCK_DEBUG === '1') io.stderr.write(`drydock: internal error: ${err.stack ?? err.message}\n`);
    else io.stderr.write(`drydock: internal error: ${oneLine(err.message)} (set DRYDOCK_DEBUG=1 for details)\n`);
    return EXIT.usage;
  }
}

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs in strict mode, with its errors turned into one short usage line
 * (its own messages run to three sentences and suggest `--` tricks).
 */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const quoted = /'(-[^']*)'/.exec(err.message)?.[1] ?? '';
    const option = /--[\w-]+/.exec(quoted)?.[0] ?? quoted.split(/[ ,]/)[0] ?? '';
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${option || err.message} for '${command}'`, true);
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
      if (/argument missing/.test(err.message)) throw new UsageError(`option ${option} needs a value`, true);
      if (/ambiguous/.test(err.message)) throw new UsageError(`option ${option} needs a value (write ${option}=-… for a value that starts with -)`, true);
    }
    throw new UsageError(firstSentence(err.message), true);
  }
}

function firstSentence(s: string): string {
  return s.split(/\.\s/)[0]!.replace(/\.$/, '');
}

/** A value that must be one of a list. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`, true);
}

/** Everything the CLI touches outside itself, injectable so tests run it in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown };
  /** The whole of standard input (for the `-` path). */
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
  /** Directory relative paths (the default config file, --output) resolve against. */
  cwd: string;
}

/**
 * A problem with how Drydock was called or with its input: one line on stderr, exit code 2.
 * `hint` adds a pointer to --help (for argument mistakes, not for a missing file).
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint = false,
  ) {
    super(message);
  }
}

export const EXIT = { ok: 0, gateFailed: 1, usage: 2 } as const;

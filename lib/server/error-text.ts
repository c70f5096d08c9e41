/** The message of whatever was thrown, for a log line or an API answer. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

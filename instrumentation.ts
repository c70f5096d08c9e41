/**
 * Next calls register() once when a server process starts: the place for work that runs without a
 * request — here, the scheduled scans (`schedule:` in drydock.config.yaml, or DRYDOCK_SCAN_INTERVAL).
 * Node only (the scan service needs the file system and the cluster clients), never while
 * `next build` renders pages, and behind a dynamic import so the edge bundle never sees it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { ensureScheduler } = await import('./lib/server/scheduler-boot');
  // Not awaited: opening the history store must not hold up the server's first request.
  void ensureScheduler();
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { ScanService, setScanService } from './scan-service';
import { serverSettings } from './settings';

/**
 * Route-handler tests: before each test, the server's scan service on a fresh SQLite history store
 * (no kubeconfig, no automatic scan) and identity from `X-Forwarded-User`; closed and removed after.
 * Read the service through `current.svc` inside a test.
 */
export function withStoreScanService(prefix: string): { svc: ScanService } {
  const current = {} as { svc: ScanService };
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
    current.svc = new ScanService({
      settings: { ...serverSettings({} as NodeJS.ProcessEnv), kubeconfig: null, autoScan: false },
      store: { databaseUrl: null, path: path.join(dir, 'drydock.sqlite'), retentionDays: null, reportRetentionDays: null },
      log: () => {},
    });
    setScanService(current.svc);
    vi.stubEnv('DRYDOCK_IDENTITY_HEADER', 'X-Forwarded-User');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    setScanService(undefined);
    await current.svc.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return current;
}

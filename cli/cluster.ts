import type { DrydockConfig } from '../lib/config/types';
import { resolveTargets } from '../lib/k8s/contexts';
import { KubeError } from '../lib/k8s/errors';
import { scanClusters } from '../lib/k8s/scan-clusters';
import { buildReport } from '../lib/report/build-report';
import type { Report } from '../lib/report/types';
import type { Snapshot } from '../lib/snapshot/types';
import { type CliIo, UsageError } from './io';

export interface ClusterFlags {
  kubeconfig?: string[];
  context?: string[];
  'all-contexts'?: boolean;
  'in-cluster'?: boolean;
  timeout?: string;
}

/**
 * Scan live clusters: each context on its own (one unreachable cluster is an error line, the others
 * still report). Progress goes to stderr when it is a terminal.
 */
export async function scanClusterInput(io: CliIo, flags: ClusterFlags, config: DrydockConfig): Promise<{ report: Report; snapshot: Snapshot }> {
  const timeoutMs = flags.timeout === undefined ? 30_000 : Number(flags.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout must be a number of seconds (got "${flags.timeout}")`, true);
  let targets;
  try {
    targets = resolveTargets({ kubeconfig: flags.kubeconfig, contexts: flags.context, allContexts: flags['all-contexts'], inCluster: flags['in-cluster'], env: io.env });
  } catch (e) {
    if (e instanceof KubeError) throw new UsageError(e.message);
    throw e;
  }
  const startedAt = new Date();
  const { snapshot, results } = await scanClusters(targets, { config, requester: { timeoutMs } });
  for (const r of results) {
    if (r.fatal) io.stderr.write(`drydock: error: ${r.fatal}\n`);
    else io.stderr.write(`drydock: ${r.cluster}: ${r.entries.length} objects in ${r.stats.requests} requests (${(r.stats.ms / 1000).toFixed(1)} s)${r.errors.length ? `, ${r.errors.length} unreadable` : ''}\n`);
  }
  for (const e of snapshot.errors.filter((e) => e.resource !== '*')) io.stderr.write(`drydock: warning: ${e.message} — ${e.effect}\n`);
  if (results.every((r) => r.fatal)) throw new UsageError('no cluster could be scanned');
  const report = buildReport(snapshot, { config, startedAt, now: new Date() });
  return { report, snapshot };
}

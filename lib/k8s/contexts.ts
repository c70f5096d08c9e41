import 'server-only';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeError } from './errors';

export interface ClusterTarget {
  /** The context name (or "in-cluster"): how the cluster is named in reports. */
  name: string;
  kc: KubeConfig;
  /**
   * Why this context cannot be scanned (its exec plugin is missing, its cluster has no server), when
   * other contexts of the same scan can: it becomes that cluster's own fatal error and the rest are
   * still scanned. A scan whose every context is unusable fails with the first reason instead.
   */
  problem?: KubeError;
}

export interface TargetOptions {
  /** Explicit kubeconfig file(s); else $KUBECONFIG (a path-delimited list), else ~/.kube/config. */
  kubeconfig?: string[];
  contexts?: string[];
  allContexts?: boolean;
  /** Use the pod's service account (also chosen automatically when no kubeconfig exists in a pod). */
  inCluster?: boolean;
  env?: Record<string, string | undefined>;
}

const SA_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * The clusters to scan. Never falls back to `http://localhost:8080` the way client-node's
 * `loadFromDefault` does when nothing is configured: no kubeconfig is an error that says so.
 */
export function resolveTargets(opts: TargetOptions = {}): ClusterTarget[] {
  const env = opts.env ?? process.env;
  if (opts.inCluster) return [inClusterTarget()];
  const files = opts.kubeconfig?.length
    ? opts.kubeconfig
    : env.KUBECONFIG
      ? env.KUBECONFIG.split(path.delimiter).filter(Boolean)
      : [path.join(env.HOME ?? '', '.kube', 'config')];
  const existing = files.filter((f) => existsSync(f));
  if (!existing.length) {
    if (!opts.kubeconfig?.length && env.KUBERNETES_SERVICE_HOST && existsSync(SA_TOKEN)) return [inClusterTarget()];
    throw new KubeError(`no kubeconfig found (looked for ${files.join(', ')}); set KUBECONFIG or pass --kubeconfig`, null, 'BadConfig');
  }
  const base = new KubeConfig();
  try {
    base.loadFromFile(existing[0]!);
    for (const f of existing.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(f);
      base.mergeConfig(more);
    }
  } catch (e) {
    throw new KubeError(`cannot read kubeconfig ${existing.join(':')}: ${(e as Error).message.split('\n')[0]}`, null, 'BadConfig');
  }
  const all = base.getContexts().map((c) => c.name);
  let names: string[];
  if (opts.allContexts) names = all;
  else if (opts.contexts?.length) names = opts.contexts;
  else {
    const current = base.getCurrentContext();
    if (!current) throw new KubeError(`kubeconfig ${existing.join(':')} has no current-context; pass --context (one of: ${all.join(', ') || 'none'})`, null, 'BadConfig');
    names = [current];
  }
  if (!names.length) throw new KubeError(`kubeconfig ${existing.join(':')} defines no contexts`, null, 'BadConfig');
  // A context that is not in the kubeconfig is a typo in what was asked for: that stays an error.
  for (const name of names) if (!all.includes(name)) throw new KubeError(`context ${name} is not in the kubeconfig (have: ${all.join(', ')})`, null, 'BadConfig');
  const targets = names.map((name): ClusterTarget => {
    try {
      return targetFor(base, name, all);
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
      return { name, kc: base, problem: e };
    }
  });
  const usable = targets.filter((t) => !t.problem);
  if (!usable.length) throw targets[0]!.problem!;
  return targets;
}

function targetFor(base: KubeConfig, name: string, all: string[]): ClusterTarget {
  if (!all.includes(name)) throw new KubeError(`context ${name} is not in the kubeconfig (have: ${all.join(', ')})`, null, 'BadConfig');
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: base.clusters, users: base.users, contexts: base.contexts, currentContext: name });
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) throw new KubeError(`context ${name}: its cluster has no server address`, null, 'BadConfig');
  const user = kc.getCurrentUser();
  const exec = user?.exec as { command?: string } | undefined;
  if (exec?.command && !commandExists(exec.command)) {
    throw new KubeError(`context ${name}: exec credential plugin "${exec.command}" was not found on PATH (users[${user!.name}].exec.command)`, null, 'AuthError');
  }
  return { name, kc };
}

function inClusterTarget(): ClusterTarget {
  const kc = new KubeConfig();
  try {
    kc.loadFromCluster();
  } catch (e) {
    throw new KubeError(`in-cluster config unavailable: ${(e as Error).message}`, null, 'BadConfig');
  }
  if (!kc.getCurrentCluster()?.server || kc.getCurrentCluster()?.server.includes('undefined')) {
    throw new KubeError('in-cluster config unavailable: KUBERNETES_SERVICE_HOST/PORT are not set', null, 'BadConfig');
  }
  return { name: 'in-cluster', kc };
}

function commandExists(cmd: string): boolean {
  if (cmd.includes('/')) return isExecutable(cmd);
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, cmd)));
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

import type { App } from '../../apps/types';
import { controllerOf } from '../../apps/workload-shape';

/**
 * Shared preconditions of the availability checks (checks.md Conventions: kind out of scope and
 * fewer than 2 replicas are N/A, with the reason).
 */

/** Kinds that run N interchangeable replicas behind a selector: what spread, PDB and HPA checks are about. */
export const REPLICATED_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet'] as const;

/** N/A reason when the app is not a replicated long-running workload, else null. */
export function replicatedKindReason(app: App): string | null {
  switch (app.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return null;
    case 'DaemonSet':
      return 'A DaemonSet runs one pod per eligible node: its spread and disruption follow the nodes, not a replica count';
    case 'Job':
    case 'CronJob':
      return `A ${app.kind} runs to completion: replica spread and disruption budgets are for long-running workloads`;
    case 'Pod':
      return 'A bare Pod has no controller to keep replicas (run it from a Deployment or StatefulSet to make it highly available)';
  }
}

/** Where `app.replicas` comes from, for messages: "HPA web minReplicas 1", "spec.replicas 3", "replicas unset (1)". */
export function replicaSource(app: App): string {
  const hpa = app.related.hpas[0];
  if (hpa) {
    const min = hpa.spec?.minReplicas;
    return typeof min === 'number' ? `HPA ${hpa.metadata.name} minReplicas ${min}` : `HPA ${hpa.metadata.name} minReplicas unset, defaults to 1`;
  }
  if (app.specReplicas !== undefined) return `spec.replicas ${app.specReplicas}`;
  return 'spec.replicas unset, defaults to 1';
}

/** N/A reason when fewer than 2 replicas run (nothing to spread or budget), else null. */
export function belowTwoReplicasReason(app: App, what: string): string | null {
  const n = app.replicas ?? 0;
  if (n >= 2) return null;
  return `Runs ${n} replica${n === 1 ? '' : 's'} (${replicaSource(app)}): ${what} needs at least 2`;
}

/** Kind and replica preconditions together, for the spread and PDB checks. */
export function spreadScopeReason(app: App, what: string): string | null {
  return replicatedKindReason(app) ?? belowTwoReplicasReason(app, what);
}

/** The custom controller that owns a top-level ReplicaSet (e.g. an Argo Rollout), if any. */
export function foreignOwner(app: App): string | null {
  if (app.kind !== 'ReplicaSet') return null;
  const owner = controllerOf(app.workload);
  return owner ? `${owner.kind} ${owner.name}` : null;
}

const RWO_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'];

/**
 * ReadWriteOnce (or ReadWriteOncePod) claims the pod template mounts by name: every replica shares
 * the same volume, which attaches to one node only (StatefulSet volumeClaimTemplates are per replica
 * and do not count). Scaling out or spreading such replicas over nodes ends in "Multi-Attach" errors,
 * so the availability fixes turn into advice for them (see storage-rwo-shared).
 * https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes
 */
export function sharedRwoClaims(app: App): string[] {
  const volumes: unknown[] = Array.isArray(app.podSpec?.volumes) ? app.podSpec.volumes : [];
  const names = new Set(
    volumes
      .map((v) => (v && typeof v === 'object' ? (v as { persistentVolumeClaim?: { claimName?: unknown } }).persistentVolumeClaim?.claimName : undefined))
      .filter((n): n is string => typeof n === 'string'),
  );
  return app.related.pvcs
    .filter((c) => names.has(c.metadata.name) && (Array.isArray(c.spec?.accessModes) ? c.spec.accessModes : []).some((m: unknown) => RWO_MODES.includes(String(m))))
    .map((c) => c.metadata.name);
}

/** Advice text for replicas that share a ReadWriteOnce claim. */
export function sharedRwoAdvice(claims: string[], what: string): string {
  return (
    `The pods mount ReadWriteOnce claim ${claims.join(', ')}, which attaches to one node only: ${what} would leave pods stuck on "Multi-Attach error". ` +
    'Give each replica its own claim (a StatefulSet with volumeClaimTemplates) or move the data to ReadWriteMany storage first (see storage-rwo-shared).'
  );
}

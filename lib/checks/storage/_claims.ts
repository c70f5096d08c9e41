import type { App } from '../../apps/types';
import type { Json, KubeObject } from '../../snapshot/types';
import { isObject } from '../helpers';

/**
 * PersistentVolumeClaims as the storage checks see them: which claims the pod uses, their access
 * modes, and where the bound volume lives (private: the registry ignores `_*` files).
 * https://kubernetes.io/docs/concepts/storage/persistent-volumes/
 */

export interface ClaimUse {
  /** The pod volume (or volumeClaimTemplate) name. */
  volume: string;
  /** The claim as referenced: `claimName`, or the template name. */
  claimName: string;
  /** JSON pointer to the volume or the volumeClaimTemplate in the workload. */
  path: string;
  source: 'volume' | 'template';
  /**
   * The claim objects: the referenced PVC; for a template its live claims (`<template>-<sts>-<n>`)
   * or, offline, the template itself. Empty when the claim is not in the snapshot.
   */
  pvcs: KubeObject[];
}

/**
 * Claims the pod uses. A StatefulSet's volumeClaimTemplate replaces a pod volume of the same name
 * (the controller's `updateStorage` does exactly that), so the template wins here.
 */
export function claimUses(app: App): ClaimUse[] {
  const out: ClaimUse[] = [];
  const templates: Json[] = app.kind === 'StatefulSet' && Array.isArray(app.workload.spec?.volumeClaimTemplates) ? app.workload.spec.volumeClaimTemplates : [];
  const templateNames = new Set(templates.map((t) => t?.metadata?.name).filter((n): n is string => typeof n === 'string'));
  const vols: unknown[] = Array.isArray(app.podSpec?.volumes) ? app.podSpec.volumes : [];
  vols.forEach((v, index) => {
    if (!isObject(v) || typeof v.name !== 'string' || templateNames.has(v.name)) return;
    const claimName = isObject(v.persistentVolumeClaim) ? v.persistentVolumeClaim.claimName : undefined;
    if (typeof claimName !== 'string') return;
    const pvc = app.related.pvcs.find((c) => c.metadata.name === claimName);
    out.push({ volume: v.name, claimName, path: `${app.podSpecPath}/volumes/${index}`, source: 'volume', pvcs: pvc ? [pvc] : [] });
  });
  templates.forEach((t, index) => {
    const name = t?.metadata?.name;
    if (typeof name !== 'string') return;
    const live = app.related.pvcs.filter((c) => c.metadata.name.startsWith(`${name}-${app.name}-`));
    const synthetic = app.related.pvcs.filter((c) => c.metadata.name === name);
    const fallback: KubeObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: app.namespace }, spec: t?.spec ?? {} };
    out.push({ volume: name, claimName: name, path: `/spec/volumeClaimTemplates/${index}`, source: 'template', pvcs: live.length ? live : synthetic.length ? synthetic : [fallback] });
  });
  return out;
}

/** The claim's access modes: the bound volume's (`status.accessModes`) when known, else the requested ones. */
export function accessModesOf(pvc: KubeObject): string[] {
  const status: unknown = pvc.status?.accessModes;
  const spec: unknown = pvc.spec?.accessModes;
  const pick = Array.isArray(status) && status.length ? status : Array.isArray(spec) ? spec : [];
  return pick.map(String);
}

/** The PersistentVolume bound to the claim, when the snapshot has it. */
export function boundPv(app: App, pvc: KubeObject): KubeObject | undefined {
  const name: unknown = pvc.spec?.volumeName;
  if (typeof name === 'string' && name) {
    const byName = app.related.pvs.find((p) => p.metadata.name === name);
    if (byName) return byName;
  }
  return app.related.pvs.find((p) => p.spec?.claimRef?.name === pvc.metadata.name && (p.spec?.claimRef?.namespace ?? app.namespace) === app.namespace);
}

/**
 * The claim's storage class: `storageClassName`, else the legacy annotation, else the default class.
 * `storageClassName: ""` means "no class" (static binding only): it never falls back to the default.
 * https://kubernetes.io/docs/concepts/storage/persistent-volumes/#class-1
 */
export function storageClassOf(app: App, pvc: KubeObject): KubeObject | undefined {
  const explicit: unknown = pvc.spec?.storageClassName ?? pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (explicit === '') return undefined;
  if (typeof explicit === 'string') return app.related.storageClasses.find((s) => s.metadata.name === explicit);
  const ann = (s: KubeObject, k: string) => s.metadata.annotations?.[k] === 'true';
  return app.related.storageClasses.find((s) => ann(s, 'storageclass.kubernetes.io/is-default-class') || ann(s, 'storageclass.beta.kubernetes.io/is-default-class'));
}

/** Provisioners / CSI drivers whose volumes live on one node's disks (kept in step with lib/facts/data-placement.ts). */
const LOCAL_DRIVERS = [/no-provisioner/, /local-path/, /openebs\.io\/local/, /topolvm/, /local\.csi/, /lvm\.csi/, /hostpath/i];
/** File storage: mounted over the network without a node attach, so no Multi-Attach error. */
const FILE_DRIVERS = [/nfs/, /efs\.csi\.aws\.com/, /cephfs/, /file\.csi\.azure\.com/, /kubernetes\.io\/azure-file/, /filestore/, /glusterfs/, /smb\.csi/];
const FILE_PV_SOURCES = ['nfs', 'cephfs', 'glusterfs', 'azureFile', 'quobyte'];
/** Network block storage: attached to one node at a time, movable to any node (kept in step with data-placement.ts). */
const BLOCK_DRIVERS = [/ebs\.csi\.aws\.com/, /pd\.csi\.storage\.gke\.io/, /disk\.csi\.azure\.com/, /kubernetes\.io\/(aws-ebs|gce-pd|azure-disk|cinder|rbd|vsphere-volume|portworx-volume)/, /cinder\.csi/, /rbd\.csi\.ceph\.com/, /csi\.vsphere\.vmware\.com/, /driver\.longhorn\.io/, /diskplugin\.csi\.alibabacloud\.com/, /linstor/, /portworx/];

export type Placement =
  /** Node-local disk: the pod can only run where the data is. */
  | { kind: 'local'; why: string; nodes: string[] }
  /** A hostPath PV: data is on whichever node the pod lands on; nothing keeps the pod there. */
  | { kind: 'hostPath'; why: string; nodes: string[] }
  /** Network file storage (no attach step). */
  | { kind: 'file'; why: string; nodes: string[] }
  /** Anything else (network block storage, unknown drivers): not tied to one node. */
  | { kind: 'other'; why: string; nodes: string[] };

/** Where a bound PersistentVolume keeps its data. */
export function pvPlacement(pv: KubeObject): Placement {
  const name = pv.metadata.name;
  const nodes = hostnameAffinity(pv.spec?.nodeAffinity?.required);
  const driver: string | undefined = typeof pv.spec?.csi?.driver === 'string' ? pv.spec.csi.driver : undefined;
  if (pv.spec?.local) return { kind: 'local', why: `PV ${name} is a local volume (${pv.spec.local.path ?? '?'})`, nodes };
  if (pv.spec?.hostPath) return { kind: 'hostPath', why: `PV ${name} is a hostPath volume (${pv.spec.hostPath.path ?? '?'})`, nodes };
  if (driver && LOCAL_DRIVERS.some((r) => r.test(driver))) return { kind: 'local', why: `PV ${name} comes from the node-local CSI driver ${driver}`, nodes };
  if (nodes.length) return { kind: 'local', why: `PV ${name}${driver ? ` (CSI ${driver})` : ''} is pinned by node affinity to kubernetes.io/hostname`, nodes };
  const fileSrc = FILE_PV_SOURCES.find((s) => pv.spec?.[s]);
  if (fileSrc) return { kind: 'file', why: `PV ${name} is ${fileSrc} file storage`, nodes };
  if (driver && FILE_DRIVERS.some((r) => r.test(driver))) return { kind: 'file', why: `PV ${name} is file storage (CSI ${driver})`, nodes };
  return { kind: 'other', why: `PV ${name}${driver ? ` (CSI ${driver})` : ''} is not tied to one node`, nodes };
}

/** Where volumes of a storage class will live, from its provisioner; null when the class says nothing we know. */
export function classPlacement(sc: KubeObject): Placement | null {
  const prov: unknown = sc.provisioner;
  if (typeof prov !== 'string') return null;
  const name = sc.metadata.name;
  if (LOCAL_DRIVERS.some((r) => r.test(prov))) return { kind: 'local', why: `storage class ${name} provisions node-local volumes (${prov})`, nodes: [] };
  if (FILE_DRIVERS.some((r) => r.test(prov))) return { kind: 'file', why: `storage class ${name} provisions file storage (${prov})`, nodes: [] };
  if (BLOCK_DRIVERS.some((r) => r.test(prov))) return { kind: 'other', why: `storage class ${name} provisions network disks (${prov})`, nodes: [] };
  return null;
}

/** Where the claim's data lives: from the bound PV, else from the storage class; null when unknown. */
export function claimPlacement(app: App, pvc: KubeObject): Placement | null {
  const pv = boundPv(app, pvc);
  if (pv) return pvPlacement(pv);
  const sc = storageClassOf(app, pvc);
  return sc ? classPlacement(sc) : null;
}

/** Host names a required node selector allows, when every term pins `kubernetes.io/hostname` with `In`. */
export function hostnameAffinity(required: Json): string[] {
  const terms: Json[] = Array.isArray(required?.nodeSelectorTerms) ? required.nodeSelectorTerms : [];
  if (!terms.length) return [];
  const hosts = new Set<string>();
  for (const t of terms) {
    const exprs: Json[] = Array.isArray(t?.matchExpressions) ? t.matchExpressions : [];
    const e = exprs.find((x) => x?.key === 'kubernetes.io/hostname' && x?.operator === 'In' && Array.isArray(x.values) && x.values.length);
    if (!e) return [];
    for (const v of e.values) hosts.add(String(v));
  }
  return [...hosts];
}

/** The one node the pod spec pins every replica to (nodeName, a hostname nodeSelector or required affinity), if any. */
export function pinnedNode(podSpec: Json): string | null {
  if (typeof podSpec?.nodeName === 'string' && podSpec.nodeName) return podSpec.nodeName;
  const sel = podSpec?.nodeSelector?.['kubernetes.io/hostname'];
  if (typeof sel === 'string' && sel) return sel;
  const hosts = hostnameAffinity(podSpec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
  return hosts.length === 1 ? hosts[0]! : null;
}

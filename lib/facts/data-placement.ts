import type { App } from '../apps/types';
import type { Json, KubeObject } from '../snapshot/types';
import { allContainers, volumeMounts } from '../checks/helpers/containers';
import { isDefaultStorageClass } from '../apps/build-apps';

export type DataClass =
  | 'container-layer'
  | 'emptyDir-disk'
  | 'emptyDir-memory'
  | 'hostPath'
  | 'pvc-local'
  | 'pvc-network'
  | 'pvc-unknown'
  | 'ephemeral-volume'
  | 'network-inline'
  | 'configMap'
  | 'secret'
  | 'projected'
  | 'downwardAPI'
  | 'other';

export interface DataPlacementRow {
  volume: string;
  class: DataClass;
  mountedBy: string[];
  mounts: { container: string; mountPath: string; readOnly: boolean; subPath: string | null }[];
  /** What decided the class, e.g. "PVC data → PV pv-7 (local, node-3)". */
  detail: string;
}

/** CSI drivers and provisioners whose volumes live on one node's disks. */
const LOCAL_PROVISIONERS = [/no-provisioner/, /local-path/, /openebs\.io\/local/, /topolvm/, /local\.csi/, /lvm\.csi/, /hostpath/i];
/** Well-known network block/file storage. */
const NETWORK_PROVISIONERS = [/ebs\.csi\.aws\.com/, /efs\.csi\.aws\.com/, /pd\.csi\.storage\.gke\.io/, /filestore/, /disk\.csi\.azure\.com/, /file\.csi\.azure\.com/, /kubernetes\.io\/(aws-ebs|gce-pd|azure-disk|azure-file|cinder|rbd|glusterfs|vsphere-volume|portworx-volume)/, /cinder\.csi/, /rbd\.csi\.ceph\.com/, /cephfs\.csi\.ceph\.com/, /nfs/, /csi\.vsphere\.vmware\.com/, /driver\.longhorn\.io/, /diskplugin\.csi\.alibabacloud\.com/, /linstor/, /portworx/];
const NETWORK_PV_SOURCES = ['nfs', 'awsElasticBlockStore', 'gcePersistentDisk', 'azureDisk', 'azureFile', 'rbd', 'cephfs', 'iscsi', 'fc', 'glusterfs', 'cinder', 'vsphereVolume', 'portworxVolume', 'quobyte', 'storageos', 'flocker', 'scaleIO', 'photonPersistentDisk'];

/**
 * Every volume of the app classified by where its data physically lives, with the containers that
 * mount it; plus the container layer for containers whose root filesystem is writable
 * (writes there go to the overlayfs upper layer and are lost with the container).
 */
export function dataPlacement(app: App): DataPlacementRow[] {
  const containers = allContainers(app);
  const rows: DataPlacementRow[] = [];
  const writableRoot = containers.filter((c) => c.container?.securityContext?.readOnlyRootFilesystem !== true).map((c) => c.name);
  if (writableRoot.length) {
    rows.push({ volume: '(container root filesystem)', class: 'container-layer', mountedBy: writableRoot, mounts: [], detail: 'readOnlyRootFilesystem is not true: writes land in the overlay layer and vanish with the container' });
  }
  const templateNames = new Set<string>(app.kind === 'StatefulSet' ? ((app.workload.spec?.volumeClaimTemplates ?? []) as Json[]).map((t) => t?.metadata?.name).filter((n): n is string => typeof n === 'string') : []);
  const volumes: Json[] = Array.isArray(app.podSpec?.volumes) ? app.podSpec.volumes : [];
  for (const v of volumes) {
    if (!v || typeof v.name !== 'string') continue;
    // A volumeClaimTemplate of the same name replaces the pod volume (the StatefulSet controller's rule).
    if (templateNames.has(v.name)) continue;
    const mounts = containers.flatMap((c) =>
      volumeMounts(c.container)
        .filter((m) => m.name === v.name)
        .map((m) => ({ container: c.name, mountPath: String(m.mountPath ?? ''), readOnly: m.readOnly === true, subPath: typeof m.subPath === 'string' ? m.subPath : null })),
    );
    const { cls, detail } = classifyVolume(v, app);
    rows.push({ volume: v.name, class: cls, mountedBy: [...new Set(mounts.map((m) => m.container))], mounts, detail });
  }
  if (app.kind === 'StatefulSet') {
    for (const t of (app.workload.spec?.volumeClaimTemplates ?? []) as Json[]) {
      const name = t?.metadata?.name;
      if (typeof name !== 'string') continue;
      const mounts = containers.flatMap((c) =>
        volumeMounts(c.container)
          .filter((m) => m.name === name)
          .map((m) => ({ container: c.name, mountPath: String(m.mountPath ?? ''), readOnly: m.readOnly === true, subPath: typeof m.subPath === 'string' ? m.subPath : null })),
      );
      const { cls, detail } = classifyClaim(name, app, t?.spec);
      rows.push({ volume: name, class: cls, mountedBy: [...new Set(mounts.map((m) => m.container))], mounts, detail: `volumeClaimTemplate: ${detail}` });
    }
  }
  return rows;
}

function classifyVolume(v: Json, app: App): { cls: DataClass; detail: string } {
  if (v.emptyDir !== undefined) {
    const mem = v.emptyDir?.medium === 'Memory';
    const size = v.emptyDir?.sizeLimit ? `sizeLimit ${v.emptyDir.sizeLimit}` : 'no sizeLimit';
    return { cls: mem ? 'emptyDir-memory' : 'emptyDir-disk', detail: mem ? `tmpfs, counts against the memory limit; ${size}` : `node's ephemeral storage, lives as long as the pod; ${size}` };
  }
  if (v.hostPath) return { cls: 'hostPath', detail: `host path ${v.hostPath.path ?? '?'}${v.hostPath.type ? ` (${v.hostPath.type})` : ''}: ties the pod to the node's files` };
  if (v.persistentVolumeClaim) return classifyClaim(String(v.persistentVolumeClaim.claimName ?? ''), app);
  if (v.ephemeral) return { cls: 'ephemeral-volume', detail: `generic ephemeral volume (storage class ${v.ephemeral?.volumeClaimTemplate?.spec?.storageClassName ?? 'default'}), deleted with the pod` };
  if (v.configMap) return { cls: 'configMap', detail: `ConfigMap ${v.configMap.name ?? '?'}` };
  if (v.secret) return { cls: 'secret', detail: `Secret ${v.secret.secretName ?? '?'}` };
  if (v.projected) return { cls: 'projected', detail: `projected: ${(v.projected.sources ?? []).map((s: Json) => Object.keys(s ?? {})[0]).join(', ')}` };
  if (v.downwardAPI) return { cls: 'downwardAPI', detail: 'pod metadata as files' };
  for (const src of NETWORK_PV_SOURCES) if (v[src]) return { cls: 'network-inline', detail: `inline ${src} volume` };
  if (v.csi) return { cls: 'other', detail: `inline CSI volume (${v.csi.driver ?? '?'})` };
  return { cls: 'other', detail: Object.keys(v).filter((k) => k !== 'name').join(', ') || 'unknown volume type' };
}

function classifyClaim(claimName: string, app: App, templateSpec?: Json): { cls: DataClass; detail: string } {
  const pvc: KubeObject | undefined =
    app.related.pvcs.find((c) => c.metadata.name === claimName) ?? app.related.pvcs.find((c) => c.metadata.name.startsWith(`${claimName}-${app.name}-`));
  const spec = pvc?.spec ?? templateSpec;
  const modes: string[] = Array.isArray(spec?.accessModes) ? spec.accessModes : [];
  const modeText = modes.length ? ` ${modes.join(',')}` : '';
  if (!spec) return { cls: 'pvc-unknown', detail: `PVC ${claimName} is not in the snapshot` };
  const pv = typeof spec.volumeName === 'string' ? app.related.pvs.find((p) => p.metadata.name === spec.volumeName) : undefined;
  if (pv) {
    if (pv.spec?.local || pv.spec?.hostPath) {
      const node = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0]?.values?.[0];
      return { cls: 'pvc-local', detail: `PVC ${claimName}${modeText} → PV ${pv.metadata.name} (local disk${node ? ` on ${node}` : ''})` };
    }
    for (const src of NETWORK_PV_SOURCES) if (pv.spec?.[src]) return { cls: 'pvc-network', detail: `PVC ${claimName}${modeText} → PV ${pv.metadata.name} (${src})` };
    const driver: string | undefined = pv.spec?.csi?.driver;
    if (driver) {
      if (LOCAL_PROVISIONERS.some((r) => r.test(driver))) return { cls: 'pvc-local', detail: `PVC ${claimName}${modeText} → PV ${pv.metadata.name} (CSI ${driver}, node-local)` };
      if (NETWORK_PROVISIONERS.some((r) => r.test(driver))) return { cls: 'pvc-network', detail: `PVC ${claimName}${modeText} → PV ${pv.metadata.name} (CSI ${driver})` };
    }
  }
  const scName: string | undefined = spec.storageClassName;
  // storageClassName "" means "no class" (static binding): it never falls back to the default class.
  const sc = scName === '' ? undefined : app.related.storageClasses.find((s) => (scName !== undefined ? s.metadata.name === scName : isDefaultStorageClass(s)));
  const prov: string | undefined = typeof sc?.provisioner === 'string' ? sc.provisioner : undefined;
  if (prov) {
    if (LOCAL_PROVISIONERS.some((r) => r.test(prov))) return { cls: 'pvc-local', detail: `PVC ${claimName}${modeText}, storage class ${sc!.metadata.name} (${prov}: node-local)` };
    if (NETWORK_PROVISIONERS.some((r) => r.test(prov))) return { cls: 'pvc-network', detail: `PVC ${claimName}${modeText}, storage class ${sc!.metadata.name} (${prov})` };
  }
  return { cls: 'pvc-unknown', detail: `PVC ${claimName}${modeText}${scName ? `, storage class ${scName}` : ''}: where the data lives depends on a storage class the scan cannot see` };
}

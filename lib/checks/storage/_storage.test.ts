import { describe, expect, it } from 'vitest';
import type { App } from '../../apps/types';
import type { KubeObject } from '../../snapshot/types';
import type { ContainerRef } from '../helpers';
import { accessModesOf, classPlacement, hostnameAffinity, pinnedNode, pvPlacement, storageClassOf } from './_claims';
import { DEFAULT_EMPTYDIR_SIZE_LIMIT, ephemeralStorage, normalizePath, proposedSizeLimit, uniqueVolumeName } from './_emptydir';
import { criticalHostPath } from './storage-hostpath';
import { surgePods } from './storage-rwo-shared';

const obj = (kind: string, name: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name, ...meta }, ...rest });
const ref = (container: unknown): ContainerRef => ({ name: 'c', role: 'app', index: 0, list: 'containers', path: '/spec/containers/0', container });

describe('surgePods (deployment controller rounding)', () => {
  it('defaults to 25% rounded up: one surge pod even for one replica', () => {
    expect(surgePods(undefined, 1)).toEqual({ type: 'RollingUpdate', raw: '25%', pods: 1 });
    expect(surgePods({}, 4)).toMatchObject({ pods: 1 });
    expect(surgePods({}, 5)).toMatchObject({ pods: 2 });
  });
  it('reads integers, percentages and Recreate', () => {
    expect(surgePods({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0 } }, 1)).toMatchObject({ pods: 0 });
    expect(surgePods({ rollingUpdate: { maxSurge: '0%' } }, 3)).toMatchObject({ pods: 0 });
    expect(surgePods({ rollingUpdate: { maxSurge: '10%' } }, 1)).toMatchObject({ pods: 1 });
    expect(surgePods({ rollingUpdate: { maxSurge: 2 } }, 1)).toMatchObject({ pods: 2 });
    expect(surgePods({ type: 'Recreate' }, 3)).toMatchObject({ type: 'Recreate', pods: 0 });
    expect(surgePods({}, 0)).toMatchObject({ pods: 0 });
  });
  it('returns null for a value it cannot read', () => {
    expect(surgePods({ rollingUpdate: { maxSurge: '<CHANGE-ME: surge>' } }, 1).pods).toBeNull();
  });
});

describe('criticalHostPath', () => {
  it.each(['/', '/etc', '/etc/', '/var/run', '/run', '/var/lib/kubelet', '/var/lib/docker', '/var/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/crio/crio.sock', '/run/containerd', '//var//run/'])('%s is critical', (p) => {
    expect(criticalHostPath(p)).not.toBeNull();
  });
  it.each(['/var/log', '/proc', '/sys', '/etc/ssl/certs', '/var/lib/docker/containers', '/srv/data', '/data/docker.sock.bak'])('%s is not critical by itself', (p) => {
    expect(criticalHostPath(p)).toBeNull();
  });
});

describe('emptyDir helpers', () => {
  it('normalizes mount paths', () => {
    expect(normalizePath('/tmp/')).toBe('/tmp');
    expect(normalizePath('//tmp//x/')).toBe('/tmp/x');
    expect(normalizePath('/')).toBe('/');
  });
  it('reads ephemeral-storage from the container, a limit-as-request, or a LimitRange', () => {
    const lr = obj('LimitRange', 'd', { spec: { limits: [{ type: 'Container', default: { 'ephemeral-storage': '2Gi' }, defaultRequest: { 'ephemeral-storage': '500Mi' } }] } });
    expect(ephemeralStorage({ resources: { limits: { 'ephemeral-storage': '3Gi' } } }, 'limits', [])).toBe('3Gi');
    expect(ephemeralStorage({ resources: { limits: { 'ephemeral-storage': '3Gi' } } }, 'requests', [])).toBe('3Gi');
    expect(ephemeralStorage({}, 'limits', [lr])).toBe('2Gi');
    expect(ephemeralStorage({}, 'requests', [lr])).toBe('500Mi');
    expect(ephemeralStorage({ resources: { limits: { memory: '1Gi' } } }, 'limits', [])).toBeNull();
  });
  it('proposes 1Gi unless a larger ephemeral-storage request says more', () => {
    expect(proposedSizeLimit([ref({})], [])).toBe(DEFAULT_EMPTYDIR_SIZE_LIMIT);
    expect(proposedSizeLimit([ref({ resources: { requests: { 'ephemeral-storage': '100Mi' } } })], [])).toBe('1Gi');
    expect(proposedSizeLimit([ref({ resources: { requests: { 'ephemeral-storage': '5G' } } }), ref({ resources: { requests: { 'ephemeral-storage': '3Gi' } } })], [])).toBe('5G');
  });
  it('picks unused DNS-label volume names', () => {
    const podSpec = { volumes: [{ name: 'tmp' }, { name: 'tmp-2' }] };
    expect(uniqueVolumeName(podSpec, 'tmp')).toBe('tmp-3');
    expect(uniqueVolumeName(podSpec, 'Web_Server-scratch')).toBe('web-server-scratch');
    expect(uniqueVolumeName({}, 'x'.repeat(80)).length).toBeLessThanOrEqual(63);
  });
});

describe('claim helpers', () => {
  const appWith = (related: Partial<App['related']>): App => ({ namespace: 'ns', related: { pvcs: [], pvs: [], storageClasses: [], ...related } }) as unknown as App;

  it('prefers the bound access modes over the requested ones', () => {
    expect(accessModesOf(obj('PersistentVolumeClaim', 'a', { spec: { accessModes: ['ReadWriteOnce'] }, status: { accessModes: ['ReadWriteMany'] } }))).toEqual(['ReadWriteMany']);
    expect(accessModesOf(obj('PersistentVolumeClaim', 'a', { spec: { accessModes: ['ReadWriteOncePod'] } }))).toEqual(['ReadWriteOncePod']);
  });

  it('storageClassName "" never falls back to the default class; unset does', () => {
    const dflt = obj('StorageClass', 'gp3', { provisioner: 'ebs.csi.aws.com' }, { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } });
    const beta = obj('StorageClass', 'old', { provisioner: 'kubernetes.io/aws-ebs' }, { annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } });
    expect(storageClassOf(appWith({ storageClasses: [dflt] }), obj('PersistentVolumeClaim', 'a', { spec: { storageClassName: '' } }))).toBeUndefined();
    expect(storageClassOf(appWith({ storageClasses: [dflt] }), obj('PersistentVolumeClaim', 'a', { spec: {} }))?.metadata.name).toBe('gp3');
    expect(storageClassOf(appWith({ storageClasses: [beta] }), obj('PersistentVolumeClaim', 'a', { spec: {} }))?.metadata.name).toBe('old');
  });

  it('classifies PVs: local, hostPath, hostname-pinned CSI, file, other', () => {
    const affinity = (key: string, v: string[]) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator: 'In', values: v }] }] } });
    expect(pvPlacement(obj('PersistentVolume', 'p', { spec: { local: { path: '/mnt' }, nodeAffinity: affinity('kubernetes.io/hostname', ['n1']) } }))).toMatchObject({ kind: 'local', nodes: ['n1'] });
    expect(pvPlacement(obj('PersistentVolume', 'p', { spec: { hostPath: { path: '/srv' } } }))).toMatchObject({ kind: 'hostPath', nodes: [] });
    expect(pvPlacement(obj('PersistentVolume', 'p', { spec: { csi: { driver: 'vendor.example.com' }, nodeAffinity: affinity('kubernetes.io/hostname', ['n2']) } }))).toMatchObject({ kind: 'local', nodes: ['n2'] });
    expect(pvPlacement(obj('PersistentVolume', 'p', { spec: { csi: { driver: 'ebs.csi.aws.com' }, nodeAffinity: affinity('topology.kubernetes.io/zone', ['a']) } }))).toMatchObject({ kind: 'other' });
    expect(pvPlacement(obj('PersistentVolume', 'p', { spec: { csi: { driver: 'efs.csi.aws.com' } } }))).toMatchObject({ kind: 'file' });
    expect(pvPlacement(obj('PersistentVolume', 'p', { spec: { nfs: { server: 's', path: '/' } } }))).toMatchObject({ kind: 'file' });
  });

  it('classifies storage classes by provisioner, null when unknown', () => {
    expect(classPlacement(obj('StorageClass', 's', { provisioner: 'rancher.io/local-path' }))?.kind).toBe('local');
    expect(classPlacement(obj('StorageClass', 's', { provisioner: 'nfs.csi.k8s.io' }))?.kind).toBe('file');
    expect(classPlacement(obj('StorageClass', 's', { provisioner: 'pd.csi.storage.gke.io' }))?.kind).toBe('other');
    expect(classPlacement(obj('StorageClass', 's', { provisioner: 'csi.vendor.example.com' }))).toBeNull();
  });

  it('finds a single pinned node from nodeName, nodeSelector or required affinity', () => {
    expect(pinnedNode({ nodeName: 'n1' })).toBe('n1');
    expect(pinnedNode({ nodeSelector: { 'kubernetes.io/hostname': 'n2' } })).toBe('n2');
    const req = (values: string[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values }] }] } } } });
    expect(pinnedNode(req(['n3']))).toBe('n3');
    expect(pinnedNode(req(['n3', 'n4']))).toBeNull();
    expect(pinnedNode({ nodeSelector: { 'topology.kubernetes.io/zone': 'a' } })).toBeNull();
    // A term without a hostname expression allows any node.
    expect(hostnameAffinity({ nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['a'] }] }, { matchExpressions: [{ key: 'disk', operator: 'Exists' }] }] })).toEqual([]);
  });
});

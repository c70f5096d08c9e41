import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../snapshot/types';
import { imagesOf } from '../fleet/versions';
import { slimObject } from './slim';

const template = {
  metadata: { labels: { app: 'web' } },
  spec: {
    initContainers: [{ name: 'proxy', image: 'envoy:1.31', restartPolicy: 'Always', env: [{ name: 'A', value: '1' }] }],
    containers: [{ name: 'web', image: 'web:2.0', env: [{ name: 'DB', value: 'db:5432' }], readinessProbe: { httpGet: { path: '/ready', port: 80 } } }],
    volumes: [{ name: 'data', emptyDir: {} }],
  },
};

const rs = (owned: boolean): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-5d9f', namespace: 'shop', annotations: { 'deployment.kubernetes.io/revision': '3' }, ...(owned ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u1', controller: true }] } : {}) },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template },
  status: { replicas: 2, readyReplicas: 2 },
});

describe('slimObject', () => {
  it("keeps of a Deployment's ReplicaSet only what its readers use: metadata, replicas, selector and the template's images", () => {
    const out = slimObject(rs(true));
    expect(out.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '3' });
    expect(out.spec).toEqual({
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { initContainers: [{ name: 'proxy', image: 'envoy:1.31', restartPolicy: 'Always' }], containers: [{ name: 'web', image: 'web:2.0' }] } },
    });
    // The fleet's versions read the same images from it (a native sidecar counts).
    expect(imagesOf((out.spec as { template: { spec: unknown } }).template.spec as never)).toEqual({ proxy: 'envoy:1.31', web: 'web:2.0' });
  });

  it('leaves a ReplicaSet without a controller (an app of its own) whole', () => {
    expect(slimObject(rs(false)).spec).toEqual(rs(false).spec);
  });
});

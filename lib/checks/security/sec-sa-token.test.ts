import { describe, expect, it } from 'vitest';
import { buildApps } from '../../apps/build-apps';
import type { App } from '../../apps/types';
import { DEFAULT_CONFIG } from '../../config/defaults';
import { objectsOfText, snapshotOfObjects } from '../../scan/scan-objects';
import type { KubeObject } from '../../snapshot/types';
import type { CheckContext } from '../types';
import { apiClientImage } from './_api-clients';
import { check } from './sec-sa-token';

const WORKLOAD = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: registry.example.com/shop/web:1.4.2
`;

function appOf(text: string): App {
  const [app] = buildApps(snapshotOfObjects(objectsOfText(text)), DEFAULT_CONFIG).apps;
  return app!;
}

const ctx = {} as CheckContext;
const sa = (automount: boolean | undefined): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name: 'default', namespace: 'shop' },
  ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
});

describe('sec-sa-token and the ServiceAccount object', () => {
  it('fails when the ServiceAccount is absent (default: mounted)', () => {
    const [r] = check.evaluate(appOf(WORKLOAD), ctx);
    expect(r?.status).toBe('fail');
  });

  it('passes when the ServiceAccount disables automounting', () => {
    const app = appOf(WORKLOAD);
    const withSa = { ...app, related: { ...app.related, serviceAccount: sa(false) } } as App;
    expect(check.evaluate(withSa, ctx)[0]?.status).toBe('pass');
  });

  it('says the ServiceAccount keeps the default when it is present without the field', () => {
    const app = appOf(WORKLOAD);
    const [r] = check.evaluate({ ...app, related: { ...app.related, serviceAccount: sa(undefined) } } as App, ctx);
    expect(r?.status).toBe('fail');
    expect(r?.status === 'fail' && r.message).toContain('does not disable automounting');
  });

  it('lets the pod spec win over the ServiceAccount', () => {
    const app = appOf(WORKLOAD.replace('containers:', 'automountServiceAccountToken: true\n      containers:'));
    const [r] = check.evaluate({ ...app, related: { ...app.related, serviceAccount: sa(false) } } as App, ctx);
    expect(r?.status).toBe('pass');
    expect(r?.status === 'pass' && r.message).toContain('explicitly');
  });
});

describe('apiClientImage', () => {
  it.each([
    ['bitnami/kubectl:1.31', true],
    ['registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0', true],
    ['quay.io/jetstack/cert-manager-controller:v1.16.1', true],
    ['prom/prometheus:v2.55.0', true],
    ['quay.io/prometheus-operator/prometheus-config-reloader:v0.78.1', true],
    ['ghcr.io/stakater/reloader:v1.1.0', true],
    ['groundnuty/k8s-wait-for:v2.0', true],
    ['registry.k8s.io/pause:3.10', false],
    ['quay.io/prometheus/node-exporter:v1.8.2', false],
    ['nginx:1.27.3', false],
    ['registry.example.com/platform/nginx-reloader:1.2.0', false],
    ['ghcr.io/jimmidyson/configmap-reload:v0.14.0', false],
  ])('%s → %s', (image, expected) => {
    expect(apiClientImage(image)).toBe(expected);
  });
});

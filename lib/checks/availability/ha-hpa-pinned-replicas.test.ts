import { describe, expect, it } from 'vitest';
import { scanObjects } from '../../scan/scan-objects';
import type { KubeObject } from '../../snapshot/types';

/**
 * Live scans keep, in metadata.managedFields, only the entries that own f:spec.f:replicas
 * (lib/k8s/slim.ts). Fixture files cannot carry managedFields (manifest parsing strips them),
 * so this path is tested on objects built here.
 */
function objects(managedFields: unknown[] | undefined): KubeObject[] {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'storefront', namespace: 'shop', ...(managedFields ? { managedFields } : {}) },
      spec: {
        replicas: 11,
        selector: { matchLabels: { app: 'storefront' } },
        template: { metadata: { labels: { app: 'storefront' } }, spec: { containers: [{ name: 'storefront', image: 'registry.example.com/shop/storefront:7.3.0' }] } },
      },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'storefront', namespace: 'shop' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'storefront' }, minReplicas: 3, maxReplicas: 30 },
    },
  ];
}

const owns = (manager: string, operation: string, subresource?: string) => ({
  manager,
  operation,
  ...(subresource ? { subresource } : {}),
  fieldsType: 'FieldsV1',
  fieldsV1: { 'f:spec': { 'f:replicas': {} } },
});

function finding(managedFields: unknown[] | undefined) {
  const report = scanObjects(objects(managedFields), { sourceType: 'cluster' });
  return report.apps[0]!.findings.find((f) => f.check === 'ha-hpa-pinned-replicas')!;
}

describe('ha-hpa-pinned-replicas on live objects with managedFields', () => {
  it('fails when a server-side applier owns spec.replicas (advice: managedFields cannot be patched)', () => {
    const f = finding([owns('argocd-controller', 'Apply'), owns('kube-controller-manager', 'Update', 'scale')]);
    expect(f.status).toBe('fail');
    expect(f.message).toContain('argocd-controller (Apply)');
    expect(f.fix?.kind).toBe('advice');
  });

  it('fails when another Update manager (helm) last set it', () => {
    expect(finding([owns('helm', 'Update')]).message).toContain('helm (Update)');
  });

  it("passes when only the HPA's scale updates own it, with or without the subresource kept", () => {
    expect(finding([owns('kube-controller-manager', 'Update', 'scale')]).status).toBe('pass');
    expect(finding([owns('kube-controller-manager', 'Update')]).status).toBe('pass');
  });

  it('is N/A with an honest reason when neither the annotation nor managedFields say who set it', () => {
    const f = finding(undefined);
    expect(f.status).toBe('notApplicable');
    expect(f.reason).toContain('cannot tell');
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../config/defaults';
import { buildReport } from '../../report/build-report';
import { scanObjects, snapshotOfObjects } from '../../scan/scan-objects';
import type { KubeObject } from '../../snapshot/types';
import { isPendingFix, materializeFix, objectFix } from './fix';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
};

const readinessFix = () =>
  objectFix(
    deployment,
    {
      kind: 'input',
      summary: 'Add a readiness probe',
      mutate: (_w, pod) => {
        pod.containers[0].readinessProbe = { httpGet: { path: '/ready', port: 80 } };
      },
    },
    '/spec/template/spec',
  );

describe('fixes derive their patches when first read', () => {
  it('stays pending until a patch is read, then holds plain data', () => {
    const fix = readinessFix();
    expect(isPendingFix(fix)).toBe(true);
    expect(fix.jsonPatch).toEqual([{ op: 'add', path: '/spec/template/spec/containers/0/readinessProbe', value: { httpGet: { path: '/ready', port: 80 } } }]);
    expect(isPendingFix(fix)).toBe(false);
    expect(Object.getOwnPropertyDescriptor(fix, 'jsonPatch')).toMatchObject({ enumerable: true });
    expect(fix.jsonPatch).toBe(fix.jsonPatch); // derived once, then the same data
    expect(fix.strategicMerge).toEqual({
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ name: 'web', readinessProbe: { httpGet: { path: '/ready', port: 80 } } }] } } },
    });
  });

  it('serializes like a plain fix, in the report-schema field order, through JSON, spreads and materializeFix', () => {
    const lazy = readinessFix();
    const json = JSON.stringify(lazy);
    const eager = materializeFix(readinessFix());
    expect(json).toBe(JSON.stringify(eager));
    expect(Object.keys(JSON.parse(json) as object)).toEqual(['kind', 'summary', 'target', 'jsonPatch', 'strategicMerge']);
    expect({ ...readinessFix() }).toEqual(JSON.parse(json));
    expect(materializeFix(eager)).toBe(eager);
  });

  it('never touches the snapshot object it patches', () => {
    const before = JSON.stringify(deployment);
    void readinessFix().jsonPatch;
    expect(JSON.stringify(deployment)).toBe(before);
  });

  it('a report is the same JSON whether its patches were derived eagerly or on first read', () => {
    const objects = [deployment, { ...deployment, metadata: { name: 'api', namespace: 'shop' } }];
    const opts = { config: DEFAULT_CONFIG, now: new Date('2026-01-01T00:00:00Z'), scanId: 'same' };
    const lazy = buildReport(snapshotOfObjects(objects), opts);
    const pending = lazy.apps.flatMap((a) => a.findings).filter((f) => f.fix && f.fix.kind !== 'advice');
    expect(pending.length).toBeGreaterThan(3);
    expect(pending.every((f) => isPendingFix(f.fix!))).toBe(true);
    const eager = buildReport(snapshotOfObjects(objects), { ...opts, materializeFixes: true });
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
    expect(scanObjects(objects).apps.length).toBe(2);
  });
});

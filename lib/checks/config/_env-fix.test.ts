import { describe, expect, it } from 'vitest';
import { buildApps } from '../../apps/build-apps';
import { DEFAULT_CONFIG } from '../../config/defaults';
import { applyJsonPatch } from '../../patches/json-patch';
import { applyStrategicMerge } from '../../patches/strategic-merge';
import { objectsOfText, snapshotOfObjects } from '../../scan/scan-objects';
import type { Json } from '../../snapshot/types';
import { containersOf } from '../helpers';
import { containerEnvFix, type EnvEdit } from './_env-fix';
import { materializeFix } from '../helpers/fix';

function appOf(env: Json[], extra = '') {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: sidecar
          image: registry.example.com/sidecar:1.0.0
        - name: web
          image: registry.example.com/web:1.0.0${extra}
          env: ${JSON.stringify(env)}
`;
  const app = buildApps(snapshotOfObjects(objectsOfText(text)), DEFAULT_CONFIG).apps[0]!;
  return { app, ref: containersOf(app, 'app').find((c) => c.name === 'web')! };
}

function both(env: Json[], edits: EnvEdit[], opts: { append?: Json[]; mustNotEcho?: (e: Json) => boolean } = {}) {
  const { app, ref } = appOf(env);
  const made = containerEnvFix(app, ref, { kind: 'safe', summary: 's', edits, ...opts });
  const fix = made && materializeFix(made);
  if (!fix) return null;
  const viaJson = applyJsonPatch(app.workload, fix.jsonPatch!);
  const viaSmp = applyStrategicMerge(app.workload as unknown as Record<string, unknown>, fix.strategicMerge!);
  expect(viaSmp).toEqual(viaJson);
  return { fix, env: viaJson.spec.template.spec.containers[1].env as Json[] | undefined };
}

const e = (name: string, value: string) => ({ name, value });

describe('containerEnvFix', () => {
  it('removes from the middle without repeating the entries that stay', () => {
    const r = both([e('A', 'keep-a'), e('B', 'b'), e('C', 'keep-c'), e('D', 'd')], [{ index: 1, entry: null }, { index: 3, entry: null }])!;
    expect(r.env).toEqual([e('A', 'keep-a'), e('C', 'keep-c')]);
    expect(JSON.stringify(r.fix)).not.toContain('keep-');
    expect(r.fix.jsonPatch).toEqual([
      { op: 'remove', path: '/spec/template/spec/containers/1/env/3' },
      { op: 'remove', path: '/spec/template/spec/containers/1/env/1' },
    ]);
  });

  it('replaces in place and appends', () => {
    const r = both([e('A', 'a'), e('B', 'secret-b')], [{ index: 1, entry: { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'b' } } } }], { append: [e('Z', 'z')] })!;
    expect(r.env).toEqual([e('A', 'a'), { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'b' } } }, e('Z', 'z')]);
    expect(JSON.stringify(r.fix)).not.toContain('secret-b');
  });

  it('drops env when every entry goes', () => {
    const r = both([e('A', 'a')], [{ index: 0, entry: null }])!;
    expect(r.env).toBeUndefined();
  });

  it('keeps the last of duplicates with delete directives plus the kept entry', () => {
    const r = both([e('A', '1'), e('B', 'b'), e('A', '2'), e('A', '3'), e('C', 'c')], [{ index: 0, entry: null }, { index: 2, entry: null }])!;
    expect(r.env).toEqual([e('B', 'b'), e('A', '3'), e('C', 'c')]);
    const container = (r.fix.strategicMerge as Json).spec.template.spec.containers[0];
    expect(container.env).toEqual([{ name: 'A', $patch: 'delete' }, { name: 'A', $patch: 'delete' }, e('A', '3')]);
    expect(container['$setElementOrder/env']).toEqual([{ name: 'B' }, { name: 'A' }, { name: 'C' }]);
  });

  it('removes every duplicate of a name', () => {
    const r = both([e('A', '1'), e('B', 'b'), e('A', '2')], [{ index: 0, entry: null }, { index: 2, entry: null }])!;
    expect(r.env).toEqual([e('B', 'b')]);
  });

  it('sends the env list whole when duplicates stay and an entry changes', () => {
    const r = both([e('A', '1'), e('B', 'b'), e('A', '2')], [{ index: 2, entry: { name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'a' } } } }])!;
    expect(JSON.stringify(r.fix.strategicMerge)).toContain('"$patch":"replace"');
  });

  it('refuses to repeat a guarded entry', () => {
    const guard = (x: Json) => x?.value === 'tok-1';
    expect(both([e('T', '0'), e('T', 'tok-1')], [{ index: 0, entry: null }], { mustNotEcho: guard })).toBeNull();
    expect(both([e('T', '0'), e('T', 'x'), e('U', 'tok-1')], [{ index: 1, entry: { name: 'T', value: 'y' } }], { mustNotEcho: guard })).toBeNull();
  });

  it('edits other fields alongside', () => {
    const { app, ref } = appOf([e('A', 'a'), e('B', 'b')]);
    const fix = materializeFix(containerEnvFix(app, ref, { kind: 'safe', summary: 's', edits: [{ index: 0, entry: null }], mutate: (_p, c) => (c.envFrom = [{ configMapRef: { name: 'cm' } }]) })!);
    const viaJson = applyJsonPatch(app.workload, fix.jsonPatch!);
    expect(viaJson.spec.template.spec.containers[1]).toMatchObject({ env: [e('B', 'b')], envFrom: [{ configMapRef: { name: 'cm' } }] });
    expect(applyStrategicMerge(app.workload as unknown as Record<string, unknown>, fix.strategicMerge!)).toEqual(viaJson);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appDirName } from './patch';
import { PRIVILEGED_APP, READY_APP, runCli, tempTree } from './test-support';

/** An app with safe fixes for sure (allowPrivilegeEscalation, emptyDir sizeLimit) and an input fix. */
const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: registry.example.com/shop/web:2.3.1
          volumeMounts: [{ name: scratch, mountPath: /tmp }]
      volumes:
        - name: scratch
          emptyDir: {}
`;

const tree = tempTree({ 'k8s/web.yaml': WEB, 'k8s/catalog.yaml': READY_APP, 'k8s/ops/tuner.yaml': PRIVILEGED_APP });
afterAll(() => tree.cleanup());
const at = (p: string) => path.join(tree.dir, p);
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));

describe('drydock patch', () => {
  it('strategic (default): one directory per app with patch files and a README', async () => {
    const out = at('out-strategic');
    const r = await runCli(['patch', at('k8s'), '--output', out]);
    expect(r.code, r.stderr).toBe(0);
    const dirs = readdirSync(out).sort();
    expect(dirs).toContain('shop-deployment-web');
    expect(dirs).toContain('ops-deployment-node-tuner');
    expect(r.stdout.split('\n').filter(Boolean).map((l) => path.basename(l.split('  ')[0]!)).sort()).toEqual(dirs);
    const web = filesUnder(path.join(out, 'shop-deployment-web'));
    expect(web).toContain('README.md');
    expect(web).toContain('patches/deployment-web.strategic.yaml');
    const patch = parse(readFileSync(path.join(out, 'shop-deployment-web/patches/deployment-web.strategic.yaml'), 'utf8'));
    expect(patch).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } });
    expect(readFileSync(path.join(out, 'shop-deployment-web/README.md'), 'utf8')).toContain('kubectl patch deployment.apps/web -n shop --type strategic');
  });

  it('json: RFC 6902 operation lists', async () => {
    const out = at('out-json');
    expect((await runCli(['patch', at('k8s/web.yaml'), '-o', out, '--format', 'json'])).code).toBe(0);
    const ops = JSON.parse(readFileSync(path.join(out, 'shop-deployment-web/patches/deployment-web.json'), 'utf8')) as { op: string; path: string }[];
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) expect(op.path).toMatch(/^\//);
  });

  it('--safe-only leaves no CHANGE-ME placeholder; input fixes come with a note', async () => {
    const all = await runCli(['patch', at('k8s/ops'), '-o', at('out-all')]);
    expect(all.stderr).toMatch(/fill the \d+ values? marked <CHANGE-ME: …>/);
    const out = at('out-safe');
    const safe = await runCli(['patch', at('k8s/web.yaml'), '-o', out, '--safe-only']);
    expect(safe.code).toBe(0);
    for (const f of filesUnder(out).filter((f) => !f.endsWith('.md'))) expect(readFileSync(path.join(out, f), 'utf8')).not.toContain('<CHANGE-ME');
  });

  it('kustomize: one overlay per namespace over the scanned files', async () => {
    const out = at('out-kustomize');
    const r = await runCli(['patch', at('k8s'), '-o', out, '-f', 'kustomize']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['ops', 'shop']);
    const k = parse(readFileSync(path.join(out, 'shop/kustomization.yaml'), 'utf8')) as { resources: string[]; patches?: unknown[] };
    expect(k.resources).toContain('../../k8s/web.yaml');
    expect(k.resources).not.toContain('../../k8s/ops/tuner.yaml');
    for (const res of k.resources) expect(existsSync(path.join(out, 'shop', res)), res).toBe(true);
    expect(k.patches?.length).toBeGreaterThan(0);
  });

  it.skipIf(spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0)('kustomize: the overlay builds with kubectl kustomize', async () => {
    const out = at('out-kubectl');
    await runCli(['patch', at('k8s/web.yaml'), '-o', out, '-f', 'kustomize', '--safe-only']);
    const built = spawnSync('kubectl', ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', path.join(out, 'shop')], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const web = parse(built.stdout.split('\n---\n').find((d) => d.includes('name: web'))!);
    expect(web.spec.template.spec.containers[0].securityContext?.allowPrivilegeEscalation).toBe(false);
  });

  it('--app selects apps by id or name; an unknown one is a usage error', async () => {
    const out = at('out-app');
    const r = await runCli(['patch', at('k8s'), '-o', out, '--app', 'Deployment/web']);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toEqual(['shop-deployment-web']);
    const bad = await runCli(['patch', at('k8s'), '-o', out, '--app', 'nope']);
    expect(bad).toMatchObject({ code: 2, stderr: 'drydock: --app nope: no app with that id or name in the input\n' });
  });

  it('usage errors: no --output, bad format; nothing to patch is not an error', async () => {
    expect((await runCli(['patch', at('k8s')])).stderr).toMatch(/^drydock: drydock patch needs --output DIR/);
    expect((await runCli(['patch', at('k8s'), '-o', at('x'), '-f', 'yaml'])).code).toBe(2);
    const none = await runCli(['patch', at('k8s'), '-o', at('out-none'), '-n', 'nowhere']);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('drydock: nothing to patch');
    expect(existsSync(at('out-none'))).toBe(false);
  });

  it('names app directories after cluster, namespace, kind and name', () => {
    expect(appDirName({ cluster: '-', namespace: 'shop', kind: 'Deployment', name: 'web' })).toBe('shop-deployment-web');
    expect(appDirName({ cluster: 'prod-bj', namespace: 'shop', kind: 'StatefulSet', name: 'db.v2' })).toBe('prod-bj-shop-statefulset-db.v2');
  });
});

import { describe, expect, it } from 'vitest';
import { compileAppPattern, matchFleetApps, type MatchCandidate } from './match';

function app(cluster: string, namespace: string, name: string, labels: Record<string, string> = {}, kind = 'Deployment'): MatchCandidate {
  return { id: `${cluster}/${namespace}/${kind}/${name}`, cluster, namespace, kind, name, labels };
}

describe('matchFleetApps', () => {
  it('matches the same namespace + kind + name across clusters', () => {
    const groups = matchFleetApps([app('bj', 'shop', 'checkout'), app('sh', 'shop', 'checkout'), app('sh', 'shop', 'cart')]);
    expect(groups).toEqual([{ key: 'nk:shop/Deployment/checkout', name: 'shop/checkout', matchedBy: 'namespace-kind-name', members: ['bj/shop/Deployment/checkout', 'sh/shop/Deployment/checkout'] }]);
  });

  it('does not match a Deployment with a StatefulSet of the same name', () => {
    expect(matchFleetApps([app('bj', 'db', 'redis', {}, 'StatefulSet'), app('sh', 'db', 'redis')])).toEqual([]);
  });

  it('matches by app.kubernetes.io/name + part-of when namespaces differ', () => {
    const l = { 'app.kubernetes.io/name': 'checkout', 'app.kubernetes.io/part-of': 'shop' };
    const groups = matchFleetApps([app('bj', 'shop-bj', 'checkout', l), app('sh', 'shop-sh', 'checkout-v2', l), app('gz', 'shop-gz', 'checkout', { 'app.kubernetes.io/name': 'checkout', 'app.kubernetes.io/part-of': 'other' })]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ key: 'label:Deployment/shop/checkout', name: 'shop/checkout', matchedBy: 'app-label', members: ['bj/shop-bj/Deployment/checkout', 'sh/shop-sh/Deployment/checkout-v2'] });
  });

  it('leaves out a cluster where the label is ambiguous', () => {
    const l = { 'app.kubernetes.io/name': 'api' };
    const groups = matchFleetApps([app('bj', 'a', 'api', l), app('bj', 'b', 'api2', l), app('sh', 'c', 'api', l), app('gz', 'd', 'api', l)]);
    expect(groups[0]!.members).toEqual(['gz/d/Deployment/api', 'sh/c/Deployment/api']);
  });

  it('prefers the namespace rule, then a custom label key', () => {
    const apps = [app('bj', 'shop', 'web', { team: 'x', svc: 'web' }), app('sh', 'shop', 'web', { svc: 'web' }), app('gz', 'edge', 'web-gz', { svc: 'web' })];
    const groups = matchFleetApps(apps, { match: [], labelKey: 'svc' });
    expect(groups.map((g) => [g.matchedBy, g.members.length])).toEqual([['namespace-kind-name', 2]]);
  });

  it('config groups win and accept globs and IDs', () => {
    const apps = [app('prod-bj', 'shop', 'checkout'), app('prod-sh', 'shop', 'checkout'), app('prod-gz', 'payments', 'pay-frontend')];
    const groups = matchFleetApps(apps, { match: [{ name: 'checkout', apps: ['prod-*/shop/Deployment/checkout', 'prod-gz/payments/Deployment/pay-frontend'] }] });
    expect(groups).toEqual([{ key: 'config:checkout', name: 'checkout', matchedBy: 'config', members: ['prod-bj/shop/Deployment/checkout', 'prod-gz/payments/Deployment/pay-frontend', 'prod-sh/shop/Deployment/checkout'] }]);
  });

  it('needs members in at least two clusters', () => {
    expect(matchFleetApps([app('bj', 'shop', 'checkout')], { match: [{ name: 'x', apps: ['*/shop/Deployment/*'] }] })).toEqual([]);
  });
});

describe('compileAppPattern', () => {
  it('reads the last three segments as namespace/kind/name (cluster names may contain "/")', () => {
    const p = compileAppPattern('arn:aws:eks:eu-west-1:123:cluster/prod/shop/Deployment/checkout')!;
    expect(p({ cluster: 'arn:aws:eks:eu-west-1:123:cluster/prod', namespace: 'shop', kind: 'Deployment', name: 'checkout' })).toBe(true);
    expect(compileAppPattern('shop/Deployment/checkout')!({ cluster: 'any', namespace: 'shop', kind: 'Deployment', name: 'checkout' })).toBe(true);
    expect(compileAppPattern('checkout')).toBeNull();
    expect(compileAppPattern('*/shop/Deployment/check.ut')!({ cluster: 'a', namespace: 'shop', kind: 'Deployment', name: 'checkout' })).toBe(false);
  });
});

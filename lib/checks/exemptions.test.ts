import { describe, expect, it } from 'vitest';
import { configFromText } from '../config/load-config';
import { DEFAULT_CONFIG } from '../config/defaults';
import { objectsOfText, scanObjects } from '../scan/scan-objects';

const workload = (annotations = '', templateAnnotations = '') => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: agent
  namespace: ops
  annotations: {${annotations}}
spec:
  replicas: 2
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent }, annotations: {${templateAnnotations}} }
    spec:
      containers:
        - name: agent
          image: example/agent:1.0
        - name: helper
          image: example/helper:1.0
`;

const statusOf = (report: ReturnType<typeof scanObjects>, container: string) =>
  report.apps[0]!.findings.find((f) => f.check === 'sec-privilege-escalation' && f.container === container)!;

describe('exemptions', () => {
  it('annotation on the workload exempts the listed checks with its reason', () => {
    const r = scanObjects(objectsOfText(workload('"drydock.dev/exempt": "sec-privilege-escalation, other", "drydock.dev/exempt-reason": "node agent"')));
    const f = statusOf(r, 'agent');
    expect(f.status).toBe('exempt');
    expect(f.reason).toBe('annotation drydock.dev/exempt on the workload: node agent');
    expect(f.fix).not.toBeNull();
  });

  it('annotation on the pod template works too, and says when no reason was given', () => {
    const r = scanObjects(objectsOfText(workload('', '"drydock.dev/exempt": "sec-privilege-escalation"')));
    expect(statusOf(r, 'agent').reason).toContain('on the pod template (no drydock.dev/exempt-reason given)');
  });

  it('ignoreAnnotationExemptions turns annotation exemptions off', () => {
    const config = { ...DEFAULT_CONFIG, ignoreAnnotationExemptions: true };
    const r = scanObjects(objectsOfText(workload('"drydock.dev/exempt": "sec-privilege-escalation"')), { config });
    expect(statusOf(r, 'agent').status).toBe('fail');
  });

  it('config records match by scope and stop matching after they expire', () => {
    const config = configFromText(`
exemptions:
  - checks: [sec-privilege-escalation]
    scope: container
    app: ops/Deployment/agent
    container: helper
    reason: vendor image, tracked in OPS-12
    owner: alice
    expires: 2026-06-30
`);
    const before = scanObjects(objectsOfText(workload()), { config, now: new Date('2026-06-01T00:00:00Z') });
    expect(statusOf(before, 'helper').status).toBe('exempt');
    expect(statusOf(before, 'helper').reason).toBe('exemption (container) by alice: vendor image, tracked in OPS-12, expires 2026-06-30');
    expect(statusOf(before, 'agent').status).toBe('fail');
    const after = scanObjects(objectsOfText(workload()), { config, now: new Date('2026-07-01T00:00:00Z') });
    expect(statusOf(after, 'helper').status).toBe('fail');
  });

  it('namespace and check scopes', () => {
    const ns = configFromText(`exemptions: [{checks: "*", scope: namespace, namespace: ops, reason: r, owner: o}]`);
    expect(statusOf(scanObjects(objectsOfText(workload()), { config: ns }), 'agent').status).toBe('exempt');
    const other = configFromText(`exemptions: [{checks: "*", scope: namespace, namespace: shop, reason: r, owner: o}]`);
    expect(statusOf(scanObjects(objectsOfText(workload()), { config: other }), 'agent').status).toBe('fail');
    const everywhere = configFromText(`exemptions: [{checks: [sec-privilege-escalation], scope: check, reason: r, owner: o}]`);
    expect(statusOf(scanObjects(objectsOfText(workload()), { config: everywhere }), 'helper').status).toBe('exempt');
  });

  it('exempt findings count in no score', () => {
    const base = scanObjects(objectsOfText(workload())).apps[0]!.topics.security;
    const config = configFromText(`exemptions: [{checks: [sec-privilege-escalation], scope: check, reason: r, owner: o}]`);
    const exempt = scanObjects(objectsOfText(workload()), { config }).apps[0]!.topics.security;
    expect(exempt.exempt).toBe(base.failed - (exempt.failed));
    expect(exempt.exempt).toBeGreaterThanOrEqual(2);
  });
});

describe('config file', () => {
  it('rejects records without reason or owner, and scopes without their target', () => {
    expect(() => configFromText(`exemptions: [{checks: [x], scope: app, reason: r, owner: o}]`)).toThrow('exemptions.0.app: scope "app" needs "app"');
    expect(() => configFromText(`exemptions: [{checks: [x], scope: check, owner: o}]`)).toThrow(/reason/);
    expect(() => configFromText(`weights: {critical: -1}`)).toThrow(/weights\.critical/);
    expect(() => configFromText(`unknownKey: 1`)).toThrow(/unknownKey|Unrecognized/);
    expect(() => configFromText(`exemptions: [{checks: [x], scope: check, reason: r, owner: o, expires: someday}]`)).toThrow(/not a date/);
  });

  it('merges over defaults', () => {
    const c = configFromText(`weights: {info: 1}\nteamLabelKeys: [squad]\nrackLabelKey: example.com/rack`);
    expect(c.weights).toEqual({ critical: 5, warning: 2, info: 1 });
    expect(c.teamLabelKeys).toEqual(['squad']);
    expect(c.rackLabelKey).toBe('example.com/rack');
  });
});

import { describe, expect, it } from 'vitest';
import { buildApps } from '../../apps/build-apps';
import { DEFAULT_CONFIG } from '../../config/defaults';
import { objectsOfText, scanObjects, snapshotOfObjects } from '../../scan/scan-objects';
import { appReferences, describeRefs, dnsPolicyOf, effectiveNdots } from './_dns';

const deployment = (spec: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: app, namespace: shop }
spec:
  selector: { matchLabels: { app: app } }
  template:
    metadata: { labels: { app: app } }
    spec:
${spec
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
${extra}`;

const appOf = (text: string) => buildApps(snapshotOfObjects(objectsOfText(text)), DEFAULT_CONFIG).apps.find((a) => a.name === 'app')!;
const hostsOf = (text: string) => Object.fromEntries(appReferences(appOf(text)).seen.flatMap((s) => s.refs.map((r) => [`${s.where} ${r.host}`, r.class])));

describe('appReferences', () => {
  it('finds nothing in a typical Java service without endpoints', () => {
    const text = deployment(`containers:
  - name: app
    image: registry.example.com/team/app:1.4.2
    command: ["java", "-XX:MaxRAMPercentage=75", "-Dspring.config.location=classpath:application.yml", "-cp", "/app/lib/*", "com.example.shop.Main"]
    args: ["--server.port=8080", "--logging.level.com.example=DEBUG", "--spring.profiles.active=prod"]
    env:
      - { name: JAVA_TOOL_OPTIONS, value: "-Dfile.encoding=UTF-8 -Duser.timezone=Europe/Berlin" }
      - { name: APP_VERSION, value: "1.4.2" }
      - { name: CONFIG_FILE, value: /etc/app/config.yaml }`);
    expect(hostsOf(text)).toEqual({});
  });

  it('never reads credential-named entries or credential lines', () => {
    const text = deployment(
      `containers:
  - name: app
    image: registry.example.com/app:1.0.0
    args: ["--db-password", "pw.example.com", "--token=tok.example.com", "--upstream=api.example.com"]
    env:
      - { name: DB_PASSWORD, value: host-like.example.com }
      - { name: CALLBACK, value: "https://user:pw@auth.example.com/cb" }
    volumeMounts: [{ name: cfg, mountPath: /etc/app }]
volumes:
  - name: cfg
    configMap: { name: app-config }`,
      `---
apiVersion: v1
kind: ConfigMap
metadata: { name: app-config, namespace: shop }
data:
  app.yaml: |
    db:
      host: db.example.com
      password: secret.example.com
`,
    );
    expect(hostsOf(text)).toEqual({
      'args api.example.com': 'external',
      'env CALLBACK auth.example.com': 'external',
      'ConfigMap app-config key app.yaml db.example.com': 'external',
    });
    expect(JSON.stringify(appReferences(appOf(text)))).not.toMatch(/pw|secret\.example|host-like|tok\.example/);
  });

  it('reads every container, envFrom ConfigMaps with their prefix, and only mounted volumes', () => {
    const text = deployment(
      `initContainers:
  - name: wait
    image: busybox:1.36.1
    command: ["sh", "-c", "until nslookup orders.shop.svc.cluster.local; do sleep 2; done"]
containers:
  - name: app
    image: registry.example.com/app:1.0.0
    envFrom:
      - configMapRef: { name: app-env }
        prefix: APP_
volumes:
  - name: unused
    configMap: { name: unused-config }`,
      `---
apiVersion: v1
kind: ConfigMap
metadata: { name: app-env, namespace: shop }
data:
  SEARCH_HOST: search.example.org
---
apiVersion: v1
kind: ConfigMap
metadata: { name: unused-config, namespace: shop }
data:
  x: https://never.example.com
`,
    );
    expect(hostsOf(text)).toEqual({
      'command (wait) orders.shop.svc.cluster.local': 'cluster',
      'env APP_SEARCH_HOST (app) (envFrom ConfigMap app-env) search.example.org': 'external',
    });
    expect(appReferences(appOf(text)).hidden).toEqual([]);
  });

  it('sees the host of a connection URL that carries a password, never the password', () => {
    const text = deployment(`containers:
  - name: app
    image: registry.example.com/app:1.0.0
    env:
      - { name: DATABASE_URL, value: "postgres://app:Sup3rS3cret@postgres:5432/app" }
      - { name: SIGNING_JWT, value: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLmV4YW1wbGUuY29t" }`);
    expect(hostsOf(text)).toEqual({ 'env DATABASE_URL postgres': 'maybe-cluster' });
    expect(JSON.stringify(appReferences(appOf(text)))).not.toContain('Sup3r');
  });

  it('lists what it cannot see', () => {
    const text = deployment(`containers:
  - name: app
    image: registry.example.com/app:1.0.0
    envFrom:
      - secretRef: { name: app-secrets }
    env:
      - name: DSN
        valueFrom: { secretKeyRef: { name: db, key: dsn } }
      - name: API_TOKEN
        valueFrom: { secretKeyRef: { name: api, key: token } }
      - name: LEVEL
        valueFrom: { configMapKeyRef: { name: missing, key: level } }`);
    expect(appReferences(appOf(text)).hidden).toEqual([
      'env DSN comes from Secret db',
      'env LEVEL comes from ConfigMap missing, which is not in the scan',
      'envFrom Secret app-secrets',
    ]);
  });

  it('describes what it saw', () => {
    const text = deployment(`containers:
  - name: app
    image: registry.example.com/app:1.0.0
    args: ["--a=https://a.example.com", "--b=https://b.example.com"]
    env:
      - { name: DATABASE_URL, value: "postgres://app@db.example.com/app" }`);
    expect(describeRefs(appReferences(appOf(text)).seen, () => true)).toBe('env DATABASE_URL → db.example.com, args → a.example.com, b.example.com');
  });
});

describe('policy and ndots', () => {
  it('defaults', () => {
    const app = appOf(deployment('containers: [{ name: app, image: "registry.example.com/app:1.0.0" }]'));
    expect(dnsPolicyOf(app)).toEqual({ policy: 'ClusterFirst', explicit: false, hostNetwork: false, placeholder: false });
    expect(effectiveNdots(app)).toEqual({ ndots: 5, explicit: false });
  });

  it('counts only names the fix helps: 2+ dots, fewer than ndots, not absolute', () => {
    const text = deployment(`dnsConfig:
  options: [{ name: ndots, value: "3" }]
containers:
  - name: app
    image: registry.example.com/app:1.0.0
    env:
      - { name: A_URL, value: "https://s3.eu-central-1.amazonaws.com" }
      - { name: B_URL, value: "https://github.com" }
      - { name: C_URL, value: "https://api.example.com./v1" }`);
    const f = scanObjects(objectsOfText(text)).apps[0]!.findings.find((x) => x.check === 'dns-ndots-external')!;
    expect(f.status).toBe('pass');
  });
});

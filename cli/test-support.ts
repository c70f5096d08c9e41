import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliIo } from './io';
import { run } from './run';

/** An in-memory CliIo: what the CLI wrote, and a fake stdin / TTY / environment. */
export function memoryIo(opts: { stdin?: string | Error; tty?: boolean; columns?: number; env?: Record<string, string>; cwd?: string } = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (out += t), isTTY: opts.tty ?? false, columns: opts.columns },
    stderr: { write: (t: string) => (err += t) },
    readStdin: async () => {
      if (opts.stdin instanceof Error) throw opts.stdin;
      return opts.stdin ?? '';
    },
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
  };
  return { io, out: () => out, err: () => err };
}

export async function runCli(argv: string[], opts: Parameters<typeof memoryIo>[0] = {}) {
  const m = memoryIo(opts);
  const code = await run(argv, m.io);
  return { code, stdout: m.out(), stderr: m.err() };
}

/** A temporary directory of files; `cleanup` removes it. */
export function tempTree(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'drydock-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A Deployment prepared to pass every critical check of the catalog (probes, resources, spread, PDB…). */
export const READY_APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
  namespace: shop
  labels: { app: catalog, team: storefront }
spec:
  replicas: 3
  selector: { matchLabels: { app: catalog } }
  template:
    metadata:
      labels: { app: catalog }
    spec:
      automountServiceAccountToken: false
      securityContext: { runAsNonRoot: true, runAsUser: 10001 }
      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: catalog } } }
        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: catalog } } }
      containers:
        - name: catalog
          image: registry.example.com/shop/catalog:1.14.2
          imagePullPolicy: IfNotPresent
          ports: [{ name: http, containerPort: 8080 }]
          readinessProbe: { httpGet: { path: /ready, port: http }, periodSeconds: 10, timeoutSeconds: 2 }
          livenessProbe: { httpGet: { path: /healthz, port: http }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3, initialDelaySeconds: 5 }
          resources:
            requests: { cpu: 250m, memory: 256Mi }
            limits: { cpu: "1", memory: 256Mi }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
---
apiVersion: v1
kind: Service
metadata: { name: catalog, namespace: shop }
spec:
  selector: { app: catalog }
  ports: [{ port: 80, targetPort: http }]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: catalog, namespace: shop }
spec:
  maxUnavailable: 1
  selector: { matchLabels: { app: catalog } }
`;

/** A privileged DaemonSet-ish agent in another namespace: critical findings for sure (sec-privileged). */
export const PRIVILEGED_APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: node-tuner
  namespace: ops
spec:
  replicas: 1
  selector: { matchLabels: { app: node-tuner } }
  template:
    metadata:
      labels: { app: node-tuner }
    spec:
      containers:
        - name: tuner
          image: quay.io/ops/node-tuner:latest
          securityContext: { privileged: true }
`;

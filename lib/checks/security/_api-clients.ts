import type { App } from '../../apps/types';
import type { Json } from '../../snapshot/types';
import { allContainers, isObject } from '../helpers';
import { parseImageRef } from '../helpers/images';

/**
 * Signs that a pod talks to the Kubernetes API with its service-account token. `sec-sa-token`
 * only fires when none is found, so the lists err on the side of "it may call the API": a missed
 * info finding is cheap, telling a controller to drop its token breaks it.
 */

/** Words in command, args or env values that point at the API server or a client of it. */
const API_TEXT: [RegExp, string][] = [
  [/KUBERNETES_SERVICE_(HOST|PORT)/, 'KUBERNETES_SERVICE_HOST'],
  [/\bkubernetes\.default(\.svc)?\b/, 'kubernetes.default'],
  [/\bkubectl\b/, 'kubectl'],
  [/\bhelm\s+(upgrade|install|rollback|uninstall|list|status)\b/, 'helm'],
  [/--kubeconfig\b/, '--kubeconfig'],
  [/--in-?cluster\b/i, '--in-cluster'],
  [/serviceaccount\/token\b/, 'the service-account token file'],
];

/** Env var names that only clients of the API set. */
const API_ENV_NAMES = new Set(['KUBECONFIG', 'WATCH_NAMESPACE', 'KUBERNETES_MASTER']);

/**
 * Images of well-known API clients: kubectl/helm images, operators and controllers, cluster add-ons,
 * log and metric agents that enrich data from the API, and Kubernetes' own components.
 */
const API_CLIENT_IMAGE =
  /kubectl|(^|\/)helm|k8s-sidecar|k8s-wait-for|operator|controller|kube-state-metrics|metrics-server|external-dns|cluster-autoscaler|cert-manager|ingress-nginx|nginx-ingress|haproxy-ingress|traefik|contour|emissary|ambassador|kong\/kubernetes-ingress|envoyproxy\/gateway|coredns|kube-proxy|kube-vip|metallb|cilium|calico|flannel|istio\/pilot|linkerd|(^|\/)prometheus$|grafana-agent|grafana\/alloy|promtail|fluent-bit|fluentd|(^|\/)vector$|filebeat|metricbeat|opentelemetry-collector|datadog\/(agent|cluster-agent)|argocd|argoproj|fluxcd|keda|velero|vault-k8s|external-secrets|sealed-secrets|secrets-store|stakater\/reloader|kured|descheduler|kube-rbac-proxy|kubernetesui|kyverno|gatekeeper|event-exporter|kubewatch|node-problem-detector|csi-(provisioner|attacher|resizer|snapshotter)|gitlab-runner|tekton|jenkins|spark|rancher/;

/** Registries of Kubernetes components: nearly everything there talks to the API. */
const K8S_REGISTRIES = new Set(['registry.k8s.io', 'k8s.gcr.io']);
const K8S_REGISTRY_NON_CLIENTS = /(^|\/)(pause|echoserver|busybox)$|e2e-test-images/;

/** Pod annotations of injectors whose injected agent logs in with the pod's service-account token. */
const TOKEN_USING_INJECTORS = ['vault.hashicorp.com/agent-inject', 'linkerd.io/inject'];

export function apiClientImage(image: unknown): boolean {
  if (typeof image !== 'string') return apiClientImageUncached(image);
  // Images recur across the apps of a scan (sidecars, shared bases): answer each once.
  let known = apiClientImages.get(image);
  if (known === undefined) {
    known = apiClientImageUncached(image);
    if (apiClientImages.size >= 20_000) apiClientImages.clear();
    apiClientImages.set(image, known);
  }
  return known;
}

const apiClientImages = new Map<string, boolean>();

function apiClientImageUncached(image: unknown): boolean {
  const ref = parseImageRef(image);
  if (!ref) return false;
  const repo = ref.canonical.toLowerCase();
  const registry = repo.slice(0, repo.indexOf('/'));
  if (K8S_REGISTRIES.has(registry)) return !K8S_REGISTRY_NON_CLIENTS.test(ref.path);
  return API_CLIENT_IMAGE.test(repo.slice(registry.length + 1));
}

function texts(c: Json): string[] {
  const out: string[] = [];
  for (const f of ['command', 'args'] as const) if (Array.isArray(c?.[f])) out.push(...c[f].map(String));
  if (Array.isArray(c?.env)) for (const e of c.env) if (isObject(e) && typeof e.value === 'string') out.push(e.value);
  return out;
}

/** Why the pod looks like an API client (one line per sign), empty when nothing shows it. */
export function apiUseSigns(app: App): string[] {
  const signs: string[] = [];
  for (const ref of allContainers(app)) {
    const c = ref.container;
    if (apiClientImage(c.image)) signs.push(`container ${ref.name} runs ${String(c.image)}, a known API client`);
    const envNames: string[] = Array.isArray(c.env) ? c.env.filter(isObject).map((e: Json) => String(e.name)) : [];
    const apiEnv = envNames.filter((n) => API_ENV_NAMES.has(n));
    if (apiEnv.length) signs.push(`container ${ref.name} sets ${apiEnv.join(', ')}`);
    const all = texts(c).join('\n');
    for (const [re, label] of API_TEXT) {
      if (re.test(all)) signs.push(`container ${ref.name} references ${label}`);
    }
  }
  for (const a of TOKEN_USING_INJECTORS) {
    const v = app.podMeta.annotations[a];
    if (v !== undefined && v !== 'false' && v !== 'disabled') signs.push(`annotation ${a}: the injected agent logs in with the token`);
  }
  return signs;
}

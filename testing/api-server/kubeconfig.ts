import { stringify } from 'yaml';

/** A kubeconfig for the test server: the CA inline, a bearer token. */
export function kubeconfigYaml(o: { server: string; ca: string; token: string; cluster: string; context: string; user: string; namespace?: string }): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: o.cluster, cluster: { server: o.server, 'certificate-authority-data': Buffer.from(o.ca).toString('base64') } }],
    users: [{ name: o.user, user: { token: o.token } }],
    contexts: [{ name: o.context, context: { cluster: o.cluster, user: o.user, ...(o.namespace ? { namespace: o.namespace } : {}) } }],
    'current-context': o.context,
  });
}

import type { App } from '../../apps/types';
import type { KubeObject } from '../../snapshot/types';
import { pass, workloadFix } from '../helpers';
import type { Check } from '../types';
import { apiUseSigns } from './_api-clients';

/**
 * Every pod gets a token for its ServiceAccount mounted at /var/run/secrets/kubernetes.io/serviceaccount
 * unless `automountServiceAccountToken: false` is set on the pod (which wins) or on the ServiceAccount.
 * https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
 */
export const check: Check = {
  id: 'sec-sa-token',
  title: 'Service-account token mounted but unused',
  topic: 'security',
  severity: 'info',
  fixKind: 'safe',
  needs: 'spec',
  summary: 'The service-account token is mounted into the pod and nothing shows the app calls the Kubernetes API.',
  rationale:
    'Decide the privileges each container needs — talking to the API server is one of them. By default every container ' +
    'gets a token of the pod\'s ServiceAccount; whoever gets code execution in it can use the token against the API with ' +
    'whatever RBAC grants the account (and learns about the cluster even with none). Most applications never call the API: ' +
    '`automountServiceAccountToken: false` on the pod removes the token. A pod that runs as a dedicated ServiceAccount, runs ' +
    'a known controller image or references the API server is assumed to need it and passes.',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    'https://kubernetes.io/docs/concepts/security/service-accounts/',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  ],
  appliesTo: () => null,
  evaluate(app) {
    const spec = app.podSpec ?? {};
    const at = { container: null, path: `${app.podSpecPath}/automountServiceAccountToken` };
    const saName = serviceAccountName(spec);
    if (spec.automountServiceAccountToken === false) return [pass('The pod sets automountServiceAccountToken: false', at)];
    if (spec.automountServiceAccountToken === true) {
      return [pass(`The pod asks for the token explicitly (automountServiceAccountToken: true, ServiceAccount ${saName})`, at)];
    }
    const sa = serviceAccountOf(app, saName);
    if (sa?.automountServiceAccountToken === false) return [pass(`ServiceAccount ${saName} sets automountServiceAccountToken: false`, at)];
    // A dedicated account is there for a reason: RBAC bindings, cloud workload identity, Vault's
    // Kubernetes auth. Flagging it would mostly be wrong, so it counts as using the token.
    if (saName !== 'default') {
      return [pass(`The pod runs as the dedicated ServiceAccount ${saName}, which suggests it uses its token (RBAC, workload identity)`, at, { serviceAccount: saName })];
    }
    const signs = apiUseSigns(app);
    if (signs.length) return [pass(`The pod appears to call the API: ${signs.join('; ')}`, at, { signs })];
    const saText = sa ? `ServiceAccount ${saName} does not disable automounting` : `ServiceAccount ${saName} is not in the scan, so it is assumed to keep the default`;
    return [
      {
        status: 'fail',
        ...at,
        message:
          `Every container of the pod gets a token of ServiceAccount ${saName} at /var/run/secrets/kubernetes.io/serviceaccount ` +
          `(automountServiceAccountToken is not set; ${saText}), and nothing shows the app calls the Kubernetes API: ` +
          'no API client image, no kubectl, kubernetes.default or KUBERNETES_SERVICE_HOST reference',
        evidence: { serviceAccount: saName, serviceAccountInScan: !!sa },
        fix: workloadFix(app, {
          kind: 'safe',
          summary: 'Set automountServiceAccountToken: false on the pod spec (a pod that later needs the API sets it back to true)',
          mutate: (_w, podSpec) => {
            podSpec.automountServiceAccountToken = false;
          },
        }),
      },
    ];
  },
};

function serviceAccountName(spec: Record<string, unknown>): string {
  // `serviceAccount` is the deprecated alias of `serviceAccountName`.
  for (const f of ['serviceAccountName', 'serviceAccount']) {
    const v = spec[f];
    if (typeof v === 'string' && v !== '') return v;
  }
  return 'default';
}

/** The ServiceAccount the pod runs as, when the snapshot carries it (else null: the default, token mounted). */
function serviceAccountOf(app: App, name: string): KubeObject | null {
  const sa = app.related.serviceAccount;
  return sa?.metadata?.name === name ? sa : null;
}

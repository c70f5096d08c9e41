import type { ExemptionScope } from '@/lib/config/types';
import type { ExemptionInput, StoredExemption } from '@/lib/queries/exemptions';

/** The exemption form's state and its validation (plain functions: the dialog and the page share them). */

export type TargetField = 'cluster' | 'namespace' | 'app' | 'container';

export interface FormState {
  scope: ExemptionScope;
  cluster: string;
  namespace: string;
  app: string;
  container: string;
  checks: string[];
  reason: string;
  owner: string;
  /** YYYY-MM-DD (the date input's value). */
  expires: string;
}

export type FormErrors = Partial<Record<keyof FormState, string>>;

export const SCOPE_LABELS: Record<ExemptionScope, string> = {
  cluster: 'Cluster — every app of one cluster',
  namespace: 'Namespace — every app of one namespace',
  app: 'App — one workload',
  container: 'Container — one container of one workload',
  check: 'Check — every app, everywhere',
};

/** The targets each scope needs (the store refuses a record without them). */
export const SCOPE_FIELDS: Record<ExemptionScope, TargetField[]> = {
  cluster: ['cluster'],
  namespace: ['namespace'],
  app: ['app'],
  container: ['app', 'container'],
  check: [],
};

export const FIELD_LABELS: Record<TargetField, string> = { cluster: 'Cluster', namespace: 'Namespace', app: 'App', container: 'Container' };
export const FIELD_HINTS: Record<TargetField, string> = {
  cluster: 'the kubeconfig context name, e.g. demo',
  namespace: 'e.g. shop',
  app: 'cluster/namespace/Kind/name, e.g. demo/shop/Deployment/edge-proxy',
  container: 'the container name, e.g. envoy',
};

export function emptyForm(): FormState {
  return { scope: 'app', cluster: '', namespace: '', app: '', container: '', checks: [], reason: '', owner: '', expires: '' };
}

export function formOf(e: StoredExemption): FormState {
  return {
    scope: e.scope,
    cluster: e.cluster ?? '',
    namespace: e.namespace ?? '',
    app: e.app ?? '',
    container: e.container ?? '',
    checks: [...e.checks],
    reason: e.reason,
    owner: e.owner,
    expires: e.expires.slice(0, 10),
  };
}

/** Today as YYYY-MM-DD in UTC (expiry dates are UTC midnights). */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Every problem of the form, by field, in words a person can act on; empty when it can be saved. */
export function validateForm(s: FormState, now = new Date()): FormErrors {
  const errors: FormErrors = {};
  for (const f of SCOPE_FIELDS[s.scope]) {
    if (!s[f].trim()) errors[f] = `Enter the ${FIELD_LABELS[f].toLowerCase()} this ${s.scope} exemption applies to (${FIELD_HINTS[f]}).`;
  }
  if (!s.checks.length) errors.checks = 'Choose at least one check to exempt.';
  if (!s.reason.trim()) errors.reason = 'Say why this risk is accepted.';
  if (!s.owner.trim()) errors.owner = 'Name who owns this exemption (a person or a team).';
  if (!s.expires) errors.expires = 'Choose the date this exemption expires.';
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(s.expires) || Number.isNaN(new Date(s.expires).getTime())) errors.expires = 'The expiry must be a date (YYYY-MM-DD).';
  else if (s.expires <= todayIso(now)) errors.expires = 'The expiry must be after today: an expired exemption no longer applies.';
  return errors;
}

/** The API input: only the targets the scope needs (others cleared so an edit drops stale ones). */
export function inputOf(s: FormState): ExemptionInput {
  const needs = SCOPE_FIELDS[s.scope];
  const target = (f: TargetField) => (needs.includes(f) ? s[f].trim() : null);
  return {
    scope: s.scope,
    checks: s.checks,
    reason: s.reason.trim(),
    owner: s.owner.trim(),
    expires: s.expires,
    cluster: target('cluster'),
    namespace: target('namespace'),
    app: target('app'),
    container: target('container'),
  };
}

/** What a record applies to, in a line: "app demo/shop/Deployment/edge-proxy", "container envoy of …". */
export function targetText(e: Pick<StoredExemption, 'scope' | 'cluster' | 'namespace' | 'app' | 'container'>): string {
  switch (e.scope) {
    case 'cluster':
      return `cluster ${e.cluster ?? '?'}`;
    case 'namespace':
      return `namespace ${e.namespace ?? '?'}${e.cluster ? ` of ${e.cluster}` : ''}`;
    case 'app':
      return `app ${e.app ?? '?'}`;
    case 'container':
      return `container ${e.container ?? '?'} of ${e.app ?? '?'}`;
    case 'check':
      return 'every app';
  }
}

export function isExpired(e: Pick<StoredExemption, 'expires'>, now = new Date()): boolean {
  return new Date(e.expires).getTime() <= now.getTime();
}

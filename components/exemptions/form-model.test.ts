import { describe, expect, it } from 'vitest';
import { emptyForm, formOf, inputOf, isExpired, targetText, validateForm, type FormState } from './form-model';

const now = new Date('2026-11-26T12:00:00Z');
const filled: FormState = { ...emptyForm(), scope: 'container', app: 'demo/shop/Deployment/edge-proxy', container: 'envoy', checks: ['probe-exec-zombie-risk'], reason: ' envoy goes ', owner: 'team-edge', expires: '2027-01-31' };

describe('the exemption form', () => {
  it('asks for every required field, by name, in words that say what to do', () => {
    const errors = validateForm({ ...emptyForm(), scope: 'container' }, now);
    expect(Object.keys(errors).sort()).toEqual(['app', 'checks', 'container', 'expires', 'owner', 'reason']);
    expect(errors.container).toMatch(/Enter the container/);
    expect(errors.reason).toBe('Say why this risk is accepted.');
    expect(validateForm({ ...emptyForm(), scope: 'check' }, now).app).toBeUndefined();
    expect(validateForm({ ...emptyForm(), scope: 'namespace' }, now).namespace).toMatch(/namespace/);
  });

  it('refuses an expiry that is not after today', () => {
    expect(validateForm({ ...filled, expires: '2026-11-26' }, now).expires).toMatch(/after today/);
    expect(validateForm({ ...filled, expires: '2026-13-45' }, now).expires).toMatch(/YYYY-MM-DD|after today/);
    expect(validateForm(filled, now)).toEqual({});
  });

  it('sends only the targets the scope needs, trimmed, so an edit drops stale ones', () => {
    expect(inputOf({ ...filled, namespace: 'stale' })).toEqual({
      scope: 'container', checks: ['probe-exec-zombie-risk'], reason: 'envoy goes', owner: 'team-edge', expires: '2027-01-31',
      cluster: null, namespace: null, app: 'demo/shop/Deployment/edge-proxy', container: 'envoy',
    });
    expect(inputOf({ ...filled, scope: 'app' }).container).toBeNull();
  });

  it('reads a stored record back and says what it applies to', () => {
    const stored = { id: 'x', scope: 'container' as const, app: 'a/b/Deployment/c', container: 'envoy', checks: ['*'], reason: 'r', owner: 'o', expires: '2027-01-31T00:00:00.000Z', createdAt: '', updatedAt: '' };
    expect(formOf(stored)).toMatchObject({ scope: 'container', app: 'a/b/Deployment/c', container: 'envoy', cluster: '', expires: '2027-01-31' });
    expect(targetText(stored)).toBe('container envoy of a/b/Deployment/c');
    expect(targetText({ scope: 'check' })).toBe('every app');
    expect(isExpired(stored, now)).toBe(false);
    expect(isExpired({ expires: '2026-11-26T11:59:59.000Z' }, now)).toBe(true);
  });
});

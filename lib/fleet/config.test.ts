import { describe, expect, it } from 'vitest';
import { configFromObject } from '../config/schema';

describe('fleet config', () => {
  it('is absent by default', () => {
    expect(configFromObject({}).fleet).toBeUndefined();
  });

  it('reads match groups and the label key', () => {
    const c = configFromObject({ fleet: { match: [{ name: 'checkout', apps: ['prod-*/shop/Deployment/checkout'] }], labelKey: 'app' } });
    expect(c.fleet).toEqual({ match: [{ name: 'checkout', apps: ['prod-*/shop/Deployment/checkout'] }], labelKey: 'app' });
    expect(configFromObject({ fleet: { labelKey: 'app' } }).fleet).toEqual({ match: [], labelKey: 'app' });
  });

  it('rejects unknown keys and empty groups', () => {
    expect(() => configFromObject({ fleet: { matches: [] } })).toThrow();
    expect(() => configFromObject({ fleet: { match: [{ name: 'x', apps: [] }] } })).toThrow(/at least one app/);
  });
});

import { describe, expect, it } from 'vitest';
import { effectiveProbe, type ContainerRef } from '../helpers';
import { redact, resolvePort, saneTimings, sameProbe, suggestedPort } from './_common';

function ref(container: Record<string, unknown>): ContainerRef {
  return { name: 'c', role: 'app', index: 0, list: 'containers', path: '/spec/template/spec/containers/0', container };
}
const probe = (raw: Record<string, unknown>, kind: 'livenessProbe' | 'readinessProbe' = 'livenessProbe') => effectiveProbe(ref({ [kind]: raw }), kind)!;

describe('saneTimings', () => {
  it('gives exec probes 5 s below the period, 2 s with a doubled period when it is too short', () => {
    const exec = { exec: { command: ['true'] } };
    expect(saneTimings(probe(exec))).toEqual({ timeoutSeconds: 5, periodSeconds: 10 });
    expect(saneTimings(probe({ ...exec, periodSeconds: 5 }))).toEqual({ timeoutSeconds: 4, periodSeconds: 5 });
    expect(saneTimings(probe({ ...exec, periodSeconds: 3 }))).toEqual({ timeoutSeconds: 2, periodSeconds: 3 });
    expect(saneTimings(probe({ ...exec, periodSeconds: 2 }))).toEqual({ timeoutSeconds: 2, periodSeconds: 4 });
    expect(saneTimings(probe({ ...exec, periodSeconds: 1 }))).toEqual({ timeoutSeconds: 2, periodSeconds: 4 });
    expect(saneTimings(probe({ ...exec, timeoutSeconds: 3 }))).toEqual({ timeoutSeconds: 3, periodSeconds: 10 });
  });

  it('raises the period over a timeout that reaches it, and leaves sane probes alone', () => {
    const http = { httpGet: { path: '/', port: 80 } };
    expect(saneTimings(probe({ ...http, timeoutSeconds: 10 }))).toEqual({ timeoutSeconds: 10, periodSeconds: 20 });
    expect(saneTimings(probe({ ...http, timeoutSeconds: 1, periodSeconds: 1 }))).toEqual({ timeoutSeconds: 1, periodSeconds: 2 });
    expect(saneTimings(probe(http))).toEqual({ timeoutSeconds: 1, periodSeconds: 10 });
  });

  it('produces timings that pass both timing checks', () => {
    for (const handler of [{ exec: { command: ['x'] } }, { tcpSocket: { port: 1 } }]) {
      for (let period = 1; period <= 12; period++) {
        for (let timeout = 1; timeout <= 12; timeout++) {
          const t = saneTimings(probe({ ...handler, periodSeconds: period, timeoutSeconds: timeout }));
          expect(t.timeoutSeconds).toBeLessThan(t.periodSeconds);
          if ('exec' in handler) expect(t.timeoutSeconds).toBeGreaterThan(1);
          expect(t.timeoutSeconds).toBeGreaterThanOrEqual(timeout);
        }
      }
    }
  });
});

describe('sameProbe', () => {
  const container = { ports: [{ name: 'http', containerPort: 8080 }] };
  const cmp = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    sameProbe(effectiveProbe(ref({ ...container, livenessProbe: a }), 'livenessProbe')!, effectiveProbe(ref({ ...container, readinessProbe: b }), 'readinessProbe')!, container);

  it('compares after API defaults and resolves named ports', () => {
    expect(cmp({ httpGet: { path: '/healthz', port: 'http' } }, { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, failureThreshold: 3 })).toBe(true);
    expect(cmp({ httpGet: { port: 8080 } }, { httpGet: { path: '/', port: 8080 } })).toBe(true);
    expect(cmp({ httpGet: { port: 8080, httpHeaders: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] } }, { httpGet: { port: 8080, httpHeaders: [{ name: 'b', value: '2' }, { name: 'a', value: '1' }] } })).toBe(true);
  });

  it('tells probes apart by handler and every timing field', () => {
    expect(cmp({ httpGet: { path: '/healthz', port: 8080 } }, { httpGet: { path: '/ready', port: 8080 } })).toBe(false);
    expect(cmp({ httpGet: { path: '/', port: 8080 }, failureThreshold: 6 }, { httpGet: { path: '/', port: 8080 } })).toBe(false);
    expect(cmp({ httpGet: { path: '/', port: 8080 }, initialDelaySeconds: 5 }, { httpGet: { path: '/', port: 8080 } })).toBe(false);
    expect(cmp({ tcpSocket: { port: 8080 } }, { httpGet: { path: '/', port: 8080 } })).toBe(false);
    expect(cmp({ exec: { command: ['a'] } }, { exec: { command: ['a'] } })).toBe(true);
    expect(cmp({ grpc: { port: 9090 } }, { grpc: { port: 9090, service: 'x' } })).toBe(false);
  });
});

describe('ports', () => {
  it('resolves names in the container only, and numbers as given', () => {
    expect(resolvePort('http', { ports: [{ name: 'http', containerPort: 8080 }] })).toBe(8080);
    expect(resolvePort('metrics', { ports: [{ name: 'http', containerPort: 8080 }] })).toBe('metrics');
    expect(resolvePort(9090, {})).toBe(9090);
    expect(resolvePort('9090', {})).toBe(9090);
  });

  it('suggests the single declared port, else a probe’s port', () => {
    expect(suggestedPort({ ports: [{ name: 'https', containerPort: 8443 }] })).toEqual({ port: 'https', scheme: 'HTTPS' });
    expect(suggestedPort({ ports: [{ containerPort: 3000 }] })).toEqual({ port: 3000 });
    expect(suggestedPort({ ports: [{ containerPort: 3000 }, { containerPort: 9090 }], readinessProbe: { httpGet: { port: 3000 } } })).toEqual({ port: 3000 });
    expect(suggestedPort({ ports: [{ containerPort: 53, protocol: 'UDP' }] })).toBeNull();
  });
});

describe('redact (process-shell-pid1 messages)', () => {
  it('hides credentials written into a script', () => {
    expect(redact('psql postgres://app:s3cret@db:5432/orders -c "select 1"')).toBe('psql postgres://***@db:5432/orders -c "select 1"');
    expect(redact('app --db-password hunter2 --port 8080')).toBe('app --db-password *** --port 8080');
    expect(redact('DB_PASSWORD=hunter2 API_TOKEN=abc ./server')).toBe('DB_PASSWORD=*** API_TOKEN=*** ./server');
    expect(redact('node server.js')).toBe('node server.js');
  });
});

import { describe, expect, it } from 'vitest';
import { execProbeAsHttpGet, type ExecHttpResult } from './probes-exec-http';

function http(cmd: string[]) {
  const r = execProbeAsHttpGet(cmd);
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.http;
}
function reason(cmd: unknown): string {
  const r: ExecHttpResult = execProbeAsHttpGet(cmd);
  if (r.ok) throw new Error(`converted: ${JSON.stringify(r.http)}`);
  return r.reason;
}

describe('execProbeAsHttpGet: curl', () => {
  it('converts the envoy admin probe with its own timeout', () => {
    expect(http(['curl', '-f', '-s', '-S', '-o', '/dev/null', '--max-time', '2', 'http://localhost:9901/ready'])).toEqual({
      tool: 'curl',
      scheme: 'HTTP',
      host: 'localhost',
      port: 9901,
      path: '/ready',
      headers: [{ name: 'Host', value: 'localhost:9901' }],
      maxTimeSeconds: 2,
    });
  });

  it('reads option clusters, attached values and --fail-with-body', () => {
    expect(http(['/usr/bin/curl', '-fsSo/dev/null', '-m1.5', 'http://127.0.0.1:8080/healthz?full=1'])).toMatchObject({ port: 8080, path: '/healthz?full=1', maxTimeSeconds: 1.5 });
    expect(http(['curl', '-sSLo', '/dev/null', '--fail-with-body', '-w', '%{http_code}', 'localhost:3000'])).toMatchObject({ scheme: 'HTTP', port: 3000, path: '/' });
  });

  it('goes through sh -c with || exit 1, exec and /dev/null redirections', () => {
    expect(http(['sh', '-c', 'curl -fsS http://127.0.0.1:8080/healthz || exit 1'])).toMatchObject({ host: '127.0.0.1', port: 8080, path: '/healthz' });
    expect(http(['/bin/bash', '-c', 'exec curl --fail --silent http://localhost:8080/ready >/dev/null 2>&1'])).toMatchObject({ port: 8080, path: '/ready' });
    expect(http(['sh', '-c', "curl -f 'http://[::1]:8080/live' || exit"])).toMatchObject({ host: '[::1]', headers: [{ name: 'Host', value: '[::1]:8080' }] });
  });

  it('carries headers, the user agent and an explicit Host', () => {
    const h = http(['curl', '-f', '-H', 'X-Probe: liveness', '-H', 'Authorization-Mode:none', '-A', 'kube', 'http://localhost:8080/']);
    expect(h.headers).toEqual([
      { name: 'Host', value: 'localhost:8080' },
      { name: 'X-Probe', value: 'liveness' },
      { name: 'Authorization-Mode', value: 'none' },
      { name: 'User-Agent', value: 'kube' },
    ]);
    expect(http(['curl', '-f', '-H', 'Host: api.internal', 'http://localhost/']).headers).toEqual([{ name: 'Host', value: 'api.internal' }]);
  });

  it('maps https to scheme HTTPS and the default ports', () => {
    expect(http(['curl', '-fk', 'https://localhost/healthz'])).toMatchObject({ scheme: 'HTTPS', port: 443, headers: [{ name: 'Host', value: 'localhost' }] });
    expect(http(['curl', '-f', 'http://localhost/healthz'])).toMatchObject({ scheme: 'HTTP', port: 80 });
  });

  it('refuses curl without --fail: it exits 0 on HTTP 500', () => {
    expect(reason(['curl', '-s', 'http://localhost:8080/healthz'])).toContain('without -f/--fail');
  });

  it('refuses body checks and extra commands', () => {
    expect(reason(['sh', '-c', 'curl -fs http://localhost:8080/health | grep -q UP'])).toContain('piped into grep');
    expect(reason(['sh', '-c', "curl -fs http://localhost:8080/health | jq -e '.status == \"UP\"'"])).toContain('piped into jq');
    expect(reason(['sh', '-c', 'curl -fs http://localhost:8080/health && test -f /tmp/ready'])).toContain('more than the request');
    expect(reason(['sh', '-c', 'curl -fs http://localhost:8080/health > /tmp/out'])).toContain('not only to /dev/null');
    expect(reason(['sh', '-c', 'curl -fs http://localhost:$PORT/health'])).toContain('shell variables');
    expect(reason(['curl', '-f', 'http://localhost:$(PORT)/health'])).toContain('$(VAR)');
    expect(reason(['sh', '-c', 'curl -f http://localhost:8080/ || exit 0'])).toContain('more than the request');
  });

  it('refuses what an httpGet probe cannot send', () => {
    expect(reason(['curl', '-f', '-X', 'POST', 'http://localhost:8080/'])).toContain('POST');
    expect(reason(['curl', '-f', '-d', '{}', 'http://localhost:8080/'])).toContain('request body');
    expect(reason(['curl', '-fI', 'http://localhost:8080/'])).toContain('HEAD');
    expect(reason(['curl', '-f', '-u', 'admin:admin', 'http://localhost:8080/'])).toContain('credentials');
    expect(reason(['curl', '-f', '--cert', '/tls/c.pem', 'https://localhost:8443/'])).toContain('client certificate');
    expect(reason(['curl', '-f', '--unix-socket', '/run/app.sock', 'http://localhost/'])).toContain('Unix socket');
    expect(reason(['curl', '-f', '--retry', '3', 'http://localhost:8080/'])).toContain('retries');
    expect(reason(['curl', '-f', '--http2-prior-knowledge', 'http://localhost:8080/'])).toContain('HTTP/2');
    expect(reason(['curl', '-f', '--max-time=2', 'http://localhost:8080/'])).toContain('--max-time=2');
    expect(reason(['curl', '-fZ', 'http://localhost:8080/'])).toContain('-Z');
    expect(reason(['curl', '-f', '-H', 'X-Remove;', 'http://localhost:8080/'])).toContain('not a plain');
  });

  it('refuses remote, credentialled and odd URLs', () => {
    expect(reason(['curl', '-f', 'http://orders.shop.svc:8080/health'])).toContain('not a URL on localhost');
    expect(reason(['curl', '-f', 'http://10.0.0.5:8080/health'])).toContain('not a URL on localhost');
    expect(reason(['curl', '-f', 'http://user:pw@localhost:8080/'])).toContain('credentials');
    expect(reason(['curl', '-f', 'ftp://localhost/x'])).toContain('not HTTP');
    expect(reason(['curl', '-f', 'http://localhost:8080/a', 'http://localhost:8080/b'])).toContain('2 URLs');
    expect(reason(['curl', '-f'])).toContain('no URL');
    expect(reason(['curl', '-f', 'http://localhost:8080/#x'])).toContain('fragment');
  });
});

describe('execProbeAsHttpGet: wget', () => {
  it('converts BusyBox and GNU wget forms', () => {
    expect(http(['wget', '-q', '-O', '-', '--spider', '-T', '2', 'http://localhost:8080/ready'])).toMatchObject({ tool: 'wget', port: 8080, path: '/ready', maxTimeSeconds: 2 });
    expect(http(['wget', '-qO-', 'http://127.0.0.1:9090/-/healthy'])).toMatchObject({ port: 9090, path: '/-/healthy', maxTimeSeconds: null });
    expect(http(['wget', '--spider', '--timeout=3', '--tries=1', '--header=X-A: b', 'http://localhost:8080/'])).toMatchObject({
      maxTimeSeconds: 3,
      headers: [{ name: 'Host', value: 'localhost:8080' }, { name: 'X-A', value: 'b' }],
    });
    expect(http(['busybox', 'wget', '-q', '-s', 'http://localhost:8080/'])).toMatchObject({ tool: 'wget', port: 8080 });
    expect(http(['sh', '-c', 'wget -nv -O /dev/null http://localhost:8080/health || exit 1'])).toMatchObject({ path: '/health' });
  });

  it('refuses what wget does beyond one GET', () => {
    expect(reason(['wget', '--post-data', 'x', 'http://localhost:8080/'])).toContain('request body');
    expect(reason(['wget', '--user=a', 'http://localhost:8080/'])).toContain('credentials');
    expect(reason(['wget', '-qO-', 'http://localhost:8080/'].concat(['-e', 'robots=off']))).toContain('more than fetch');
    expect(reason(['sh', '-c', 'wget -qO- http://localhost:8080/health | grep ok'])).toContain('body');
  });
});

describe('execProbeAsHttpGet: other commands', () => {
  it('names why it cannot convert', () => {
    expect(reason(['/bin/grpc_health_probe', '-addr=:50051'])).toContain('not curl or wget');
    expect(reason(['redis-cli', 'ping'])).toContain('not curl or wget');
    expect(reason(['sh', '/probes/ready.sh'])).toContain('script file');
    expect(reason([])).toContain('not a list');
    expect(reason('curl -f http://localhost/')).toContain('not a list');
  });
});

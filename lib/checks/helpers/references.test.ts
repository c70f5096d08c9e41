import { describe, expect, it } from 'vitest';
import { classifyHost, endpointKind, extractHosts, isHostValuedName, type HostContext } from './references';

const ctx: HostContext = { namespace: 'shop', serviceNames: ['orders', 'redis', 'orders-api'] };
const hosts = (text: string, opts?: { hostValued?: boolean }) =>
  Object.fromEntries(extractHosts(text, ctx, opts).map((r) => [r.host, r.class]));

describe('classifyHost', () => {
  it('knows cluster names', () => {
    expect(classifyHost('orders.shop.svc.cluster.local', ctx, false)?.class).toBe('cluster');
    expect(classifyHost('orders.billing.svc', ctx, false)?.class).toBe('cluster');
    expect(classifyHost('kafka-0.kafka.shop.svc.cluster.local.', ctx, true)).toMatchObject({ class: 'cluster', absolute: true, dots: 5 });
    expect(classifyHost('orders', ctx, true)).toMatchObject({ class: 'cluster', why: 'Service orders' });
    expect(classifyHost('orders', ctx, false)).toBeNull();
    expect(classifyHost('orders.shop', ctx, true)?.class).toBe('cluster');
    expect(classifyHost('kafka-0.kafka-headless.shop', ctx, true)?.class).toBe('cluster');
  });

  it('treats svc.namespace and short names as possible cluster names in host positions only', () => {
    expect(classifyHost('payments.billing', ctx, true)?.class).toBe('maybe-cluster');
    expect(classifyHost('api.dev', ctx, true)?.class).toBe('maybe-cluster'); // a namespace called dev
    expect(classifyHost('postgres', ctx, true)?.class).toBe('maybe-cluster');
    expect(classifyHost('postgres', ctx, false)).toBeNull();
    expect(classifyHost('payments.billing', ctx, false)).toBeNull();
    expect(classifyHost('kafka-0.kafka-headless.kafka', ctx, true)?.class).toBe('maybe-cluster');
  });

  it('knows external names', () => {
    expect(classifyHost('api.stripe.com', ctx, true)).toMatchObject({ class: 'external', dots: 2, absolute: false });
    expect(classifyHost('github.com', ctx, true)?.class).toBe('external');
    expect(classifyHost('db.corp.internal', ctx, true)?.class).toBe('external');
    expect(classifyHost('s3.eu-west-1.amazonaws.com', ctx, false)?.class).toBe('external');
    expect(classifyHost('api.example.de', ctx, false)?.class).toBe('external');
    expect(classifyHost('API.Example.COM.', ctx, true)).toMatchObject({ host: 'api.example.com.', absolute: true });
  });

  it('ignores IPs, localhost, versions and malformed names', () => {
    for (const h of ['10.0.0.5', '127.0.0.1', 'localhost', '1.2.3', 'v1.2.3', '2.0', 'foo..bar', '-a.com', '[::1]', 'fe80::1']) {
      expect(classifyHost(h, ctx, true), h).toBeNull();
    }
  });

  it('is strict in free text: file names, Java packages, dotted keys', () => {
    for (const h of ['config.yaml', 'app.py', 'log4j2.xml', 'index.html', 'com.example.Main', 'io.grpc.netty', 'org.springframework.boot', 'settings.production', 'main.tf', 'run.sh', 'README.md', 'script.pl', 'requirements.in', 'foo.so', 'app.name']) {
      expect(classifyHost(h, ctx, false), h).toBeNull();
    }
  });
});

describe('extractHosts', () => {
  it('reads URLs, with user info dropped and several hosts', () => {
    expect(hosts('postgres://app:s3cret@db.example.com:5432/app')).toEqual({ 'db.example.com': 'external' });
    expect(hosts('mongodb://m1.shop.svc:27017,m2.shop.svc:27017/db?replicaSet=rs0')).toEqual({ 'm1.shop.svc': 'cluster', 'm2.shop.svc': 'cluster' });
    expect(hosts('jdbc:postgresql://orders-db:5432/orders')).toEqual({ 'orders-db': 'maybe-cluster' });
    expect(hosts('http://orders')).toEqual({ orders: 'cluster' });
    expect(hosts('https://api.stripe.com/v1/charges')).toEqual({ 'api.stripe.com': 'external' });
    expect(hosts('file:///etc/app/config.yaml unix:///var/run/app.sock')).toEqual({});
    expect(hosts('http://10.0.0.1:8080/x http://localhost:9090')).toEqual({});
  });

  it('reads host:port and lists', () => {
    expect(hosts('redis:6379')).toEqual({ redis: 'cluster' });
    expect(hosts('kafka-0.kafka:9092,kafka-1.kafka:9092')).toEqual({ 'kafka-0.kafka': 'maybe-cluster', 'kafka-1.kafka': 'maybe-cluster' });
    expect(hosts('at 10:30 the job runs')).toEqual({});
    expect(hosts('nginx:1.25.3')).toEqual({});
  });

  it('reads connection strings and Oracle descriptors', () => {
    expect(hosts('Server=tcp:sql1.database.windows.net,1433;Initial Catalog=shop;')).toEqual({ 'sql1.database.windows.net': 'external' });
    expect(hosts('Host=pg.shop.svc;Port=5432;Database=app')).toEqual({ 'pg.shop.svc': 'cluster' });
    expect(hosts('jdbc:oracle:thin:@ora.corp.example.com:1521/ORCL')).toEqual({ 'ora.corp.example.com': 'external' });
  });

  it('reads host-like keys and flags', () => {
    expect(hosts('--db-host=postgres --port=5432')).toEqual({ postgres: 'maybe-cluster' });
    expect(hosts('--upstream-url api.example.com')).toEqual({ 'api.example.com': 'external' });
    expect(hosts('redis:\n  host: redis\n  port: 6379\n')).toEqual({ redis: 'cluster' });
    expect(hosts('{"brokerHost": "mq.example.org"}')).toEqual({ 'mq.example.org': 'external' });
    expect(hosts('server: true\nurl: /healthz\nnodes: 3\n')).toEqual({});
    expect(hosts('spring.datasource.url=jdbc:mysql://mysql.shop.svc.cluster.local:3306/db')).toEqual({ 'mysql.shop.svc.cluster.local': 'cluster' });
  });

  it('reads network commands in scripts', () => {
    expect(hosts('until nc -z postgres 5432; do sleep 1; done')).toEqual({ postgres: 'maybe-cluster' });
    expect(hosts('nslookup orders.shop.svc.cluster.local')).toEqual({ 'orders.shop.svc.cluster.local': 'cluster' });
  });

  it('reads service env vars, except the API server', () => {
    expect(hosts('http://$(ORDERS_API_SERVICE_HOST):$(ORDERS_API_SERVICE_PORT)/v1')).toEqual({
      $ORDERS_API_SERVICE_HOST: 'cluster',
      $ORDERS_API_SERVICE_PORT: 'cluster',
    });
    expect(hosts('https://$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)')).toEqual({});
    expect(extractHosts('$(ORDERS_API_SERVICE_HOST)', ctx)[0]?.why).toBe('Service env var of orders-api');
  });

  it('keeps templated cluster names and drops other templated hosts', () => {
    expect(hosts('http://orders.$(POD_NAMESPACE).svc.cluster.local:8080')).toEqual({ 'orders.$(POD_NAMESPACE).svc.cluster.local': 'cluster' });
    expect(hosts('http://$(DB_HOST):5432 $(DB_HOST).example.com ${HOST}.example.com')).toEqual({});
  });

  it('finds bare names in free text only under trusted TLDs', () => {
    expect(hosts('server_name shop.example.com;\nproxy_pass http://orders:8080;')).toEqual({ 'shop.example.com': 'external', orders: 'cluster' });
    expect(hosts('send mail to ops@example.com')).toEqual({});
    expect(hosts('image: registry.example.com/team/app:1.2.3')).toEqual({});
    expect(hosts('include /etc/nginx/conf.d/*.conf; app.kubernetes.io/name')).toEqual({});
    expect(hosts('logging.level.com.example=DEBUG\nmain-class: com.example.shop.Main')).toEqual({});
    expect(hosts('java -cp app.jar -Dconfig.file=application.conf com.example.Main')).toEqual({});
    expect(hosts('python -m myapp.settings.production')).toEqual({});
    expect(hosts('see github.com for details')).toEqual({ 'github.com': 'external' });
  });

  it('reads whole host-valued settings', () => {
    expect(hosts('cache-1 cache-2', { hostValued: true })).toEqual({ 'cache-1': 'maybe-cluster', 'cache-2': 'maybe-cluster' });
    expect(hosts('mq.example.org:5672', { hostValued: true })).toEqual({ 'mq.example.org': 'external' });
  });
});

describe('isHostValuedName', () => {
  it('matches host settings', () => {
    for (const n of ['REDIS_HOST', 'DB_HOSTNAME', 'KAFKA_BROKERS', 'KAFKA_BOOTSTRAP_SERVERS', 'API_URL', 'ORDERS_ENDPOINT', 'HOST']) expect(isHostValuedName(n), n).toBe(true);
    for (const n of ['HOST_PORT', 'LOG_LEVEL', 'GHOSTSCRIPT', 'URL_PREFIX']) expect(isHostValuedName(n), n).toBe(false);
  });
});

describe('endpointKind', () => {
  it('recognises endpoints', () => {
    expect(endpointKind('API_URL', 'https://api.example.com', ctx)).toBe('a URL');
    expect(endpointKind('DB', 'jdbc:postgresql://db:5432/app', ctx)).toBe('a JDBC URL');
    expect(endpointKind('CONN', 'Server=db.example.com;Database=shop;', ctx)).toBe('a connection string');
    expect(endpointKind('REDIS', 'redis:6379', ctx)).toBe('a host:port address');
    expect(endpointKind('BROKERS', 'k1:9092,k2:9092', ctx)).toBe('a list of host:port addresses');
    expect(endpointKind('DNS', '10.0.0.10', ctx)).toBe('an IP address');
    expect(endpointKind('UPSTREAM', 'api.example.com', ctx)).toBe('a host name');
    expect(endpointKind('REDIS_HOST', 'redis-primary', ctx)).toBe('a host name');
    expect(endpointKind('CACHE', 'orders.shop.svc.cluster.local', ctx)).toBe('a host name');
  });

  it('does not take config for endpoints', () => {
    for (const [n, v] of [
      ['LOG_LEVEL', 'info'],
      ['MAIN_CLASS', 'com.example.Main'],
      ['VERSION', '1.2.3'],
      ['CONFIG', '/etc/app/config.yaml'],
      ['TZ', 'Europe/Berlin'],
      ['JAVA_OPTS', '-Xmx512m -Dfile.encoding=UTF-8'],
      ['APP', 'redis'],
      ['TIME', '10:30'],
      ['SETTINGS', 'myapp.settings.production'],
      ['EMPTY', ''],
    ] as const) {
      expect(endpointKind(n, v, ctx), `${n}=${v}`).toBeNull();
    }
  });
});

import 'server-only';
import { Agent as HttpsAgent, request as httpsRequest, type AgentOptions, type RequestOptions } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { describeTransportError, KubeError } from './errors';

export interface RequesterOptions {
  /** Per-request timeout (ms). */
  timeoutMs?: number;
  /** Retries for 429 and 5xx (a reset connection is retried once). */
  maxRetries?: number;
  /** Base of the exponential back-off (ms); tests make it small. */
  backoffMs?: number;
  /** Cap on a server-requested Retry-After (s), so a misbehaving server cannot stall a scan. */
  maxRetryAfterSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestStats {
  requests: number;
  retries: number;
  bytes: number;
}

/**
 * GETs JSON from one context's API server with client-node's authentication (token, client
 * certificate, exec plugins, in-cluster) applied to a raw HTTPS request, so a large list is one
 * buffer and one JSON.parse — no typed-model deserialisation (see bench:list for the measurement).
 */
export class KubeRequester {
  readonly stats: RequestStats = { requests: 0, retries: 0, bytes: 0 };
  /**
   * One keep-alive agent per context: client-node builds a fresh non-keep-alive agent on every
   * applyToHTTPSOptions call, so each page would pay a TCP + TLS handshake (bench:list measured
   * −26% CPU with reuse). Rebuilt when the TLS material changes (an exec plugin rotating a cert).
   */
  private agent: HttpsAgent | null = null;
  private agentKey = '';
  private readonly opts: Required<Omit<RequesterOptions, 'sleep'>> & { sleep: (ms: number) => Promise<void> };

  constructor(
    readonly context: string,
    private readonly kc: KubeConfig,
    opts: RequesterOptions = {},
  ) {
    this.opts = {
      timeoutMs: opts.timeoutMs ?? 30_000,
      maxRetries: opts.maxRetries ?? 4,
      backoffMs: opts.backoffMs ?? 250,
      maxRetryAfterSeconds: opts.maxRetryAfterSeconds ?? 30,
      sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    };
  }

  get server(): string {
    const s = this.kc.getCurrentCluster()?.server;
    if (!s) throw new KubeError(`context ${this.context}: its cluster has no server address`, null, 'BadConfig');
    return s.replace(/\/+$/, '');
  }

  /** GET a path (with query) and parse the JSON body; retries transient failures. */
  async getJson<T>(pathAndQuery: string): Promise<T> {
    let resets = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(pathAndQuery);
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
        const retryable = e.code === 429 || (e.code !== null && e.code >= 500) || e.reason === 'Timeout';
        const reset = e.reason === 'ConnectionReset';
        if (reset && resets < 1) {
          resets++;
          this.stats.retries++;
          continue;
        }
        if (!retryable || attempt >= this.opts.maxRetries) throw e;
        this.stats.retries++;
        const wait = e.retryAfterSeconds !== undefined ? Math.min(e.retryAfterSeconds, this.opts.maxRetryAfterSeconds) * 1000 : this.opts.backoffMs * 2 ** attempt * (0.75 + Math.random() / 2);
        await this.opts.sleep(wait);
      }
    }
  }

  private useKeepAlive(options: RequestOptions): void {
    const fresh = options.agent;
    if (fresh && typeof fresh === 'object' && 'destroy' in fresh) (fresh as HttpsAgent).destroy();
    const key = tlsKey(options);
    if (!this.agent || key !== this.agentKey) {
      this.agent?.destroy();
      const agentOptions: AgentOptions = { keepAlive: true, maxSockets: 8, ca: options.ca, cert: options.cert, key: options.key, pfx: options.pfx, passphrase: options.passphrase, servername: options.servername };
      if (options.rejectUnauthorized !== undefined) agentOptions.rejectUnauthorized = options.rejectUnauthorized;
      this.agent = new HttpsAgent(agentOptions);
      this.agentKey = key;
    }
    options.agent = this.agent;
  }

  /** Close kept-alive connections (the scan of this context is over). */
  close(): void {
    this.agent?.destroy();
    this.agent = null;
  }

  private async once<T>(pathAndQuery: string): Promise<T> {
    const server = this.server;
    const url = new URL(server + pathAndQuery);
    const options: RequestOptions = {
      method: 'GET',
      headers: { Accept: 'application/json', 'User-Agent': 'drydock/0.1 (read-only scanner)' },
      timeout: this.opts.timeoutMs,
    };
    // Fills in CA, client certificate, bearer token (exec plugins and token files included).
    try {
      await this.kc.applyToHTTPSOptions(options);
    } catch (e) {
      throw new KubeError(`context ${this.context}: could not get credentials (${firstLine((e as Error).message)})`, null, 'AuthError');
    }
    if (url.protocol === 'https:' && !this.kc.getCurrentCluster()?.proxyUrl) this.useKeepAlive(options);
    this.stats.requests++;
    const doRequest = url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise<T>((resolve, reject) => {
      const req = doRequest(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(describeTransportError(this.context, server, err)));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          this.stats.bytes += body.length;
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            try {
              resolve(JSON.parse(body.toString('utf8')) as T);
            } catch {
              reject(new KubeError(`context ${this.context}: ${url.pathname} returned invalid JSON`, status, 'BadResponse'));
            }
            return;
          }
          let message = body.toString('utf8').slice(0, 500);
          let reason = res.statusMessage ?? 'Error';
          try {
            const st = JSON.parse(message) as { message?: string; reason?: string };
            message = st.message ?? message;
            reason = st.reason ?? reason;
          } catch {
            // not a Status object
          }
          const retryAfter = Number(res.headers['retry-after']);
          if (status === 401) {
            reject(new KubeError(`context ${this.context}: the API server rejected the credentials (401 Unauthorized) — the token may have expired`, 401, 'Unauthorized'));
            return;
          }
          reject(new KubeError(`context ${this.context}: ${url.pathname}: ${status} ${reason}: ${firstLine(message)}`, status, reason, Number.isFinite(retryAfter) ? retryAfter : undefined));
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', (err: NodeJS.ErrnoException) => reject(describeTransportError(this.context, server, err)));
      req.end();
    });
  }
}

function tlsKey(o: RequestOptions): string {
  return JSON.stringify([o.ca, o.cert, o.key, o.pfx, o.passphrase, o.rejectUnauthorized, o.servername].map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : v ?? null)));
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

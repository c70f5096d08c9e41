import 'server-only';

/** An API or transport failure, already phrased for a person (one line, names the context). */
export class KubeError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
    readonly reason: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
]);

/** Turn a Node transport error into the one-line message a user can act on. */
export function describeTransportError(context: string, server: string, err: NodeJS.ErrnoException): KubeError {
  const code = err.code ?? '';
  if (TLS_CODES.has(code)) {
    return new KubeError(`context ${context}: TLS verification of ${server} failed (${code}: ${err.message}) — check certificate-authority(-data) in the kubeconfig`, null, 'TLSError');
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EAI_AGAIN') {
    return new KubeError(`context ${context}: cannot reach ${server} (${code})`, null, 'Unreachable');
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || err.name === 'TimeoutError') {
    return new KubeError(`context ${context}: ${server} did not answer in time (${code || 'timeout'})`, null, 'Timeout');
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return new KubeError(`context ${context}: the connection to ${server} was reset (${code})`, null, 'ConnectionReset');
  }
  return new KubeError(`context ${context}: request to ${server} failed (${code || err.message})`, null, 'TransportError');
}

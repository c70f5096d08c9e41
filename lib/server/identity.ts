import 'server-only';

/** Who is asking when no reverse proxy says so (or none is configured). */
export const LOCAL_IDENTITY = 'local';

/**
 * The user behind a request, for the audit log: the value of the reverse-proxy header named by
 * `DRYDOCK_IDENTITY_HEADER` (e.g. `X-Forwarded-User`, set by oauth2-proxy and the like). "local" when
 * the variable is unset or the request has no such header. Drydock trusts the header as is: only
 * configure it when the proxy sets (and strips any client-sent copy of) that header.
 */
export function identityOf(request: Request, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const header = env.DRYDOCK_IDENTITY_HEADER?.trim();
  if (!header) return LOCAL_IDENTITY;
  let value: string | null;
  try {
    value = request.headers.get(header);
  } catch {
    return LOCAL_IDENTITY;
  }
  const clean = (value ?? '').replace(/[\x00-\x1f\x7f]/g, '').trim().slice(0, 200);
  return clean || LOCAL_IDENTITY;
}

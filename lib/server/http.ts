import 'server-only';
import { ZodError, type z } from 'zod';
import type { Report } from '../report/types';
import { ExemptionInputError, type Store } from '../store';
import { ScopeError } from '../views/scope';
import type { ScanView } from '../views/scan-view';
import { reportState } from './reports';
import { getScanService, ScanInputError } from './scan-service';

/** Thin route handlers: parse input, call lib, answer report-schema data or `{ error }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorResponse(status: number, message: string, details?: unknown, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { status, message, ...(details !== undefined ? { details } : {}) } }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

export function zodMessage(e: ZodError): string {
  return e.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Runs a handler; turns known errors into 4xx answers and anything else into a 500 that says what failed. */
export async function handle(fn: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof HttpError) return errorResponse(e.status, e.message, e.details, e.headers);
    if (e instanceof ZodError) return errorResponse(400, zodMessage(e), e.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    if (e instanceof ScanInputError) return errorResponse(e.status, e.message);
    if (e instanceof ScopeError) return errorResponse(400, e.message);
    if (e instanceof ExemptionInputError) return errorResponse(400, e.message, e.problems);
    console.error('drydock: request failed', e);
    return errorResponse(500, `internal error: ${(e as Error)?.message ?? String(e)}`);
  }
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new HttpError(400, zodMessage(r.error), r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return r.data;
}

/** Query parameters as an object of last values (lists are read by their own parser). */
export function queryOf(request: Request): { url: URL; params: URLSearchParams; get: (k: string) => string | undefined } {
  const url = new URL(request.url);
  return { url, params: url.searchParams, get: (k) => url.searchParams.get(k) ?? undefined };
}

/** The report a request asks for (`?scan=`), or the HTTP answer that explains why there is none. */
export async function requireReport(scanParam: string | null | undefined): Promise<{ report: Report; scan: ScanView }> {
  if (scanParam !== undefined && scanParam !== null && !/^[A-Za-z0-9._-]{1,100}$/.test(scanParam)) {
    throw new HttpError(400, 'scan must be a scan id such as scan-20261126T100000Z-a1b2c3');
  }
  const s = await reportState(scanParam);
  switch (s.state) {
    case 'ready':
      return { report: s.report, scan: s.scan };
    case 'missing':
      throw new HttpError(404, `no scan ${s.id} (it may have been dropped: only recent scans are kept); GET /api/scans lists them`);
    case 'pending':
      throw new HttpError(503, `scan ${s.scan.id} is still running; try again shortly (GET /api/scans/${s.scan.id} shows its progress)`, { scan: s.scan.id }, { 'Retry-After': '1' });
    case 'failed':
      throw new HttpError(409, `scan ${s.scan.id} failed: ${s.scan.error ?? 'unknown error'}`, { scan: s.scan.id });
    case 'empty':
      throw new HttpError(404, s.kubeconfig ? 'no scan has finished yet; POST /api/scans starts one' : 'no scan yet: no kubeconfig is configured (DRYDOCK_KUBECONFIG); POST /api/scans with manifests to score them');
  }
}

export function attachment(filename: string): Record<string, string> {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, '_');
  return { 'Content-Disposition': `attachment; filename="${safe}"` };
}

/** Why a feature has no data: the history store is off. `needs`: what needs it ("the progress views need it"). */
export function storeOffMessage(needs: string): string {
  return `the history store is off or cannot be opened (see the server log): ${needs} (DATABASE_URL, or DRYDOCK_DB_PATH for SQLite)`;
}

/** The history store (the scan service's, or `store`), or a 503 that says what needs it. */
export async function requireHistoryStore(needs: string, store?: Promise<Store | null>): Promise<Store> {
  const s = await (store ?? getScanService().historyStore());
  if (!s) throw new HttpError(503, storeOffMessage(needs));
  return s;
}

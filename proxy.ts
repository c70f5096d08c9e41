import { NextResponse, type NextRequest } from 'next/server';
import { checkById } from './lib/checks/registry';

/**
 * A fresh nonce per page request and the Content-Security-Policy that allows only scripts carrying
 * it (Next applies the nonce to its own scripts). Styles allow inline attributes: React renders
 * `style=` for bars and virtualized rows. API routes get their headers from next.config.js.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const dev = process.env.NODE_ENV === 'development';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  // /checks/<id> of no check: the not-found page with a real 404. The page's notFound() alone
  // answers 200, because the root loading UI has already streamed the status line.
  const checkId = /^\/checks\/([^/]+)\/?$/.exec(request.nextUrl.pathname)?.[1];
  const unknownCheck = checkId !== undefined && !checkById(decodeURIComponent(checkId));
  const response = unknownCheck
    ? NextResponse.rewrite(new URL('/_not-found', request.url), { status: 404, request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};

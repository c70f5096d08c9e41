// @ts-check
/** Headers every response carries; pages also get a nonce-based CSP from proxy.ts. */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // DRYDOCK_NEXT_DIST_DIR lets parallel builds (one per developer checkout task) keep apart; default .next.
  distDir: process.env.DRYDOCK_NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // The engine is plain TypeScript shared with the CLI; keep client-node out of the bundle.
  serverExternalPackages: ['@kubernetes/client-node', 'better-sqlite3', 'pg'],
  // `npm test` type-checks the whole repository (tsc --noEmit); the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

module.exports = nextConfig;

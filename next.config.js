// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The engine is plain TypeScript shared with the CLI; keep client-node out of the bundle.
  serverExternalPackages: ['@kubernetes/client-node'],
};

module.exports = nextConfig;

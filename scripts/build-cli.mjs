#!/usr/bin/env node
// `npm run build:cli`: bundles cli/main.ts and the pure core it uses into dist/cli.js for Node 20.
// Packages stay external (yaml and zod are runtime dependencies), the repository's own code is
// bundled, so bin/drydock.js needs neither tsx nor TypeScript at run time.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// `--outfile FILE` (tests build to a scratch file; it must stay inside the repository so the
// bundle's external packages resolve from node_modules).
const at = process.argv.indexOf('--outfile');
const outfile = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : 'dist/cli.js';

try {
  await build({
    absWorkingDir: root,
    entryPoints: ['cli/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    // `server-only` throws outside React Server Components; lib/k8s uses it to stay out of client bundles.
    alias: { 'server-only': './testing/server-only-stub.ts' },
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
} catch {
  // esbuild has already printed the errors with file:line; a stack trace would add nothing.
  process.exit(1);
}
console.log(`wrote ${path.relative(root, path.resolve(root, outfile))}`);

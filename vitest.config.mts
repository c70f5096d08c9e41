import { defineConfig } from 'vitest/config';
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);
// scripts/run-tests.mjs asks for a JSON report to count tests (vitest prints no "N passed, N failed" line).
const jsonReport = process.env.VITEST_JSON;

export default defineConfig({
  // `server-only` throws outside a React Server environment; tests run lib/k8s directly.
  resolve: { alias: { '@': path.resolve(root), 'server-only': path.join(root, 'testing', 'server-only-stub.ts') } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', '.next-*/**', 'dist/**'],
    environment: 'node',
    testTimeout: 30_000,
    // On CI one retry: a test that fails once and then passes is reported as flaky by npm test's
    // summary (scripts/run-tests.mjs), not as a red run; locally a failure is a failure.
    retry: process.env.CI ? 1 : 0,
    pool: 'threads',
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});

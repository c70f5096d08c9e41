import { defineConfig } from 'vitest/config';
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);
// scripts/run-tests.mjs asks for a JSON report to count tests (vitest prints no "N passed, N failed" line).
const jsonReport = process.env.VITEST_JSON;

export default defineConfig({
  resolve: { alias: { '@': path.resolve(root) } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', 'dist/**'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'threads',
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});

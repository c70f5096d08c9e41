import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(path.dirname(new URL(import.meta.url).pathname)) } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', 'dist/**'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'threads',
  },
});

import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', '.next-*/**', 'out/**', 'dist/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'bin/**']),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The pure core must run the same in the CLI, the server and the tests.
    files: ['lib/checks/**', 'lib/facts/**', 'lib/apps/**', 'lib/scoring/**', 'lib/patches/**', 'lib/report/**', 'lib/snapshot/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['next', 'next/*', 'react', 'react-dom', '@kubernetes/client-node', '**/k8s/*', '@/lib/k8s/*', 'node:http', 'node:https', 'node:net', 'http', 'https', 'net'], message: 'The core is pure: no Next, React, client-node, lib/k8s or network modules.' },
        ],
      }],
    },
  },
]);

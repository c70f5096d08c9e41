import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderCheckDocs } from '../lib/docs/check-docs';

const target = path.join(__dirname, '..', 'docs', 'checks.md');
const fresh = renderCheckDocs();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing file counts as drift
  }
  if (current !== fresh) {
    console.error('docs/checks.md is out of date with the check registry: run `npm run docs:checks` and commit the result.');
    process.exit(1);
  }
  console.log('docs/checks.md is up to date');
} else {
  writeFileSync(target, fresh);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}

import 'server-only';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Check } from '../checks/types';
import { objectsOfText, scanObjects } from '../scan/scan-objects';

export interface CheckExample {
  file: string;
  yaml: string;
  /** What the check says about it (its first finding's message), when it can be scanned from files. */
  message: string | null;
}

export interface CheckExamples {
  failing: CheckExample | null;
  /** The failing example after Drydock's fix (`fail.<case>.fixed.yaml`). */
  fixed: CheckExample | null;
  passing: CheckExample | null;
  others: string[];
}

/** A fixture's first-line `# fixture: {…}` comment is for the test runner; readers do not need it. */
function withoutDirective(text: string): string {
  return text.replace(/^# fixture: .*\n/, '');
}

function example(dir: string, file: string, check: string): CheckExample {
  const yaml = readFileSync(path.join(dir, file), 'utf8');
  let message: string | null = null;
  try {
    const fromCluster = /"source"\s*:\s*"cluster"/.test(yaml.split('\n', 1)[0] ?? '');
    const report = scanObjects(objectsOfText(yaml, file), { sourceType: fromCluster ? 'cluster' : 'manifests' });
    const f = report.apps.flatMap((a) => a.findings).find((x) => x.check === check && (x.status === 'fail' || x.status === 'pass'));
    message = f?.message ?? null;
  } catch {
    message = null;
  }
  return { file, yaml: withoutDirective(yaml), message };
}

/** The check's fixtures as examples: a failing one (the domain's story when there is one), its fixed form, a passing one. */
export function checkExamples(check: Check, root = process.cwd()): CheckExamples {
  const dir = path.join(root, 'lib', 'checks', check.topic, `${check.id}.fixtures`);
  if (!existsSync(dir)) return { failing: null, fixed: null, passing: null, others: [] };
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const fails = files.filter((f) => f.startsWith('fail.') && !f.includes('.fixed.'));
  const pick = fails.find((f) => /story|envoy|domain/.test(f)) ?? fails[0];
  const pass = files.find((f) => f.startsWith('pass.'));
  const fixedFile = pick ? pick.replace(/\.ya?ml$/, '.fixed.yaml') : undefined;
  return {
    failing: pick ? example(dir, pick, check.id) : null,
    fixed: fixedFile && files.includes(fixedFile) ? example(dir, fixedFile, check.id) : null,
    passing: pass ? example(dir, pass, check.id) : null,
    others: files.filter((f) => f !== pick && f !== pass && f !== fixedFile),
  };
}

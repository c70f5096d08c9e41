import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { AppReport } from '../report/types';
import type { SourceType } from '../snapshot/types';

/**
 * Fixtures sit beside their check: `lib/checks/<topic>/<check-id>.fixtures/`
 *   pass.<case>.yaml        the check passes (at least one pass, no fail) for the app(s)
 *   fail.<case>.yaml        the check fails
 *   fail.<case>.fixed.yaml  the same objects after applying the check's fix(es)
 *   na.<case>.yaml          the check is not applicable
 * A leading comment `# fixture: {json}` sets options (see FixtureOptions).
 *
 * Several clusters (fleet checks): with `"source": "cluster"`, an object annotated
 * `drydock.dev/fixture-cluster: <name>` belongs to cluster <name>; others to the default fixture
 * cluster (FIXTURE_CLUSTER_ANNOTATION in lib/scan/scan-objects.ts). Fixes are applied by
 * kind/namespace/name, so a fleet fixture whose fix is tested gives each cluster's copy its own namespace.
 */
export interface FixtureOptions {
  /** Scan as a live cluster (enables cluster/observed checks). */
  source?: SourceType;
  /** Restrict expectations to this app (by workload name). */
  app?: string;
  /** Expected severity of every fail. */
  severity?: 'critical' | 'warning' | 'info';
  /** Expected number of fail results. */
  count?: number;
  /** Expected container of the fail results. */
  container?: string | null;
  /** Substrings the fail message (or N/A reason) must contain. */
  messageIncludes?: string[];
}

export interface Fixture {
  checkId: string;
  topic: string;
  kind: 'pass' | 'fail' | 'na';
  file: string;
  fixedFile: string | null;
  text: string;
  options: FixtureOptions;
}

const CHECKS_DIR = path.resolve(__dirname);

export function listFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const topic of readdirSync(CHECKS_DIR, { withFileTypes: true })) {
    if (!topic.isDirectory() || topic.name === 'helpers') continue;
    const topicDir = path.join(CHECKS_DIR, topic.name);
    for (const d of readdirSync(topicDir, { withFileTypes: true })) {
      if (!d.isDirectory() || !d.name.endsWith('.fixtures')) continue;
      const checkId = d.name.slice(0, -'.fixtures'.length);
      const dir = path.join(topicDir, d.name);
      for (const f of readdirSync(dir).sort()) {
        if (!/\.ya?ml$/.test(f) || /\.fixed\.ya?ml$/.test(f)) continue;
        const kind = f.split('.')[0];
        if (kind !== 'pass' && kind !== 'fail' && kind !== 'na') throw new Error(`${dir}/${f}: fixture names start with pass., fail. or na.`);
        const file = path.join(dir, f);
        const fixed = file.replace(/\.(ya?ml)$/, '.fixed.$1');
        const text = readFileSync(file, 'utf8');
        out.push({ checkId, topic: topic.name, kind, file, fixedFile: existsSync(fixed) ? fixed : null, text, options: optionsOf(text, file) });
      }
    }
  }
  return out;
}

function optionsOf(text: string, file: string): FixtureOptions {
  const m = /^#\s*fixture:\s*(\{.*\})\s*$/m.exec(text);
  if (!m) return {};
  try {
    return JSON.parse(m[1]!) as FixtureOptions;
  } catch (e) {
    throw new Error(`${file}: bad "# fixture:" options: ${(e as Error).message}`);
  }
}

export function appsInScope(apps: AppReport[], opts: FixtureOptions): AppReport[] {
  return opts.app ? apps.filter((a) => a.name === opts.app) : apps;
}

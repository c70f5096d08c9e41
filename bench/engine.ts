/**
 * `npm run bench:engine`: 10,000 generated workloads (with their Services, PDBs, HPAs, ConfigMaps,
 * claims) through the pure pipeline: manifests text → snapshot → apps + checks + scores → patches.
 * Prints ms per stage. Target: checks + scores ≤ 500 ms on the 2-core dev machine.
 */
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { DEFAULT_CONFIG } from '../lib/config/defaults';
import { planAppPatches } from '../lib/patches/combine';
import { renderPatches } from '../lib/patches/render';
import { CHECKS } from '../lib/checks/registry';
import { buildReport, materializeReportFixes } from '../lib/report/build-report';
import { parseManifestText } from '../lib/snapshot/parse-manifests';
import { snapshotFromEntries } from '../lib/snapshot/read-manifests';
import { generateWorkloads } from '../testing/generate/workloads';

const WORKLOADS = Number(process.env.BENCH_WORKLOADS ?? 10_000);
const PLAN_SAMPLE = Number(process.env.BENCH_PLAN_SAMPLE ?? 200);

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

const objects = generateWorkloads({ workloads: WORKLOADS, namespaces: 100, seed: 1 });
// Realistic input: YAML files of ~100 objects each, as a repository of manifests would hold them.
const files: string[] = [];
for (let i = 0; i < objects.length; i += 100) files.push(objects.slice(i, i + 100).map((o) => stringify(o)).join('---\n'));
const megabytes = files.reduce((n, f) => n + f.length, 0) / 1024 / 1024;

// Warm-up on a small slice so the JIT is not measured.
buildReport(snapshotFromEntries(parseManifestText(files[0]!, 'warm.yaml').entries, [], ['warm']), { config: DEFAULT_CONFIG });

const [snapshot, parseMs] = time(() => {
  const entries = files.flatMap((f, i) => parseManifestText(f, `manifests/${i}.yaml`).entries);
  return snapshotFromEntries(entries, [], ['manifests/']);
});
// The floor under the checks: the same pipeline (apps, QoS and data placement facts, scores,
// roll-ups, the fleet stage) with no check at all. The target has to fit the checks above it.
const [, floorMs] = time(() => buildReport(snapshot, { config: DEFAULT_CONFIG, checks: [] }));
const checkCount = CHECKS.length;
const [report, checksMs] = time(() => buildReport(snapshot, { config: DEFAULT_CONFIG, materializeFixes: false }));
// The patch stage: every fix's JSON Patch and strategic merge partial, as the report carries them.
const [, fixMs] = time(() => materializeReportFixes(report));
const findings = report.apps.reduce((n, a) => n + a.findings.length, 0);
const fixes = report.apps.flatMap((a) => a.findings.filter((f) => f.status === 'fail' && f.fix && f.fix.kind !== 'advice'));

// Patches, as `drydock patch` makes them: per app, every fix combined (applied one by one with a
// rescan between) into one patch per object, rendered as strategic merge, JSON Patch and kustomize.
const fixable = report.apps.filter((a) => a.findings.some((f) => f.status === 'fail' && f.fix && f.fix.kind !== 'advice'));
const sample = fixable.filter((_, i) => i % Math.max(1, Math.floor(fixable.length / PLAN_SAMPLE)) === 0).slice(0, PLAN_SAMPLE);
const objectsOnly = snapshot.objects.map((e) => e.object);
const [, planMs] = time(() => {
  for (const app of sample) {
    const plan = planAppPatches(snapshot, app);
    renderPatches(plan, 'strategic');
    renderPatches(plan, 'json');
    renderPatches(plan, 'kustomize');
  }
});
void objectsOnly;
const perApp = planMs / Math.max(1, sample.length);
const mem = process.memoryUsage();

const rows: [string, string][] = [
  ['workloads (apps)', `${report.apps.length}`],
  ['objects / YAML', `${objects.length} objects, ${megabytes.toFixed(1)} MB in ${files.length} files`],
  ['findings / fixes', `${findings} findings, ${fixes.length} with a patch`],
  ['snapshot (parse YAML)', `${parseMs.toFixed(0)} ms`],
  ['checks + scores', `${checksMs.toFixed(0)} ms  (${((checksMs / report.apps.length) * 1000).toFixed(0)} µs per app; target ≤ 500 ms: ${checksMs <= 500 ? 'PASS' : 'FAIL'})`],
  ['  of which apps + facts + scores alone', `${floorMs.toFixed(0)} ms with no check (the ${checkCount} checks: ≈ ${Math.max(0, checksMs - floorMs).toFixed(0)} ms, ${((Math.max(0, checksMs - floorMs) / Math.max(1, findings)) * 1000).toFixed(1)} µs per finding)`],
  ['patches (every fix as JSON Patch + SMP)', `${fixMs.toFixed(0)} ms`],
  ['patches (combined, 3 formats)', `${perApp.toFixed(1)} ms per fixable app over ${sample.length} sampled → ≈ ${((perApp * fixable.length) / 1000).toFixed(1)} s for all ${fixable.length}`],
  ['total (snapshot + checks + scores + fixes)', `${(parseMs + checksMs + fixMs).toFixed(0)} ms`],
  ['heap used', `${(mem.heapUsed / 1024 / 1024).toFixed(0)} MB (rss ${(mem.rss / 1024 / 1024).toFixed(0)} MB)`],
];
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`bench:engine — ${new Date().toISOString()} — node ${process.version}`);
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);

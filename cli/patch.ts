import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DrydockConfig } from '../lib/config/types';
import { planAppPatches, planNamespacePatches, type PatchPlan } from '../lib/patches/combine';
import { changeMeInPlan, renderPatches, type FileMap } from '../lib/patches/render';
import type { AppReport } from '../lib/report/types';
import type { Snapshot } from '../lib/snapshot/types';
import { oneOf, parseCommandArgs } from './args';
import { PATCH_HELP } from './help';
import { loadCliConfig, scanInput } from './input';
import { type CliIo, EXIT, UsageError } from './io';

export const PATCH_FORMATS = ['strategic', 'json', 'kustomize'] as const;

/**
 * `drydock patch`: scan, plan the fixes (lib/patches/combine.ts), write them (lib/patches/render.ts).
 * strategic|json: one directory per app; kustomize: one overlay per namespace whose base is the
 * scanned manifest files. Stdout lists the directories written, stderr what still needs a person.
 */
export async function patchCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('patch', argv, {
    output: { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f' },
    app: { type: 'string', short: 'a', multiple: true },
    config: { type: 'string', short: 'c' },
    namespace: { type: 'string', short: 'n', multiple: true },
    'safe-only': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(PATCH_HELP);
    return EXIT.ok;
  }
  const format = oneOf('--format', values.format, PATCH_FORMATS, 'strategic');
  if (!values.output?.trim()) throw new UsageError('drydock patch needs --output DIR', true);
  const outDir = path.resolve(io.cwd, values.output);
  const config = await loadCliConfig(io, values.config, values.namespace);
  const { report, snapshot } = await scanInput(io, positionals, config);
  const apps = selectApps(report.apps, values.app ?? []);
  const options = { config, safeOnly: values['safe-only'] === true, now: new Date() };

  const units = format === 'kustomize' ? overlaysByNamespace(snapshot, apps, outDir, options) : apps.map((app) => ({ dir: path.join(outDir, appDirName(app)), plan: planAppPatches(snapshot, app, options), base: undefined }));
  let written = 0;
  let placeholders = 0;
  let unpatched = 0;
  for (const unit of units) {
    const { plan, dir } = unit;
    unpatched += plan.unpatched.filter((u) => u.why !== 'exempt').length;
    if (!plan.targets.length && !plan.resources.length) continue;
    await writeFiles(dir, renderPatches(plan, format, unit.base ? { base: unit.base } : {}).files);
    written++;
    const todo = changeMeInPlan(plan).length;
    placeholders += todo;
    io.stdout.write(`${shownPath(io.cwd, dir)}${todo ? `  (${todo} CHANGE-ME value${todo > 1 ? 's' : ''} to fill)` : ''}\n`);
  }
  if (!written) io.stderr.write(`drydock: nothing to patch: no ${options.safeOnly ? 'safe ' : ''}fix applies to the ${apps.length === 1 ? 'app' : `${apps.length} apps`} scanned\n`);
  if (placeholders) io.stderr.write(`drydock: note: fill the ${placeholders} value${placeholders > 1 ? 's' : ''} marked <CHANGE-ME: …> before applying (each README.md lists them)\n`);
  if (unpatched) io.stderr.write(`drydock: note: ${unpatched} failing finding${unpatched > 1 ? 's have' : ' has'} no patch (advice only, or left out); see "Not patched" in the README files\n`);
  return EXIT.ok;
}

interface Unit {
  dir: string;
  plan: PatchPlan;
  base: string[] | undefined;
}

/**
 * One kustomize overlay per namespace (per cluster and namespace for live scans). Its base lists
 * the scanned files holding that namespace's objects, relative to the overlay; input read from
 * stdin has no file to point at, so such an overlay keeps the default `../base`.
 */
function overlaysByNamespace(snapshot: Snapshot, apps: AppReport[], outDir: string, options: { config: DrydockConfig; safeOnly: boolean; now: Date }): Unit[] {
  const keys = [...new Set(apps.map((a) => `${a.cluster}\u0000${a.namespace}`))];
  return keys.map((key) => {
    const [cluster, namespace] = key.split('\u0000') as [string, string];
    const dir = path.join(outDir, cluster === '-' ? slug(namespace) : `${slug(cluster)}-${slug(namespace)}`);
    const files = [
      ...new Set(
        snapshot.objects
          .filter((e) => e.cluster === cluster && (e.object.metadata.namespace ?? 'default') === namespace && e.source?.file && !e.source.file.startsWith('<'))
          .map((e) => e.source!.file),
      ),
    ];
    const fromStdin = snapshot.objects.some((e) => e.cluster === cluster && e.source?.file === '<stdin>');
    const base = files.length && !fromStdin ? files.map((f) => path.relative(dir, path.resolve(f)).split(path.sep).join('/')) : undefined;
    const plan = planNamespacePatches(snapshot, apps, namespace, { ...options, cluster });
    return { dir, plan, base };
  });
}

/** Apps named by --app (as exemptions name them: full id, namespace/kind/name, kind/name or name); all when none. */
export function selectApps(apps: AppReport[], wanted: string[]): AppReport[] {
  if (!wanted.length) return apps;
  const matches = (a: AppReport, ref: string) =>
    ref === a.id || ref === `${a.namespace}/${a.kind}/${a.name}` || ref === `${a.kind}/${a.name}` || ref === a.name;
  for (const ref of wanted) {
    if (!apps.some((a) => matches(a, ref))) throw new UsageError(`--app ${ref}: no app with that id or name in the input`);
  }
  return apps.filter((a) => wanted.some((ref) => matches(a, ref)));
}

/** `shop-deployment-cart` (cluster first for live scans): one directory per app. */
export function appDirName(app: Pick<AppReport, 'cluster' | 'namespace' | 'kind' | 'name'>): string {
  return [app.cluster === '-' ? null : app.cluster, app.namespace, app.kind, app.name].filter((s): s is string => s !== null).map(slug).join('-');
}

/** Relative to the working directory when inside it, else absolute. */
function shownPath(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'x';
}

async function writeFiles(dir: string, files: FileMap): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    const file = path.resolve(dir, name);
    // File names come from the patch layer; never let one escape the output directory.
    if (path.relative(dir, file).startsWith('..') || path.isAbsolute(path.relative(dir, file))) throw new Error(`refusing to write ${name} outside ${dir}`);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    } catch (e) {
      throw new UsageError(`${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
}


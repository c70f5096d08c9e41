import type { ObjectRef } from '../checks/types';
import { parseAllDocuments } from 'yaml';
import { containsChangeMe, findChangeMe, type ChangeMe } from './change-me';
import type { PlainObject } from './deep';
import { fileStems, refLabel } from './file-names';
import { kustomizeOverlay, scopeLabel, type FileMap, type KustomizeOptions } from './kustomize';
import { supportsStrategicMerge } from './merge-keys';
import type { PatchPlan } from './plan-types';
import { planReadme, readablePath } from './readme';
import { toYaml, toYamlStream } from './yaml';

export { containsChangeMe, findChangeMe, type ChangeMe, type FileMap };

export type PatchFormat = 'strategic' | 'json' | 'kustomize';

export interface RenderedPatches {
  format: PatchFormat;
  /** One text to show or print (for kustomize: every file, each under a header comment). */
  text: string;
  /** The same as files to write or zip: per-object patch files, new objects, a README. */
  files: FileMap;
}

/** A plan in one of the three formats. */
export function renderPatches(plan: PatchPlan, format: PatchFormat, options: KustomizeOptions = {}): RenderedPatches {
  switch (format) {
    case 'strategic':
      return { format, text: renderStrategic(plan), files: perObjectFiles(plan, 'strategic') };
    case 'json':
      return { format, text: renderJson(plan), files: perObjectFiles(plan, 'json') };
    case 'kustomize': {
      const files = kustomizeOverlay(plan, options);
      return { format, text: Object.entries(files).map(([f, t]) => `# ==> ${f} <==\n${t.endsWith('\n') ? t : `${t}\n`}`).join('\n'), files };
    }
  }
}

/** `deployment.apps/web`: what kubectl patch takes, unambiguous across API groups. */
export function kubectlResource(ref: ObjectRef): string {
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  return `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}`;
}

function kubectlPatchCommand(ref: ObjectRef, type: 'strategic' | 'json', file: string): string {
  return `kubectl patch ${kubectlResource(ref)}${ref.namespace ? ` -n ${ref.namespace}` : ''} --type ${type} --patch-file ${file}`;
}

/** The strategic merge body with apiVersion/kind/metadata, so each document says what it patches. */
function strategicDocument(ref: ObjectRef, patch: PlainObject): PlainObject {
  const { metadata, ...rest } = patch;
  return { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}), ...((metadata as PlainObject | undefined) ?? {}) }, ...rest };
}

/**
 * YAML stream: one strategic merge patch per object, then the new objects. `kubectl patch
 * --patch-file` reads only the first document of a file, so each patch goes to its own file (the
 * `files` of renderPatches) or is applied with the command in its comment.
 */
export function renderStrategic(plan: PatchPlan): string {
  return toYamlStream([
    ...plan.targets.map((t) => ({
      value: strategicDocument(t.target, t.strategicMerge),
      comment: [
        `Patch ${refLabel(t.target)} — checks: ${t.checks.join(', ')}`,
        supportsStrategicMerge(t.target.apiVersion) ? kubectlPatchCommand(t.target, 'strategic', '<this document alone>') : 'a custom resource takes no strategic merge patch: use the JSON Patch (--type json)',
        ...changeMeLines(t.changeMe),
      ].join('\n'),
    })),
    ...plan.resources.map((r) => ({ value: r.object, comment: [`New object — checks: ${r.checks.join(', ')}`, 'kubectl apply -f <this document>', ...changeMeLines(r.changeMe)].join('\n') })),
  ]);
}

function changeMeLines(c: ChangeMe[]): string[] {
  return c.length ? [`fill ${c.length} CHANGE-ME value(s) first`] : [];
}

/** JSON: per object its RFC 6902 ops (`patch`) or, for a new object, the object (`create`). */
export function renderJson(plan: PatchPlan): string {
  const entries = [
    ...plan.targets.map((t) => ({ target: t.target, checks: t.checks, patch: t.jsonPatch })),
    ...plan.resources.map((r) => ({ target: { apiVersion: r.object.apiVersion, kind: r.object.kind, namespace: r.object.metadata.namespace ?? null, name: r.object.metadata.name }, checks: r.checks, create: r.object })),
  ];
  return `${JSON.stringify(entries, null, 2)}\n`;
}

function perObjectFiles(plan: PatchPlan, type: 'strategic' | 'json'): FileMap {
  const stems = fileStems(plan);
  const files: FileMap = {};
  const targets = plan.targets.map((t, i) => {
    const file = `patches/${stems.targets[i]}.${type === 'json' ? 'json' : 'strategic.yaml'}`;
    files[file] = type === 'json' ? `${JSON.stringify(t.jsonPatch, null, 2)}\n` : toYaml(strategicDocument(t.target, t.strategicMerge), `Patch ${refLabel(t.target)} — checks: ${t.checks.join(', ')}`);
    return { file, style: type === 'json' ? 'JSON Patch' : 'strategic merge', command: kubectlPatchCommand(t.target, type, file) };
  });
  const resources = plan.resources.map((r, i) => {
    const file = `resources/${stems.resources[i]}.yaml`;
    files[file] = toYaml(r.object, `New object — checks: ${r.checks.join(', ')}`);
    return file;
  });
  const how = ['```sh', ...resources.map((f) => `kubectl apply -f ${f}`), ...targets.map((t) => t.command), '```'];
  files['README.md'] = planReadme(plan, { targets, resources }, `Drydock patches for ${scopeLabel(plan)}`, how);
  return files;
}

/** A placeholder still to fill in a plan: which object, where (pointer and readable), what. */
export interface PlanChangeMe extends ChangeMe {
  object: string;
  field: string;
}

/** The gate: every unfilled placeholder of a plan (empty = safe to apply). */
export function changeMeInPlan(plan: PatchPlan): PlanChangeMe[] {
  return [
    ...plan.targets.flatMap((t) => t.changeMe.map((c) => ({ ...c, object: refLabel(t.target), field: readablePath(t.after, c.path, t.target.kind) }))),
    ...plan.resources.flatMap((r) => r.changeMe.map((c) => ({ ...c, object: `${r.object.kind} ${r.object.metadata.namespace ? `${r.object.metadata.namespace}/` : ''}${r.object.metadata.name}`, field: readablePath(r.object, c.path, r.object.kind) }))),
  ];
}

/**
 * The gate for files a user edited (an overlay, patch files): every placeholder left, with its
 * JSON pointer inside the file (document index first for multi-document YAML). README files are skipped.
 */
export function changeMeInFiles(files: FileMap): (ChangeMe & { file: string })[] {
  const out: (ChangeMe & { file: string })[] = [];
  for (const [file, text] of Object.entries(files)) {
    if (!containsChangeMe(text) || /\.md$/i.test(file)) continue;
    const docs = /\.json$/i.test(file) ? [safeJson(text)] : parseAllDocuments(text).map((d) => d.toJS() as unknown);
    const found = docs.flatMap((doc, i) => findChangeMe(doc, docs.length > 1 ? `/${i}` : ''));
    // Unparsable text, or a placeholder only in a comment: still report the file.
    if (!found.length) out.push({ file, path: '', placeholder: '', what: 'a CHANGE-ME placeholder outside the parsed values (in a comment, or the file does not parse)' });
    out.push(...found.map((c) => ({ ...c, file })));
  }
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

import type { App } from '../../apps/types';
import { editCopy } from '../../patches/copy-on-write';
import { deepClone } from '../../patches/deep';
import { diffJsonPatch } from '../../patches/json-patch';
import { diffStrategicMerge } from '../../patches/strategic-merge';
import type { Json, KubeObject } from '../../snapshot/types';
import { containerIn, ensurePath, isJsonCleanTarget, lazyFix, objectRef, targetRef, type ContainerRef } from '../helpers';
import type { Fix, JsonPatchOp } from '../types';

/** Replace (entry) or remove (null) the env entry at `index` of one container. Order is kept. */
export interface EnvEdit {
  index: number;
  entry: Json | null;
}

export interface EnvFixSpec {
  kind: 'safe' | 'input';
  summary: string;
  edits: EnvEdit[];
  /** New entries appended at the end of env (they shift no existing index). */
  append?: Json[];
  /** Other edits (volumes, mounts, envFrom) of the copy; must leave this container's `env` alone. */
  mutate?: (podSpec: Json, container: Json) => void;
  resources?: KubeObject[];
  /** Entries that must never be written into a patch (credential literals). */
  mustNotEcho?: (entry: Json) => boolean;
}

type Obj = Record<string, unknown>;

/**
 * A fix that edits one container's `env` list, built so that neither patch form repeats an entry it
 * does not change (no env value, and so no credential literal, travels in the patch unless it must):
 * - JSON Patch: in-place edits by index, then removals from the end (a generic array diff would
 *   replace the whole shifted list);
 * - strategic merge: `env` merges by `name`. With duplicate names the server's merge is lossy
 *   (`$patch: delete` removes every entry of that name, kubernetes/kubernetes#58477; a merge hits the
 *   first one), so duplicates get delete directives plus the kept entry in full, or — when nothing
 *   else is exact — the env list sent whole (a `$patch: replace` element).
 * Returns null when the only exact strategic merge would have to repeat an entry `mustNotEcho` guards.
 */
export function containerEnvFix(app: App, ref: ContainerRef, spec: EnvFixSpec): Fix | null {
  const env: Json[] = Array.isArray(ref.container.env) ? ref.container.env : [];
  const names = env.map((e) => String(e?.name));
  // Without duplicate names the fix always exists: derive its patches only when the report needs them.
  if (names.every((n, i) => names.indexOf(n) === i)) {
    return lazyFix({ kind: spec.kind, summary: spec.summary, target: targetRef(app.workload), ...(spec.resources?.length ? { resources: spec.resources } : {}) }, () => {
      const fix = buildContainerEnvFix(app, ref, spec)!;
      return { jsonPatch: fix.jsonPatch, strategicMerge: fix.strategicMerge };
    });
  }
  return buildContainerEnvFix(app, ref, spec);
}

function buildContainerEnvFix(app: App, ref: ContainerRef, spec: EnvFixSpec): Fix | null {
  const before = app.workload;
  const kind = before.kind;
  const env: Json[] = Array.isArray(ref.container.env) ? ref.container.env : [];
  const edits = new Map(spec.edits.map((e) => [e.index, e.entry]));
  const append = spec.append ?? [];
  const kept = env.map((e, i) => (edits.has(i) ? edits.get(i) : e)).filter((e) => e !== null && e !== undefined);
  const newEnv = [...kept, ...append];
  // mid: the workload after spec.mutate; after: mid with this container's new env. Copy-on-write
  // drafts (as objectFix): what the edits leave alone stays the workload's own objects, so neither
  // the copies nor the diffs below walk it. A target that is not JSON-clean takes deep copies.
  const editMid = (copy: Json) => {
    const pod = ensurePath(copy, app.podSpecPath);
    spec.mutate?.(pod, containerIn(pod, ref));
  };
  const editAfter = (copy: Json) => {
    const container = containerIn(ensurePath(copy, app.podSpecPath), ref);
    if (newEnv.length) container.env = newEnv;
    else delete container.env;
  };
  let mid: KubeObject;
  let after: KubeObject;
  if (isJsonCleanTarget(before)) {
    mid = editCopy(before, editMid);
    after = editCopy(mid, editAfter);
  } else {
    mid = deepClone(before);
    editMid(mid);
    after = deepClone(mid);
    editAfter(after);
  }

  const envPath = `${ref.path}/env`;
  const envOps: JsonPatchOp[] = [];
  if (!env.length) {
    if (append.length) envOps.push({ op: 'add', path: envPath, value: deepClone(append) });
  } else if (!newEnv.length) {
    envOps.push({ op: 'remove', path: envPath });
  } else {
    for (const [i, entry] of [...edits].sort((a, b) => a[0] - b[0])) if (entry !== null) envOps.push(...diffJsonPatch(env[i], entry, `${envPath}/${i}`));
    for (const i of [...edits.keys()].filter((i) => edits.get(i) === null).sort((a, b) => b - a)) envOps.push({ op: 'remove', path: `${envPath}/${i}` });
    append.forEach((e, k) => envOps.push({ op: 'add', path: `${envPath}/${kept.length + k}`, value: deepClone(e) }));
  }
  const jsonPatch = [...diffJsonPatch(before, mid), ...envOps];

  const names = env.map((e) => String(e?.name));
  const duplicated = new Set(names.filter((n, i) => names.indexOf(n) !== i));
  let strategicMerge: Obj;
  if (!duplicated.size) {
    strategicMerge = diffStrategicMerge(before as unknown as Obj, after as unknown as Obj, kind);
  } else {
    const envPatch = duplicateSafeEnvPatch(env, edits, append, duplicated, spec.mustNotEcho);
    strategicMerge = diffStrategicMerge(before as unknown as Obj, mid as unknown as Obj, kind);
    const item = smpContainerItem(strategicMerge, app, ref, after);
    if (envPatch === 'unsafe') return null;
    if (!newEnv.length) {
      item.env = null;
    } else if (envPatch === 'replace') {
      // "$patch: replace" as a list element: the server takes the other elements as the whole list.
      if (newEnv.some((e) => spec.mustNotEcho?.(e))) return null;
      item.env = [...deepClone(newEnv), { $patch: 'replace' }];
    } else {
      item.env = envPatch.items;
      if (envPatch.ordered) item['$setElementOrder/env'] = newEnv.map((e) => ({ name: e.name }));
    }
  }
  return {
    kind: spec.kind,
    summary: spec.summary,
    target: objectRef(before),
    jsonPatch,
    strategicMerge,
    ...(spec.resources?.length ? { resources: spec.resources } : {}),
  };
}

/** The `env` items of a strategic merge patch for a list with duplicate names, or how to fall back. */
function duplicateSafeEnvPatch(
  env: Json[],
  edits: Map<number, Json | null>,
  append: Json[],
  duplicated: Set<string>,
  mustNotEcho: ((e: Json) => boolean) | undefined,
): { items: Obj[]; ordered: boolean } | 'replace' | 'unsafe' {
  const items: Obj[] = [];
  let needsOrder = false;
  const done = new Set<string>();
  const afterNames: string[] = [];
  env.forEach((e, i) => {
    if (!edits.has(i)) afterNames.push(String(e?.name));
    else if (edits.get(i) !== null) afterNames.push(String(edits.get(i)?.name));
  });
  afterNames.push(...append.map((e) => String(e?.name)));
  const afterUnique = new Set(afterNames).size === afterNames.length;
  for (const [i, entry] of edits) {
    const name = String(env[i]?.name);
    if (duplicated.has(name)) {
      if (done.has(name)) continue;
      done.add(name);
      const positions = env.map((e, j) => (String(e?.name) === name ? j : -1)).filter((j) => j >= 0);
      const removed = positions.filter((j) => edits.get(j) === null);
      const last = positions[positions.length - 1]!;
      if (removed.length === positions.length) {
        // One directive removes every entry of the name on the server; the local applier removes one each.
        for (let k = 0; k < positions.length; k++) items.push({ name, $patch: 'delete' });
      } else if (removed.length === positions.length - 1 && !edits.has(last)) {
        if (!afterUnique) return 'replace';
        if (mustNotEcho?.(env[last])) return 'unsafe';
        for (let k = 0; k < removed.length; k++) items.push({ name, $patch: 'delete' });
        items.push(deepClone(env[last]) as Obj);
        needsOrder = true;
      } else {
        return 'replace';
      }
    } else if (entry === null) {
      items.push({ name, $patch: 'delete' });
    } else {
      if (String(entry.name) !== name) return 'replace';
      items.push({ name, ...diffStrategicMerge(env[i] as Obj, entry as Obj, '') });
    }
  }
  for (const e of append) {
    if (mustNotEcho?.(e)) return 'unsafe';
    items.push(deepClone(e) as Obj);
    needsOrder = true;
  }
  if (needsOrder && !afterUnique) return 'replace';
  return { items, ordered: needsOrder || afterUnique };
}

/** The patch item for this container inside a strategic merge patch (created when absent). */
function smpContainerItem(smp: Obj, app: App, ref: ContainerRef, after: KubeObject): Obj {
  let cur: Obj = smp;
  for (const tok of app.podSpecPath.split('/').slice(1)) {
    if (!cur[tok] || typeof cur[tok] !== 'object') cur[tok] = {};
    cur = cur[tok] as Obj;
  }
  if (!Array.isArray(cur[ref.list])) cur[ref.list] = [];
  const list = cur[ref.list] as Obj[];
  const orderKey = `$setElementOrder/${ref.list}`;
  if (!cur[orderKey]) {
    // Read only: the names of the containers in `after` (no copy of the workload for it).
    let pod: Json = after;
    for (const tok of app.podSpecPath.split('/').slice(1)) pod = pod?.[tok] !== null && typeof pod?.[tok] === 'object' ? pod[tok] : {};
    const all: Json[] = pod[ref.list] ?? [];
    cur[orderKey] = all.map((c) => ({ name: c?.name }));
  }
  let item = list.find((x) => x.name === ref.name);
  if (!item) {
    item = { name: ref.name };
    list.push(item);
  }
  return item;
}

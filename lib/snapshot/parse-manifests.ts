import { LineCounter, parseAllDocuments } from 'yaml';
import type { InputNote, KubeObject, SnapshotEntry } from './types';
import { MANIFEST_CLUSTER } from './types';
import { sanitizeObject } from './sanitize';

/** Files larger than this are refused: a manifest that big is a mistake or an attack. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Bounds YAML alias expansion ("billion laughs"); the yaml package default is 100. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedManifests {
  entries: SnapshotEntry[];
  notes: InputNote[];
}

/**
 * Parse one file's text: multi-document YAML or JSON, `kind: List` and `*List` objects expanded.
 * A broken document is reported with its file and line and the other documents are still read.
 */
export function parseManifestText(text: string, file: string): ParsedManifests {
  const entries: SnapshotEntry[] = [];
  const notes: InputNote[] = [];
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
    notes.push({ level: 'error', file, message: `${file}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB, refused` });
    return { entries, notes };
  }
  const trimmed = text.trimStart();
  if (file.endsWith('.json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(text);
      const docs = Array.isArray(value) ? value : [value];
      docs.forEach((d, i) => addDocument(d, file, 1, i, entries, notes));
      return { entries, notes };
    } catch {
      // Not strict JSON: fall through to the YAML parser, which reports the line of the problem.
    }
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, index) => {
    const start = doc.range?.[0] ?? 0;
    const contentStart = doc.contents?.range?.[0] ?? start;
    const line = lineCounter.linePos(contentStart).line;
    if (doc.errors.length) {
      const err = doc.errors[0]!;
      const errLine = err.linePos?.[0]?.line ?? line;
      notes.push({ level: 'error', file, line: errLine, message: `${file}:${errLine}: document ${index + 1} is not valid YAML (${firstLine(err.message)}); skipped` });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      notes.push({ level: 'error', file, line, message: `${file}:${line}: document ${index + 1} could not be read (${firstLine((e as Error).message)}); skipped` });
      return;
    }
    if (value === null || value === undefined) return; // empty document (e.g. a trailing ---)
    addDocument(value, file, line, index, entries, notes);
  });
  return { entries, notes };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

function addDocument(value: unknown, file: string, line: number, document: number, entries: SnapshotEntry[], notes: InputNote[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    notes.push({ level: 'info', file, line, message: `${file}:${line}: document ${document + 1} is not a Kubernetes object; skipped` });
    return;
  }
  const obj = value as Record<string, unknown>;
  if (typeof obj.kind !== 'string' || typeof obj.apiVersion !== 'string') {
    notes.push({ level: 'info', file, line, message: `${file}:${line}: document ${document + 1} has no apiVersion/kind (not a Kubernetes object); skipped` });
    return;
  }
  if ((obj.kind === 'List' || obj.kind.endsWith('List')) && Array.isArray(obj.items)) {
    obj.items.forEach((item: unknown, i: number) => {
      const withKind = withListItemKind(item, obj.kind as string, obj.apiVersion as string);
      addDocument(withKind, file, line, document, entries, notes);
      void i;
    });
    return;
  }
  const meta = obj.metadata as Record<string, unknown> | undefined;
  if (!meta || typeof meta.name !== 'string' || !meta.name) {
    if (!(meta && typeof meta.generateName === 'string')) {
      notes.push({ level: 'warning', file, line, message: `${file}:${line}: ${obj.kind} without metadata.name; skipped` });
      return;
    }
  }
  const object = sanitizeObject(obj as unknown as KubeObject);
  entries.push({ cluster: MANIFEST_CLUSTER, object, source: { file, line, document } });
}

/** Items of a typed list (`DeploymentList`) may omit kind/apiVersion. */
function withListItemKind(item: unknown, listKind: string, apiVersion: string): unknown {
  if (typeof item !== 'object' || item === null) return item;
  const o = item as Record<string, unknown>;
  if (typeof o.kind === 'string') return o;
  if (listKind === 'List') return o;
  return { apiVersion, kind: listKind.slice(0, -'List'.length), ...o };
}

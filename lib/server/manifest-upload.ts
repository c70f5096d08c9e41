import 'server-only';
import { MAX_FILE_BYTES, parseManifestText } from '../snapshot/parse-manifests';
import { snapshotFromEntries } from '../snapshot/read-manifests';
import type { InputNote, Snapshot, SnapshotEntry } from '../snapshot/types';

/** A problem with what was asked for (no kubeconfig, an unknown context, no files): a 4xx. */
export class ScanInputError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Uploads: each file is held to the CLI's limit; the whole upload to a few files' worth. */
export const MAX_UPLOAD_FILES = 200;
export const MAX_UPLOAD_TOTAL_BYTES = 3 * MAX_FILE_BYTES;

export interface ManifestFile {
  name: string;
  content: string;
}

/**
 * Refuses an upload as a whole (no files, too many, too large in total: ScanInputError) and
 * returns the names its files are shown under: unique ("a.yaml", "a.yaml (2)"), without any
 * directory part.
 */
export function acceptUpload(files: readonly ManifestFile[]): string[] {
  if (!files.length) throw new ScanInputError('no files were uploaded: send at least one YAML or JSON manifest');
  if (files.length > MAX_UPLOAD_FILES) throw new ScanInputError(`too many files (${files.length}); at most ${MAX_UPLOAD_FILES} per scan`, 413);
  const total = files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  if (total > MAX_UPLOAD_TOTAL_BYTES) throw new ScanInputError(`the upload is ${(total / 1024 / 1024).toFixed(1)} MB; at most ${MAX_UPLOAD_TOTAL_BYTES / 1024 / 1024} MB per scan`, 413);
  return uniqueNames(files.map((f) => f.name));
}

/**
 * The snapshot of uploaded manifest text, file by file, with the CLI's rules: a file over the
 * per-file limit is refused with a note and the others are read; a file that does not parse is a
 * note naming its line.
 */
export function snapshotOfUpload(files: readonly ManifestFile[], names: readonly string[]): Snapshot {
  const entries: SnapshotEntry[] = [];
  const notes: InputNote[] = [];
  files.forEach((f, i) => {
    const name = names[i]!;
    const size = Buffer.byteLength(f.content);
    if (size > MAX_FILE_BYTES) {
      notes.push({ level: 'error', file: name, message: `${name}: ${(size / 1024 / 1024).toFixed(1)} MB is larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB limit; refused` });
      return;
    }
    const parsed = parseManifestText(f.content, name);
    entries.push(...parsed.entries);
    notes.push(...parsed.notes);
  });
  if (!entries.length && !notes.length) notes.push({ level: 'warning', message: 'the uploaded files hold no Kubernetes objects' });
  return snapshotFromEntries(entries, notes, [...names]);
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw) => {
    const base = (raw.split(/[\\/]/).pop() ?? '').trim().slice(0, 200) || 'upload.yaml';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

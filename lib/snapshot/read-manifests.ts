import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_FILE_BYTES, parseManifestText } from './parse-manifests';
import type { InputNote, Snapshot, SnapshotEntry } from './types';
import { MANIFEST_CLUSTER } from './types';

const MANIFEST_EXT = /\.(ya?ml|json)$/i;

export class InputError extends Error {}

/**
 * Build a snapshot from files, directories (recursive *.yaml|*.yml|*.json) and `-` (stdin).
 * A path that does not exist is an InputError (a usage problem); problems inside files are notes.
 */
export async function snapshotFromPaths(paths: string[], readStdin: () => Promise<string> = readAllStdin): Promise<Snapshot> {
  const entries: SnapshotEntry[] = [];
  const notes: InputNote[] = [];
  for (const p of paths) {
    if (p === '-') {
      const parsed = parseManifestText(await readStdin(), '<stdin>');
      entries.push(...parsed.entries);
      notes.push(...parsed.notes);
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? `${p}: no such file or directory` : `${p}: cannot read (${code ?? (e as Error).message})`);
    }
    const files = st.isDirectory() ? await listManifestFiles(p) : [p];
    if (st.isDirectory() && files.length === 0) notes.push({ level: 'warning', file: p, message: `${p}: no *.yaml, *.yml or *.json files found` });
    for (const file of files) {
      const size = (await stat(file)).size;
      if (size > MAX_FILE_BYTES) {
        notes.push({ level: 'error', file, message: `${file}: ${(size / 1024 / 1024).toFixed(1)} MB is larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB limit; refused` });
        continue;
      }
      const parsed = parseManifestText(await readFile(file, 'utf8'), file);
      entries.push(...parsed.entries);
      notes.push(...parsed.notes);
    }
  }
  return snapshotFromEntries(entries, notes, paths);
}

export function snapshotFromEntries(entries: SnapshotEntry[], notes: InputNote[], paths: string[]): Snapshot {
  return {
    source: { type: 'manifests', clusters: [MANIFEST_CLUSTER], paths },
    objects: entries,
    notes,
    errors: [],
    unreadable: [],
  };
}

async function listManifestFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const items = (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const it of items) {
      if (it.name.startsWith('.') || it.name === 'node_modules') continue;
      const full = path.join(d, it.name);
      if (it.isDirectory()) await walk(full);
      else if (it.isFile() && MANIFEST_EXT.test(it.name)) out.push(full);
    }
  };
  await walk(dir);
  return out;
}

/** All of standard input, refused past the manifest size limit. */
export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    total += b.length;
    if (total > MAX_FILE_BYTES) throw new InputError(`<stdin>: larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB limit; refused`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

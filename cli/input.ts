import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_CONFIG } from '../lib/config/defaults';
import { ConfigError, configFromText } from '../lib/config/load-config';
import type { DrydockConfig } from '../lib/config/types';
import { buildReport } from '../lib/report/build-report';
import type { Report } from '../lib/report/types';
import { InputError, snapshotFromPaths } from '../lib/snapshot/read-manifests';
import type { Snapshot } from '../lib/snapshot/types';
import { type CliIo, UsageError } from './io';

export const DEFAULT_CONFIG_FILE = 'drydock.config.yaml';

/**
 * The config: --config FILE (must exist and be valid), else drydock.config.yaml in the working
 * directory when there is one, else the defaults. `namespaces` from --namespace replace the file's.
 */
export async function loadCliConfig(io: CliIo, file: string | undefined, namespaces: string[] | undefined): Promise<DrydockConfig> {
  const shown = file ?? DEFAULT_CONFIG_FILE;
  let text: string | null = null;
  try {
    text = await readFile(path.resolve(io.cwd, shown), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (file || code !== 'ENOENT') throw new UsageError(`${shown}: cannot read the config file (${code ?? (e as Error).message})`);
  }
  let config = DEFAULT_CONFIG;
  if (text !== null) {
    try {
      config = configFromText(text, shown);
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(e.message);
      throw e;
    }
  }
  if (namespaces?.length) {
    const bad = namespaces.find((ns) => !ns.trim());
    if (bad !== undefined) throw new UsageError('--namespace needs a namespace name', true);
    config = { ...config, namespaces: [...new Set(namespaces)] };
  }
  return config;
}

/**
 * Read the paths into a report. Input notes (broken documents with file:line, skipped files) go to
 * stderr and the scan goes on; a path that does not exist is a usage error.
 */
export async function scanInput(io: CliIo, paths: string[], config: DrydockConfig): Promise<{ report: Report; snapshot: Snapshot }> {
  if (!paths.length) throw new UsageError("give at least one path to scan: a file, a directory, or '-' for standard input", true);
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError("'-' (standard input) can be given only once", true);
  const startedAt = new Date();
  let snapshot;
  try {
    snapshot = await snapshotFromPaths(paths, () => io.readStdin());
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    const err = e as NodeJS.ErrnoException;
    if (err.code && err.path) throw new UsageError(`${err.path}: cannot read (${err.code})`);
    throw e;
  }
  const report = buildReport(snapshot, { config, startedAt, now: new Date() });
  for (const note of report.notes) io.stderr.write(`drydock: ${note.level === 'info' ? 'note' : 'warning'}: ${note.message}\n`);
  if (!report.apps.length) {
    const filtered = config.namespaces.length ? ` in namespace${config.namespaces.length > 1 ? 's' : ''} ${config.namespaces.join(', ')}` : '';
    io.stderr.write(`drydock: warning: no workloads found${filtered} in ${paths.join(', ')}\n`);
  }
  return { report, snapshot };
}

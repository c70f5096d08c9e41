import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Severity } from '../lib/checks/types';
import { renderCsv } from '../lib/report/render-csv';
import { renderJson } from '../lib/report/render-json';
import { renderJunit } from '../lib/report/render-junit';
import { renderMarkdown } from '../lib/report/render-markdown';
import { renderSarif } from '../lib/report/render-sarif';
import { renderTable } from '../lib/report/render-table';
import type { Report } from '../lib/report/types';
import { version } from '../package.json';
import { oneOf, parseCommandArgs } from './args';
import { SCAN_HELP } from './help';
import { loadCliConfig, scanInput } from './input';
import { wantsCluster } from './cluster-flags';
import { type CliIo, EXIT, UsageError } from './io';

export const SCAN_FORMATS = ['table', 'json', 'csv', 'sarif', 'junit', 'markdown'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];
const FAIL_ON = ['critical', 'warning'] as const;

export async function scanCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('scan', argv, {
    config: { type: 'string', short: 'c' },
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    'fail-on': { type: 'string' },
    'min-score': { type: 'string' },
    namespace: { type: 'string', short: 'n', multiple: true },
    kubeconfig: { type: 'string', multiple: true },
    context: { type: 'string', multiple: true },
    'all-contexts': { type: 'boolean' },
    'in-cluster': { type: 'boolean' },
    timeout: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(SCAN_HELP);
    return EXIT.ok;
  }
  const format = oneOf('--format', values.format, SCAN_FORMATS, 'table');
  const failOn = values['fail-on'] === undefined ? null : oneOf('--fail-on', values['fail-on'], FAIL_ON, 'critical');
  const minScore = values['min-score'] === undefined ? null : parseMinScore(values['min-score']);
  if (values.output !== undefined && !values.output.trim()) throw new UsageError('--output needs a file name', true);

  const config = await loadCliConfig(io, values.config, values.namespace);
  const cluster = wantsCluster(values);
  if (cluster && positionals.length) throw new UsageError('scan either paths or clusters (--kubeconfig/--context/--all-contexts/--in-cluster), not both', true);
  // The cluster code (client-node) loads only when a cluster is scanned.
  const { report } = cluster ? await (await import('./cluster')).scanClusterInput(io, values, config) : await scanInput(io, positionals, config);

  const toFile = values.output !== undefined && values.output !== '-';
  // https://no-color.org: a non-empty NO_COLOR turns colour off; so does a dumb terminal.
  const color = !toFile && io.stdout.isTTY === true && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  const width = !toFile && io.stdout.isTTY && io.stdout.columns ? Math.max(60, io.stdout.columns) : 100;
  const text = render(report, format, { color, width });
  if (toFile) await writeOutput(path.resolve(io.cwd, values.output!), text);
  else io.stdout.write(text);

  const failures = gateFailures(report, failOn, minScore);
  for (const f of failures) io.stderr.write(`drydock: gate failed: ${f}\n`);
  if (minScore !== null && report.summary.score === null) io.stderr.write('drydock: warning: no app was scored, so --min-score was not applied\n');
  return failures.length ? EXIT.gateFailed : EXIT.ok;
}

export function render(report: Report, format: ScanFormat, table: { color: boolean; width: number }): string {
  switch (format) {
    case 'table':
      return renderTable(report, table);
    case 'json':
      return renderJson(report);
    case 'csv':
      return renderCsv(report);
    case 'sarif':
      return renderSarif(report, { toolVersion: version });
    case 'junit':
      return renderJunit(report);
    case 'markdown':
      return renderMarkdown(report);
  }
}

function parseMinScore(raw: string): number {
  const n = Number(raw);
  if (!raw.trim() || !Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--min-score must be a number from 0 to 100 (got "${raw}")`, true);
  return n;
}

const AT_LEAST: Record<'critical' | 'warning', Severity[]> = { critical: ['critical'], warning: ['critical', 'warning'] };

/**
 * Why the CI gates fail, if they do. --fail-on counts unexempted fails only (an exemption is an
 * accepted risk); --min-score compares the scan's summary score.
 */
export function gateFailures(report: Report, failOn: 'critical' | 'warning' | null, minScore: number | null): string[] {
  const out: string[] = [];
  if (failOn) {
    const hits = report.apps.flatMap((a) => a.findings.filter((f) => f.status === 'fail' && AT_LEAST[failOn].includes(f.severity)));
    if (hits.length) {
      const apps = new Set(report.apps.filter((a) => a.findings.some((f) => hits.includes(f))).map((a) => a.id)).size;
      out.push(`${hits.length} unexempted ${failOn === 'critical' ? 'critical' : 'critical or warning'} finding${hits.length > 1 ? 's' : ''} in ${apps} app${apps > 1 ? 's' : ''} (--fail-on ${failOn})`);
    }
  }
  if (minScore !== null && report.summary.score !== null && report.summary.score < minScore) {
    out.push(`score ${report.summary.score} is below --min-score ${minScore}`);
  }
  return out;
}

async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  } catch (e) {
    throw new UsageError(`${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

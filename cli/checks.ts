import { CHECKS } from '../lib/checks/registry';
import type { CheckMeta } from '../lib/checks/types';
import { padEnd, truncate } from '../lib/report/text-width';
import { oneOf, parseCommandArgs } from './args';
import { CHECKS_HELP } from './help';
import { type CliIo, EXIT } from './io';

/** `drydock checks`: the catalog as the registry has it (the IDs users put in exemptions and gates). */
export function checksCommand(argv: string[], io: CliIo, checks: readonly CheckMeta[] = CHECKS): number {
  const { values, positionals } = parseCommandArgs('checks', argv, {
    format: { type: 'string', short: 'f' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(CHECKS_HELP);
    return EXIT.ok;
  }
  const format = oneOf('--format', values.format, ['table', 'json'] as const, 'table');
  const list = positionals.length ? checks.filter((c) => positionals.some((p) => c.id.startsWith(p) || c.topic === p)) : checks;
  if (format === 'json') {
    const plain = list.map((c) => ({
      id: c.id, title: c.title, topic: c.topic, severity: c.severity, severities: c.severities ?? [c.severity],
      fixKind: c.fixKind, needs: c.needs, summary: c.summary, docs: c.docs, reads: c.reads ?? [],
    }));
    io.stdout.write(`${JSON.stringify(plain, null, 2)}\n`);
    return EXIT.ok;
  }
  // Titles are cut to a terminal's width only; piped output (grep, less -S) keeps them whole.
  const width = io.stdout.isTTY && io.stdout.columns ? Math.max(60, io.stdout.columns) : Number.POSITIVE_INFINITY;
  const idWidth = Math.max(5, ...list.map((c) => c.id.length));
  const head = (cells: [id: string, topic: string, severity: string, fix: string, needs: string]) =>
    `${padEnd(cells[0], idWidth)}  ${padEnd(cells[1], 12)}  ${padEnd(cells[2], 16)}  ${padEnd(cells[3], 6)}  ${padEnd(cells[4], 8)}  `;
  const lines = [`${head(['CHECK', 'TOPIC', 'SEVERITY', 'FIX', 'NEEDS'])}TITLE`];
  for (const c of list) {
    const h = head([c.id, c.topic, (c.severities ?? [c.severity]).join('/'), c.fixKind, c.needs]);
    lines.push(`${h}${truncate(c.title, Math.max(10, width - h.length))}`.trimEnd());
  }
  lines.push('', `${list.length} check${list.length === 1 ? '' : 's'}.`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

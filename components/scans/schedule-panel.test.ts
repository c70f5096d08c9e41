import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ScheduleRun, ScheduleView } from '@/lib/views/schedule-view';
import { SchedulePanel } from './schedule-panel';

const NOW = '2026-11-26T12:00:00.000Z';
const run = (over: Partial<ScheduleRun>): ScheduleRun => ({ outcome: 'scan', at: NOW, scanId: null, status: null, finishedAt: null, apps: null, score: null, grade: null, message: null, adopted: false, ...over });

function render(view: ScheduleView): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchInterval: false } } });
  return renderToStaticMarkup(createElement(QueryClientProvider, { client }, createElement(SchedulePanel, { initial: view })));
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');

describe('SchedulePanel', () => {
  it('shows each entry: interval, contexts, last result with its link, skip or error, next run', () => {
    const html = render({
      now: NOW,
      source: 'config',
      error: null,
      kubeconfig: true,
      entries: [
        {
          id: '1',
          every: '6h',
          everyMs: 6 * 3_600_000,
          contexts: ['prod-eu', 'prod-us'],
          scanned: ['prod-eu', 'prod-us'],
          lastScan: run({ scanId: 'scan-20261126T080000Z-abc123', status: 'done', at: '2026-11-26T08:00:00.000Z', finishedAt: '2026-11-26T08:02:00.000Z', apps: 42, score: 87.5, grade: 'B' }),
          last: run({ outcome: 'skipped', at: '2026-11-26T11:58:00.000Z', scanId: 'scan-x', message: 'skipped: scan scan-x of the same contexts (prod-eu) still running' }),
          nextRunAt: '2026-11-26T14:00:00.000Z',
          running: 'scan-x',
        },
        {
          id: '2',
          every: '1d',
          everyMs: 86_400_000,
          contexts: ['*'],
          scanned: ['prod-eu', 'prod-us', 'staging'],
          lastScan: run({ scanId: 'scan-f', status: 'failed', at: '2026-11-25T12:00:00.000Z', finishedAt: '2026-11-25T12:00:05.000Z', message: 'configuration: bad weights' }),
          last: run({ outcome: 'error', at: '2026-11-26T11:00:00.000Z', message: 'unknown context prod-ap' }),
          nextRunAt: '2026-11-27T11:00:00.000Z',
          running: null,
        },
      ],
    });
    const t = text(html);
    expect(html.match(/data-testid="schedule-row"/g)).toHaveLength(2);
    expect(t).toContain('from schedule: in drydock.config.yaml');
    expect(t).toContain('6h prod-eu, prod-us');
    expect(html).toContain('href="/?scan=scan-20261126T080000Z-abc123"');
    expect(t).toContain('score 87.5 B · 42 apps · finished 3 h 58 min ago (2026-11-26 08:02:00 UTC)');
    expect(t).toContain('skipped: scan scan-x of the same contexts (prod-eu) still running · 2 min ago');
    expect(t).toContain('in 2 h (2026-11-26 14:00:00 UTC)');
    expect(html).toContain('dateTime="2026-11-26T14:00:00.000Z"');
    expect(t).toContain('scan scan-x of these contexts is running');
    expect(t).toContain('every context (prod-eu, prod-us, staging)');
    expect(t).toContain('failed: configuration: bad weights');
    // A failed scan has no report to open.
    expect(html).not.toContain('href="/?scan=scan-f"');
    expect(t).toContain('could not start: unknown context prod-ap · 1 h ago');
    expect(t).toContain('in 23 h');
  });

  it('explains how to configure a schedule when there is none, and shows why one did not start', () => {
    const html = render({ now: NOW, source: null, error: 'DRYDOCK_SCAN_INTERVAL: 1m is too often: scheduled scans run at most every 5m', kubeconfig: true, entries: [] });
    const t = text(html);
    expect(html).toContain('data-testid="schedule-hint"');
    expect(t).toContain('No scans are scheduled');
    expect(t).toContain('DRYDOCK_SCAN_INTERVAL=6h');
    expect(html).toContain('role="alert"');
    expect(t).toContain('1m is too often');
    expect(html).not.toContain('schedule-table');
  });

  it('says so when the schedule cannot run for want of a kubeconfig', () => {
    const html = render({ now: NOW, source: 'env', error: null, kubeconfig: false, entries: [{ id: '1', every: '1h', everyMs: 3_600_000, contexts: null, scanned: null, last: null, lastScan: null, nextRunAt: null, running: null }] });
    const t = text(html);
    expect(t).toContain('No kubeconfig is configured');
    expect(t).toContain("the server's contexts");
    expect(t).toContain('not yet');
  });
});

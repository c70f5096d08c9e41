import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ReportState } from '@/lib/server/reports';
import { ScanPending } from '../scans/scan-pending';
import { linkClass } from '../ui/card';
import { EmptyState, ErrorState } from '../ui/states';

/** What a page shows instead of its content when its report is not there (yet). */
export function ReportGate({ state }: { state: Exclude<ReportState, { state: 'ready' }> }): ReactNode {
  switch (state.state) {
    case 'pending':
      return <ScanPending scan={state.scan} />;
    case 'failed':
      return (
        <ErrorState title="The last scan failed">
          <p>{state.scan.error ?? 'No reason was given.'}</p>
          <p className="mt-2">
            <Link className={linkClass} href="/scans">
              Start another scan
            </Link>
          </p>
        </ErrorState>
      );
    case 'missing':
      return (
        <ErrorState title={`No scan ${state.id}`}>
          <p>Only recent scans are kept in memory; this one is gone or never existed.</p>
          <p className="mt-2">
            <Link className={linkClass} href="/">
              Show the current scan
            </Link>
          </p>
        </ErrorState>
      );
    case 'empty':
      return (
        <EmptyState title="Nothing scanned yet">
          {state.kubeconfig ? (
            <p>No scan has run. Start one on the Scans page.</p>
          ) : (
            <p>No kubeconfig is configured (start the server with DRYDOCK_KUBECONFIG set), but you can upload manifests to score them.</p>
          )}
          <p className="mt-3">
            <Link className={linkClass} href="/scans">
              Go to Scans
            </Link>
          </p>
        </EmptyState>
      );
  }
}

import Link from 'next/link';
import type { ScanView } from '@/lib/views/scan-view';
import { linkClass } from '../ui/card';

/** Says which scan the page shows when it is not the default (live) one. */
export function ScanBanner({ scan, isDefault }: { scan: ScanView; isDefault: boolean }) {
  const what = scan.source.type === 'manifests' ? `uploaded manifests (${scan.source.paths.join(', ') || 'no files'})` : `clusters ${scan.source.clusters.join(', ')}`;
  return (
    <p className="mb-4 text-sm text-slate-600 dark:text-slate-400" data-testid="scan-banner">
      Scan <span className="font-mono">{scan.id}</span> of {what}, finished {scan.finishedAt ? `${scan.finishedAt.slice(0, 16).replace('T', ' ')} UTC` : '—'}.
      {!isDefault && (
        <>
          {' '}
          <Link className={linkClass} href="/">
            Show the current scan
          </Link>
        </>
      )}
    </p>
  );
}

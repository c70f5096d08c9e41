'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useScan } from '@/lib/queries/scans';
import type { ScanView } from '@/lib/views/scan-view';
import { Card } from '../ui/card';
import { ScanProgress } from './scan-progress';

/** Shown while the scan a page needs is running; the page re-renders itself when it is done. */
export function ScanPending({ scan: initial }: { scan: ScanView }) {
  const router = useRouter();
  const { data } = useScan(initial.id, initial);
  const scan = data ?? initial;
  useEffect(() => {
    if (scan.status !== 'running') router.refresh();
  }, [scan.status, router]);
  return (
    <Card title="Scanning…">
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        The first scan of {scan.source.clusters.join(', ') || 'the uploaded files'} is running; this page shows its results as soon as it finishes.
      </p>
      <ScanProgress scan={scan} />
    </Card>
  );
}

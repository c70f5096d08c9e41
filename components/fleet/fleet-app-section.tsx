'use client';
import Link from 'next/link';
import { useFleetApp } from '@/lib/queries/fleet';
import { Card, linkClass } from '../ui/card';
import { ErrorState, Spinner } from '../ui/states';
import { AppClusters } from './app-clusters';
import { RolloutTimeline } from './rollout-timeline';

/**
 * The scorecard's fleet part: for an app that runs in several clusters, its copies side by side
 * ("Clusters") and its roll-out across them over the stored scans ("Roll-out"). Renders nothing
 * for an app that runs in one cluster.
 */
export function FleetAppSection({ appId, scan }: { appId: string; scan: string | null }) {
  const q = useFleetApp(scan, appId);
  if (q.isPending)
    return (
      <div className="mt-4" data-testid="fleet-app-loading">
        <Spinner label="Looking for this app in other clusters…" />
      </div>
    );
  if (q.isError)
    return (
      <div className="mt-4">
        <ErrorState title="The fleet view of this app could not be loaded">
          <p>{q.error.message}</p>
        </ErrorState>
      </div>
    );
  const d = q.data;
  if (!d.fleet) return null;
  const fleetHref = `/fleet${scan ? `?scan=${encodeURIComponent(scan)}` : ''}#fleet-app-${d.fleet.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <div className="mt-4 grid gap-4" data-testid="fleet-app-section">
      <Card
        title={`Clusters (${d.fleet.members.length})`}
        id="clusters"
        actions={
          <Link className={`${linkClass} text-sm`} href={fleetHref}>
            On the fleet page
          </Link>
        }
      >
        <AppClusters app={d.fleet} members={d.members} differing={d.differing} currentId={appId} scan={scan} />
      </Card>
      <Card title="Roll-out" id="rollout">
        <RolloutTimeline timeline={d.rollout} app={d.fleet} note={d.rolloutNote} />
      </Card>
    </div>
  );
}

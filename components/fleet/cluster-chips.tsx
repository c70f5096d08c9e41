import Link from 'next/link';
import type { FoldMember } from '@/lib/views/fleet-fold';
import { VERDICT_TITLES } from '@/lib/views/app-filters';
import { appHref } from '@/lib/views/hrefs';
import { VERDICT_CLASS } from '../ui/badges';

/** The clusters of a folded apps-list row: one chip per cluster, coloured by its verdict, each opening that copy. */
export function ClusterChips({ members, scan }: { members: FoldMember[]; scan: string | null }) {
  return (
    <span className="flex gap-1">
      {members.map((m) => (
        <Link key={m.appId} href={appHref(m, scan)} prefetch={false} className={`rounded-full px-1.5 py-0.5 text-xs font-medium hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 ${VERDICT_CLASS[m.verdict]}`} title={`${m.appId}: ${VERDICT_TITLES[m.verdict]}`} data-testid="cluster-chip">
          {m.cluster}
        </Link>
      ))}
    </span>
  );
}
